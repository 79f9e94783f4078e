"""What people play, from their credits: an archive credits a soloist with an instrument on
every concert ("Isaac Stern, violin") but says nowhere that Stern is a violinist.

`agent_instruments_refresh` derives, for every agent credited with an instrument, one
`people.AgentInstrument` per instrument with the number of concerts that credit them with
it; the agent's page, the biographies, search and the browse pages then read them as they
read the instruments a biography states. Derived rows (`stated=False`) follow the credits:
they are added, counted again and removed as the credits change. Rows a source states are
kept whatever the credits say, and get their count too. The archive importer and the demo
loader call it after they write; it is safe to run at any time.

A concert counts once however many of its works credit the instrument, and only concerts
that took place count (`performed.py`: not planned, cancelled, future or rehearsed): the
figure is concerts, as every appearance figure is.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db import connection, transaction

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.performed import performed_sql
from cadenza.people.models import AgentInstrument
from cadenza.people.services import (
    AgentInstrumentCount,
    AgentInstrumentRow,
    agent_instruments_write,
)
from cadenza.repertoire.models import Instrument


class InstrumentRefresh(NamedTuple):
    added: int
    updated: int
    removed: int


def concerts_counted(*, role: str | None = None, per_instrument: bool = False) -> list[tuple]:
    """(agent id, [instrument id,] concerts that took place crediting them), most first:
    one grouped query over the credits on whole events and those on programme items (with
    the concerts that played the programme). In one role only if given; per instrument
    (credits naming one) if asked. A concert counts once however many works credit them."""
    credit, item, event = (m._meta.db_table for m in (Credit, ProgrammeItem, Event))
    named = "c.agent_id IS NOT NULL"
    params: list[str] = []
    if per_instrument:
        named += " AND c.instrument_id IS NOT NULL"
    if role is not None:
        named += " AND c.role = %s"
        params.append(role)
    took_place, when = performed_sql("e")  # the appearance rule, as every figure
    keys = "agent_id, instrument_id" if per_instrument else "agent_id"
    sql = f"""
        SELECT {keys}, COUNT(DISTINCT event_id) AS n FROM (
            SELECT c.agent_id, c.instrument_id, c.event_id
            FROM {credit} c JOIN {event} e ON e.id = c.event_id
            WHERE {named} AND {took_place}
            UNION ALL
            SELECT c.agent_id, c.instrument_id, e.id
            FROM {credit} c JOIN {item} i ON i.id = c.item_id
            JOIN {event} e ON e.programme_id = i.programme_id
            WHERE {named} AND {took_place}
        ) credited GROUP BY {keys} ORDER BY n DESC, {keys}"""
    with connection.cursor() as cursor:
        args: list[Any] = [*params, *when, *params, *when]
        cursor.execute(sql, args)
        return [tuple(row) for row in cursor.fetchall()]


def credited_concerts() -> dict[tuple[int, int], int]:
    """(agent id, instrument id) → concerts that took place crediting them with it."""
    return {
        (agent, instrument): n for agent, instrument, n in concerts_counted(per_instrument=True)
    }


class _Held(NamedTuple):
    id: int
    agent_id: int
    instrument_id: int
    position: int
    stated: bool
    concerts: int


@transaction.atomic
def agent_instruments_refresh() -> InstrumentRefresh:
    """Bring every agent's instruments in line with their credits (see the module)."""
    counted = credited_concerts()
    rows = AgentInstrument.objects.values_list(*_Held._fields)
    held = {(row.agent_id, row.instrument_id): row for row in map(_Held._make, rows)}
    names = dict(Instrument.objects.values_list("pk", "name"))  # ties, the same in any run
    gone = [row.id for key, row in held.items() if not row.stated and key not in counted]
    kept = {key: row for key, row in held.items() if row.stated or key in counted}
    # Positions: the stated instruments first, as stated; then the derived ones, the most
    # played first (0 is the main instrument when no source states one).
    by_agent: dict[int, list[tuple[int, int]]] = {}
    for key in [*kept, *(k for k in counted if k not in kept)]:
        by_agent.setdefault(key[0], []).append(key)
    new: list[AgentInstrumentRow] = []
    changed: list[AgentInstrumentCount] = []
    for keys in by_agent.values():
        stated = [kept[k] for k in keys if k in kept and kept[k].stated]
        derived = sorted(
            (k for k in keys if k not in kept or not kept[k].stated),
            key=lambda k: (-counted[k], names[k[1]]),
        )
        first = max((row.position for row in stated), default=-1) + 1
        wanted = [(row.agent_id, row.instrument_id, row.position) for row in stated]
        wanted += [(*k, first + offset) for offset, k in enumerate(derived)]
        for agent_id, instrument_id, position in wanted:
            concerts = counted.get((agent_id, instrument_id), 0)
            row = kept.get((agent_id, instrument_id))
            if row is None:
                new.append(AgentInstrumentRow(agent_id, instrument_id, position, False, concerts))
            elif (row.position, row.concerts) != (position, concerts):
                changed.append(AgentInstrumentCount(row.id, position, concerts))
    if gone:
        AgentInstrument.objects.filter(pk__in=gone).delete()
    agent_instruments_write(new=new, changed=changed)
    return InstrumentRefresh(added=len(new), updated=len(changed), removed=len(gone))
