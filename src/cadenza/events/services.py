"""Writes for series, events, programmes, credits and awards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Q

from cadenza import bulkinsert
from cadenza.events.models import Award, Credit, Event, Programme, ProgrammeItem, Series
from cadenza.folding import clean_name, clean_text
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument, Work


@dataclass(frozen=True)
class ItemSpec:
    """One line of a programme, before it is saved."""

    kind: str = ProgrammeItem.Kind.WORK
    work: Work | None = None
    movements: Sequence[Work] = ()
    title_as_printed: str = ""
    notes: str = ""
    credits: Sequence[CreditSpec] = field(default_factory=tuple)


@dataclass(frozen=True)
class CreditSpec:
    role: str
    agent: Agent | None = None
    credited_as: str = ""
    instrument: Instrument | None = None


@transaction.atomic
def programme_create(*, title: str = "", items: Sequence[ItemSpec], notes: str = "") -> Programme:
    """Create a programme with its items, in the order given, and their credits."""
    programme = Programme.objects.create(title=clean_name(title), notes=clean_text(notes))
    for position, spec in enumerate(items, start=1):
        if spec.kind == ProgrammeItem.Kind.INTERMISSION and spec.work is not None:
            raise ValueError(f"Item {position}: an intermission cannot have a work.")
        is_work = spec.kind != ProgrammeItem.Kind.INTERMISSION
        if is_work and spec.work is None and not spec.title_as_printed:
            raise ValueError(f"Item {position}: a work item needs a work or a printed title.")
        for movement in spec.movements:
            if spec.work is None or movement.parent_id != spec.work.pk:
                raise ValueError(f"Item {position}: {movement} is not a movement of {spec.work}.")
        item = ProgrammeItem.objects.create(
            programme=programme,
            position=position,
            kind=spec.kind,
            work=spec.work,
            title_as_printed=clean_name(spec.title_as_printed),
            notes=clean_text(spec.notes),
        )
        if spec.movements:
            item.movements.set(spec.movements)
        for order, credit in enumerate(spec.credits):
            credit_add(item=item, position=order, **_credit_kwargs(credit))
    return programme


def _credit_kwargs(spec: CreditSpec) -> dict[str, Any]:
    return {
        "role": spec.role,
        "agent": spec.agent,
        "credited_as": spec.credited_as,
        "instrument": spec.instrument,
    }


def event_ensure(
    *,
    name: str,
    kind: str = Event.Kind.CONCERT,
    venue: Place | None = None,
    date: PartialDate | None = None,
    starts_at: datetime | None = None,
    narrative_order: int | None = None,
    performer: Agent | None = None,
    **details: Any,
) -> Event:
    """Find an event by (name, venue, date) or create it. With `performer`, only an event
    crediting that performer (on the event or on a programme item) is the same event:
    "Local concerts and recitals" of one musician's story are not another's."""
    name = clean_name(name)
    date = date or PartialDate()
    fields = date.as_fields("date")
    found = Event.objects.filter(name=name, venue=venue, **fields)
    if performer is not None:
        # Credited on the event, or on an item of its programme (a soloist's concerto).
        on_items = Q(programme__items__credits__agent=performer)
        found = found.filter(Q(credits__agent=performer) | on_items).distinct()
    event = found.first()
    if event is not None:
        return event
    event = Event(
        name=name,
        kind=kind,
        venue=venue,
        starts_at=starts_at,
        narrative_order=narrative_order,
        **fields,
        **details,
    )
    event.full_clean()
    event.save()
    return event


def credit_add(
    *,
    role: str,
    event: Event | None = None,
    item: ProgrammeItem | None = None,
    agent: Agent | None = None,
    credited_as: str = "",
    instrument: Instrument | None = None,
    position: int = 0,
) -> Credit:
    """Credit someone on a whole event or on one programme item; the same credit once."""
    if (event is None) == (item is None):
        raise ValueError("A credit belongs to an event or to a programme item, not both.")
    credited_as = clean_name(credited_as)
    if agent is None and not credited_as:
        raise ValueError("A credit needs an agent or the name as credited.")
    existing = Credit.objects.filter(
        event=event, item=item, agent=agent, role=role, credited_as=credited_as
    ).first()
    if existing is not None:
        return existing
    credit = Credit(
        event=event,
        item=item,
        agent=agent,
        role=role,
        credited_as=credited_as,
        instrument=instrument,
        position=position,
    )
    credit.full_clean()
    credit.save()
    return credit


def award_add(
    *,
    agent: Agent,
    competition: Series | None = None,
    competition_as_stated: str = "",
    prize: str = "",
    rank: int | None = None,
    year: int | None = None,
    narrative_order: int | None = None,
    represents_several: bool = False,
) -> Award:
    competition_as_stated, prize = clean_name(competition_as_stated), clean_name(prize)
    if competition is None and not competition_as_stated:
        raise ValueError(
            "An award needs a competition, or the competition as the source states it."
        )
    existing = Award.objects.filter(
        agent=agent,
        competition=competition,
        competition_as_stated=competition_as_stated,
        prize=prize,
        year=year,
    ).first()
    if existing is not None:
        return existing
    award = Award(
        agent=agent,
        competition=competition,
        competition_as_stated=competition_as_stated,
        prize=prize,
        rank=rank,
        year=year,
        narrative_order=narrative_order,
        represents_several=represents_several,
    )
    award.full_clean()
    award.save()
    return award


class ProgrammeRow(NamedTuple):
    id: int
    title: str


class EventRow(NamedTuple):
    id: int
    name: str
    kind: str
    status: str
    series_id: int | None
    venue_id: int | None
    programme_id: int
    date_year: int | None
    date_month: int | None
    date_day: int | None
    starts_at: datetime | None
    category: str
    source_ref: str


class ItemRow(NamedTuple):
    id: int
    programme_id: int
    position: int
    kind: str
    work_id: int | None
    title_as_printed: str
    source_ref: str
    notes: str = ""  # what was played of the work, when the source says only that ('Excerpts')


class CreditRow(NamedTuple):
    event_id: int | None
    item_id: int | None
    agent_id: int | None
    role: str
    instrument_id: int | None
    credited_as: str
    position: int
    source_ref: str


class MovementRow(NamedTuple):
    programmeitem_id: int
    work_id: int


class SeriesRow(NamedTuple):
    id: int
    name: str
    kind: str


def series_insert(*, rows: Sequence[SeriesRow]) -> int:
    """Create many series with ids chosen by the caller (importers)."""
    kinds = set(Series.Kind.values)
    for row in rows:
        if not row.name.strip() or len(row.name) > 300 or row.kind not in kinds:
            raise ValueError(f"Series {row.name!r} ({row.kind!r}): a name and a known kind.")
    return bulkinsert.insert_tuples(Series, rows)


def programmes_insert(*, rows: Sequence[ProgrammeRow]) -> int:
    """Insert many programmes at once (importers): rows, not model instances, for speed."""
    return bulkinsert.insert_tuples(Programme, rows)


def _events_checked(rows: Sequence[EventRow]) -> None:
    kinds, statuses = set(Event.Kind.values), set(Event.Status.values)
    # Each distinct date checked once: an archive's concerts share a few thousand dates.
    for date in {(row.date_year, row.date_month, row.date_day) for row in rows}:
        PartialDate(*date)  # raises on a bad date
    for row in rows:
        if row.kind not in kinds or row.status not in statuses:
            raise ValueError(f"Event {row.name!r}: unknown kind {row.kind!r} or status.")


def events_insert(*, rows: Sequence[EventRow]) -> int:
    """Insert many events with ids chosen by the caller (importers)."""
    _events_checked(rows)
    return bulkinsert.insert_tuples(Event, rows)


def items_insert(*, rows: Sequence[ItemRow]) -> int:
    """Insert many programme items with ids chosen by the caller (importers)."""
    interval = ProgrammeItem.Kind.INTERMISSION.value
    for row in rows:
        if (row.kind == interval) != (row.work_id is None):
            raise ValueError(f"Item {row.source_ref}: a work item needs a work, an interval none.")
    return bulkinsert.insert_tuples(ProgrammeItem, rows)


def item_movements_insert(*, rows: Sequence[MovementRow]) -> int:
    """Link programme items to the movements they played."""
    return bulkinsert.insert_tuples(ProgrammeItem.movements.through, rows)


def credits_insert(*, rows: Sequence[CreditRow]) -> int:
    """Insert many credits, each on an event or on a programme item."""
    for row in rows:
        if (row.event_id is None) == (row.item_id is None):
            raise ValueError("A credit belongs to an event or to a programme item, not both.")
        if row.agent_id is None and not row.credited_as:
            raise ValueError("A credit needs an agent or the name as credited.")
    return bulkinsert.insert_tuples(Credit, rows)


def events_update(*, rows: Sequence[EventRow], fields: Sequence[str] | None = None) -> int:
    """Rewrite events in place from rows (an archive's newer release), all their fields or
    only `fields` (those that changed): the ids stay, so what users attached to an event
    (reviews, their own credits) stays with it."""
    _events_checked(rows)
    return bulkinsert.update_tuples(Event, rows, fields)


def events_delete(*, ids: Sequence[int]) -> int:
    """Delete events (a concert no longer in its source), with their credits."""
    deleted = 0
    for start in range(0, len(ids), bulkinsert.IDS_PER_STATEMENT):
        deleted += Event.objects.filter(
            pk__in=ids[start : start + bulkinsert.IDS_PER_STATEMENT]
        ).delete()[0]
    return deleted
