"""An agent's performances: at each event, their credits and the works those covered,
read in a fixed number of queries whatever the length of the career."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, QuerySet

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.selectors import VENUE_CHAIN, agent_events, event_date
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent
from cadenza.people.selectors import composers_of
from cadenza.repertoire.models import Work
from cadenza.repertoire.selectors import catalogue_numbers_of, shown_title
from cadenza.repertoire.titles import possessive, read_alike, work_title


@dataclass
class PlayedItem:
    """A programme item as an appearance lists it, read once into plain values."""

    item: ProgrammeItem
    numbers: list[str] = field(default_factory=list)  # the work's: ['Op. 67', 'BWV 1007']
    movements: list[str] = field(default_factory=list)  # the movements played, as shown
    composer: str = ""  # named where two works of one list read alike (`composers_where_alike`)

    @property
    def work(self) -> Work | None:
        return self.item.work

    @cached_property
    def url(self) -> str:
        """The work's address, reversed once however many events share this item."""
        return self.item.work.get_absolute_url() if self.item.work is not None else ""

    @cached_property
    def title(self) -> str:
        """The work's title as every page shows it, with its catalogue numbers."""
        return shown_title(self.item.work, self.numbers) if self.item.work is not None else ""

    @property
    def label(self) -> str:
        """The title, with the composer where another work of the list reads alike."""
        return possessive(self.title, self.composer or None)

    @property
    def part(self) -> str:
        """What was played of the work when the archive says only that ('excerpts')."""
        return self.item.part_played

    @property
    def is_intermission(self) -> bool:
        return self.item.kind == ProgrammeItem.Kind.INTERMISSION

    def __str__(self) -> str:
        return str(self.item)


def composers_where_alike(items: Iterable[PlayedItem]) -> None:
    """Name the composer of each item whose title reads like another work's in the same
    list ('Beethoven's Violin Concerto in D major' beside Tchaikovsky's): one query, and
    only when two titles do read alike."""
    listed = [p for p in items if p.item.work_id is not None]
    alike = read_alike((played.item.work_id or 0, played.title) for played in listed)
    if not alike:
        return
    composers = composers_of(alike)
    for played in listed:
        if played.item.work_id in alike:
            played.composer = composers.get(played.item.work_id or 0, "")


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
        movements.setdefault(item_id, []).append(work_title(title))
    numbers = catalogue_numbers_of(item.work_id for item in items if item.work_id is not None)
    played: dict[int, dict[int, PlayedItem]] = {pk: {} for pk in programme_ids}
    for item in items:
        played[item.programme_id][item.pk] = PlayedItem(
            item=item,
            numbers=numbers.get(item.work_id or 0, []),
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
    composers_where_alike(p for perf in by_event.values() for p in perf.items)
    return [by_event[event.pk] for event in events_list]
