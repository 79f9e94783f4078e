"""An agent's performances: at each event, their credits and the works those covered,
read in a fixed number of queries whatever the length of the career."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, QuerySet

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.selectors import VENUE_CHAIN, agent_events, event_date
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent
from cadenza.repertoire.models import CatalogueNumber, Work


@dataclass
class PlayedItem:
    """A programme item as an appearance lists it, read once into plain values."""

    item: ProgrammeItem
    catalogue: str = ""  # 'Op. 67, BWV 1007'
    movements: list[str] = field(default_factory=list)

    @property
    def work(self) -> Work | None:
        return self.item.work

    @cached_property
    def url(self) -> str:
        """The work's address, reversed once however many events share this item."""
        return self.item.work.get_absolute_url() if self.item.work is not None else ""

    @property
    def is_intermission(self) -> bool:
        return self.item.kind == ProgrammeItem.Kind.INTERMISSION

    def __str__(self) -> str:
        return str(self.item)


def programme_played_items(programme_ids: list[int]) -> dict[int, dict[int, PlayedItem]]:
    """The programmes' items in order, by programme and item id.

    Three queries (items with their works, movements played, catalogue numbers) read
    as plain values: a prefetch would build a queryset per item, which costs more than
    the queries themselves on an archive page.
    """
    items = list(
        ProgrammeItem.objects.filter(programme_id__in=programme_ids)
        .select_related("work")
        .order_by("programme_id", "position")
    )
    item_ids = [item.pk for item in items]
    movements: dict[int, list[str]] = {}
    rows = (
        ProgrammeItem.movements.through.objects.filter(programmeitem_id__in=item_ids)
        .order_by("work__position", "work_id")
        .values_list("programmeitem_id", "work__title")
    )
    for item_id, title in rows:
        movements.setdefault(item_id, []).append(title)
    numbers: dict[int, list[str]] = {}
    work_ids = {item.work_id for item in items if item.work_id is not None}
    for work_id, catalogue, number in (
        CatalogueNumber.objects.filter(work_id__in=work_ids)
        .order_by("catalogue", "number")
        .values_list("work_id", "catalogue", "number")
    ):
        numbers.setdefault(work_id, []).append(f"{catalogue} {number}")
    played: dict[int, dict[int, PlayedItem]] = {pk: {} for pk in programme_ids}
    for item in items:
        played[item.programme_id][item.pk] = PlayedItem(
            item=item,
            catalogue=", ".join(numbers.get(item.work_id or 0, [])),
            movements=movements.get(item.pk, []),
        )
    return played


@dataclass
class Performance:
    """An event an agent took part in: their credits there and the works it involved."""

    event: Event
    credits: list[Credit] = field(default_factory=list)
    items: list[PlayedItem] = field(default_factory=list)

    @cached_property
    def date(self) -> PartialDate:
        return event_date(self.event)

    @property
    def roles(self) -> list[str]:
        """Each role once ('Conductor', 'Soloist, violin'), however many items it covers."""
        seen: dict[str, None] = {}
        for credit in self.credits:
            label = credit.get_role_display()
            if credit.instrument is not None:
                label += f", {credit.instrument.name}"
            seen.setdefault(label, None)
        return list(seen)

    @property
    def names_as_credited(self) -> list[str]:
        return sorted({c.credited_as for c in self.credits if c.credited_as})


def agent_performances(*, agent: Agent, events: QuerySet[Event] | None = None) -> list[Performance]:
    """The agent's performances (all, or those among `events`), with credits and works.

    Five queries whatever the number of events: events, credits, programme items,
    movements and catalogue numbers.
    """
    chosen = agent_events(agent=agent) if events is None else events
    events_list = list(chosen.select_related(VENUE_CHAIN))
    programme_ids = sorted({e.programme_id for e in events_list if e.programme_id is not None})
    credits = list(
        Credit.objects.filter(agent=agent)
        .filter(Q(event__in=[e.pk for e in events_list]) | Q(item__programme__in=programme_ids))
        .select_related("instrument")
        .order_by("position", "pk")
    )
    # Each programme's items, read once however many of the events share it.
    played = programme_played_items(programme_ids)
    by_event = {event.pk: Performance(event=event) for event in events_list}
    item_programme = {pk: programme_id for programme_id, items in played.items() for pk in items}
    by_programme: dict[int, list[Performance]] = {}
    for perf in by_event.values():
        if perf.event.programme_id is not None:
            by_programme.setdefault(perf.event.programme_id, []).append(perf)
    chosen_items: dict[int, dict[int, PlayedItem]] = {pk: {} for pk in by_event}
    for credit in credits:
        if credit.event_id is not None and credit.event_id in by_event:
            perf = by_event[credit.event_id]
            perf.credits.append(credit)
            # Credited on the whole event: every work it played.
            whole = played.get(perf.event.programme_id or 0, {})
            chosen_items[perf.event.pk].update(
                (pk, p) for pk, p in whole.items() if not p.is_intermission
            )
        elif credit.item_id is not None and credit.item_id in item_programme:
            programme_id = item_programme[credit.item_id]
            entry = played[programme_id][credit.item_id]
            for perf in by_programme.get(programme_id, []):
                perf.credits.append(credit)
                if not entry.is_intermission:
                    chosen_items[perf.event.pk][credit.item_id] = entry
    for perf in by_event.values():
        # In programme order, whichever credit named them first.
        perf.items = sorted(chosen_items[perf.event.pk].values(), key=lambda p: p.item.position)
    return [by_event[event.pk] for event in events_list]
