"""Programmes a newer release changed: what the archive wrote into them before is read
back and compared with the rows the release gives (`rows.RowBuilder`), by what they say,
not by their ids, and only what differs is written again.

A concert keeps its event (updated in place) while the archive still lists it; an
orchestra credit that is the same stays. A programme whose items, their credits and the
movements they played are the same keeps them, ids and all (and what users attached to
them); one whose works part changed has the archive's items deleted and inserted anew.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any, cast

from cadenza.events.models import Event, ProgrammeItem
from cadenza.events.services import (
    CreditRow,
    EventRow,
    credits_insert,
    events_delete,
    events_insert,
    events_update,
)
from cadenza.events.sourced import (
    SourcedItems,
    credits_delete,
    programme_items_sourced_delete,
    programmes_sourced_events,
    programmes_sourced_items,
)
from cadenza.ingest.nyphil.records import Program
from cadenza.ingest.nyphil.rows import RowBuilder, items_write


def rewrite(builder: RowBuilder, pairs: list[tuple[Program, int]]) -> None:
    """Rewrite changed programs (with their programme ids) where they changed."""
    _rewrite_events(builder, pairs)
    _rewrite_items(builder, pairs)


def _rewrite_events(builder: RowBuilder, pairs: list[tuple[Program, int]]) -> None:
    programmes = {pk: program for program, pk in pairs}
    before, before_credits = programmes_sourced_events(programme_ids=list(programmes))
    events: dict[int, dict[str, EventRow]] = defaultdict(dict)
    for row in before:
        events[row.programme_id][row.source_ref] = row
    gone: list[EventRow] = []
    kept: list[EventRow] = []
    changed: list[EventRow] = []
    fields: set[str] = set()  # those that changed, in any of them
    new: list[EventRow] = []
    for program, programme_id in pairs:
        fresh = [builder.event_row(0, program, programme_id, c) for c in program.concerts]
        matched, unmatched = _matched(fresh, events.pop(programme_id, {}))
        gone += unmatched
        for row, old in zip(fresh, matched, strict=True):
            if old is None:
                new.append(row)
                continue
            row = row._replace(id=old.id)
            kept.append(row)
            if row != old:
                changed.append(row)
                fields.update(f for f, a, b in zip(row._fields, row, old, strict=True) if a != b)
    summary = builder.summary
    summary.updated["concerts"] += len(changed)
    summary.unchanged["concerts"] += len(kept) - len(changed)
    ids = iter(builder.ids.take(Event, len(new)))
    new = [row._replace(id=next(ids)) for row in new]
    events_update(rows=changed, fields=sorted(fields))
    events_insert(rows=new)
    summary.added["concerts"] += len(new)
    for row in gone:
        guid = programmes[row.programme_id].guid
        summary.notes.append(
            f"Program {guid}: {row.source_ref} is no longer in the archive; removed."
        )
    events_delete(ids=[row.id for row in gone])
    # The orchestra's credit on each concert: one the same as before stays.
    credited: dict[int | None, list[tuple[int, CreditRow]]] = defaultdict(list)
    for pk, before_credit in before_credits:
        credited[before_credit.event_id].append((pk, before_credit))
    stale: list[int] = []
    credits: list[CreditRow] = []
    for row in [*kept, *new]:
        credit = builder.orchestra_credit(programmes[row.programme_id], row.id, row.source_ref)
        was = credited.get(row.id, [])
        if [c for _, c in was] != ([credit] if credit else []):
            stale += [pk for pk, _ in was]
            if credit:
                credits.append(credit)
    credits_delete(ids=stale)
    credits_insert(rows=credits)


def _rewrite_items(builder: RowBuilder, pairs: list[tuple[Program, int]]) -> None:
    # In the order the record's rows are read (`SourcedItems`), by programme id. Ids are
    # taken for every item; those of programmes left as they were go unused (the next
    # import takes them again: `IdBlocks` starts past the highest id held).
    pairs = sorted(pairs, key=itemgetter(1))
    count = sum(len(program.entries) for program, _ in pairs)
    ids = iter(builder.ids.take(ProgrammeItem, count))
    items, credits, movements = builder.item_rows(pairs, ids)
    was = programmes_sourced_items(programme_ids=[pk for _, pk in pairs])
    # Each row as what it says: its item named by programme and position.
    place = {item.id: (item.programme_id, item.position) for item in items}
    now = SourcedItems(
        [item[1:] for item in items],
        [(*place[cast(int, credit.item_id)], *credit[2:]) for credit in credits],
        [(*place[m.programmeitem_id], m.work_id) for m in movements],
    )
    if now == was:  # the usual case: no programme's works changed
        return
    changed = (
        _differing(_by_programme(now.items), _by_programme(was.items))
        | _differing(_by_programme(now.credits), _by_programme(was.credits))
        | _differing(_by_programme(now.movements), _by_programme(was.movements))
    )
    programme_items_sourced_delete(programme_ids=sorted(changed))
    written = {item.id for item in items if item.programme_id in changed}
    items_write(
        [item for item in items if item.id in written],
        [credit for credit in credits if credit.item_id in written],
        [movement for movement in movements if movement.programmeitem_id in written],
    )


def _by_programme(rows: Sequence[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Rows in programme order (their first value), by programme."""
    return {pk: list(group) for pk, group in groupby(rows, key=itemgetter(0))}


def _differing(now: dict[int, list[Any]], was: dict[int, list[Any]]) -> set[int]:
    """The programmes whose rows differ (in what they say, or in their order)."""
    return {pk for pk in now.keys() | was.keys() if now.get(pk) != was.get(pk)}


def _matched(
    fresh: list[EventRow], before: dict[str, EventRow]
) -> tuple[list[EventRow | None], list[EventRow]]:
    """The event each of a programme's concerts was before (or None), and the events no
    concert is any more. A concert is its day, time and place first, its position in the
    programme second: a newer release that adds a concert before the others must not
    move the reviews and credits users attached to the others."""
    left = dict(before)
    at: dict[tuple[object, ...], list[EventRow]] = defaultdict(list)  # in the record's order
    for old in before.values():
        at[_when_and_where(old)].append(old)
    found: list[EventRow | None] = [None] * len(fresh)
    for i, row in enumerate(fresh):
        same = at.get(_when_and_where(row))
        if same:
            found[i] = left.pop(same.pop(0).source_ref)
    for i, row in enumerate(fresh):
        if found[i] is None and row.source_ref in left:
            found[i] = left.pop(row.source_ref)
    return found, list(left.values())


def _when_and_where(row: EventRow) -> tuple[object, ...]:
    return (row.date_year, row.date_month, row.date_day, row.starts_at, row.venue_id)
