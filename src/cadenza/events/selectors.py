"""Reads for events: one event with its programme and credits, and the lists of events
a venue, a work or an artist page shows. Every list runs a fixed number of queries. An
agent's performances (credits and works at each event) are in `performances.py`."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cadenza.events.career_figures import appearance_counts, people_by_appearances
from cadenza.events.models import Award, Credit, Event, ProgrammeItem, Series
from cadenza.events.performed import performed
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, AgentInstrument, Authorship, Milestone
from cadenza.places.models import Place
from cadenza.places.selectors import PARENT_CHAIN, place_timezone
from cadenza.repertoire.models import Work

# Venue → building → city: what an event row needs to say where it was.
VENUE_CHAIN = "venue__parent__parent"


def newest_first(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.order_by(
        F("date_year").desc(nulls_last=True),
        F("date_month").desc(nulls_last=True),
        F("date_day").desc(nulls_last=True),
        F("starts_at").desc(nulls_last=True),
        "-pk",
    )


def oldest_first(events: QuerySet[Event]) -> QuerySet[Event]:
    """The other way round from `newest_first`; the undated last, as there."""
    return events.order_by(
        *(F(f).asc(nulls_last=True) for f in ("date_year", "date_month", "date_day", "starts_at")),
        "pk",
    )


def _credits_prefetch(lookup: str = "credits") -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Credit.objects.select_related("agent", "instrument").order_by("position", "pk"),
    )


def event_rows() -> QuerySet[Event]:
    """Events as list rows: venue with its building and city, series, event-level credits."""
    return Event.objects.select_related(VENUE_CHAIN, "series").prefetch_related(_credits_prefetch())


def event_local_start(event: Event) -> datetime | None:
    """When the event starts, in its venue's time zone (or UTC when the venue has none)."""
    if event.starts_at is None:
        return None
    tz = place_timezone(event.venue) or "UTC"
    return event.starts_at.astimezone(zoneinfo.ZoneInfo(tz))


def event_date(event: Event) -> PartialDate:
    """The event's (partial) date, taken from starts_at in the venue's zone if need be."""
    if event.date_year is not None:
        return event.date
    local = event_local_start(event)
    return PartialDate(local.year, local.month, local.day) if local else PartialDate()


def _item_queryset() -> QuerySet[ProgrammeItem]:
    return ProgrammeItem.objects.select_related("work__parent").prefetch_related(
        Prefetch("movements", queryset=Work.objects.order_by("position", "pk")),
        "work__catalogue_numbers",
        Prefetch(
            "work__authorships",
            queryset=Authorship.objects.select_related("agent").order_by("position", "pk"),
        ),
        _credits_prefetch(),
    )


def event_get(*, pk: int) -> Event:
    """One event with venue chain, series, programme items in order and every credit."""
    return get_object_or_404(
        Event.objects.select_related(
            f"venue__{PARENT_CHAIN}", "series__parent", "programme"
        ).prefetch_related(
            _credits_prefetch(),
            Prefetch("programme__items", queryset=_item_queryset().order_by("position")),
        ),
        pk=pk,
    )


class CountedPaginator(Paginator):
    """A paginator told its count (from an aggregate already read), so it asks no more."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def events_page(
    events: QuerySet[Event], *, number: Any, per_page: int, count: int | None = None
) -> Page:
    """One page of events: first the page's ids, sorted over the events' own columns,
    then those rows with whatever `events` joins and prefetches. Sorting thousands of
    rows already joined to their venues and series costs more than the two queries.
    `count`, when an aggregate already knows it, saves the count query."""
    ids = events.prefetch_related(None).values_list("pk", flat=True)
    paginator = (
        Paginator(ids, per_page) if count is None else CountedPaginator(ids, per_page, count=count)
    )
    page = paginator.get_page(number)
    chosen = list(page.object_list)
    page.object_list = list(events.filter(pk__in=chosen)) if chosen else []
    return page


def _at_place(place: Place) -> Q:
    """Events at the place or at a place inside it (two levels down: hall in building in
    city). The places are found first, so events are read through the venue index."""
    inside = Place.objects.filter(Q(pk=place.pk) | Q(parent=place) | Q(parent__parent=place))
    return Q(venue__in=inside.values("pk"))


@dataclass(frozen=True)
class EventFilter:
    """What a long list of events is narrowed to: a season, someone credited as conductor
    or as soloist, a work played; and its order (newest first unless `oldest`)."""

    season: int | None = None
    conductor: Agent | None = None
    soloist: Agent | None = None
    work: Work | None = None
    oldest: bool = False

    @property
    def narrowed(self) -> bool:
        return any(x is not None for x in (self.season, self.conductor, self.soloist, self.work))


def event_filter(
    *,
    season: int | None = None,
    conductor: int | None = None,
    soloist: int | None = None,
    work: int | None = None,
    oldest: bool = False,
) -> EventFilter:
    """A filter from ids (an address's ?conductor=…); an id that names nothing is left out."""
    agents = Agent.objects.in_bulk([pk for pk in (conductor, soloist) if pk is not None])
    return EventFilter(
        season=season,
        conductor=agents.get(conductor) if conductor is not None else None,
        soloist=agents.get(soloist) if soloist is not None else None,
        work=Work.objects.filter(pk=work).first() if work is not None else None,
        oldest=oldest,
    )


def _credited(agent: Agent, roles: tuple[str, ...]) -> Q:
    """Events crediting the agent in one of `roles`, on the event or on a programme item."""
    direct = Credit.objects.filter(agent=agent, role__in=roles, event__isnull=False)
    on_items = Credit.objects.filter(agent=agent, role__in=roles, item__isnull=False)
    return Q(pk__in=direct.values("event_id")) | Q(
        programme__in=on_items.values("item__programme_id")
    )


SOLOIST_ROLES = (Credit.Role.SOLOIST, Credit.Role.ASSISTING_ARTIST, Credit.Role.PERFORMER)


def place_events(
    *, place: Place, season: int | None = None, narrow: EventFilter | None = None
) -> QuerySet[Event]:
    """Concerts that took place at the place or at a hall inside it (a history: the
    planned, cancelled and future are not listed as played), newest first (or oldest), of one
    season, conductor, soloist or work if asked; each row with its programme's highlights
    (the works and their soloists: three queries more)."""
    narrow = narrow or EventFilter(season=season)
    events = (
        event_rows()
        .filter(_at_place(place), performed())
        .select_related("programme")
        .prefetch_related(highlights_prefetch())
    )
    if narrow.season is not None:
        events = events.filter(series_id=narrow.season)
    if narrow.conductor is not None:
        events = events.filter(_credited(narrow.conductor, (Credit.Role.CONDUCTOR,)))
    if narrow.soloist is not None:
        events = events.filter(_credited(narrow.soloist, SOLOIST_ROLES))
    if narrow.work is not None:
        events = events.filter(_plays_work(narrow.work))
    return oldest_first(events) if narrow.oldest else newest_first(events)


def highlights_prefetch() -> Prefetch:
    """The works of each event's programme, in order, with their composers and the
    soloists credited on them: what tells one row of a long list from the next."""
    soloists = Credit.objects.filter(role__in=SOLOIST_ROLES).select_related("agent", "instrument")
    items = (
        ProgrammeItem.objects.filter(work__isnull=False)
        .select_related("work")
        .prefetch_related(
            Prefetch("credits", queryset=soloists.order_by("position", "pk"), to_attr="soloists"),
            Prefetch(
                "work__authorships",
                queryset=Authorship.objects.filter(role=Authorship.Role.COMPOSER)
                .select_related("agent")
                .order_by("position", "pk"),
            ),
        )
        .order_by("position")
    )
    return Prefetch("programme__items", queryset=items, to_attr="highlights")


@dataclass(frozen=True)
class SeasonCount:
    pk: int
    name: str
    count: int


@dataclass
class PlaceEventCounts:
    """How many events a place holds, in all and per season, from one grouped query."""

    total: int
    seasons: list[SeasonCount]

    def of_season(self, pk: int | None) -> SeasonCount | None:
        return next((s for s in self.seasons if s.pk == pk), None)


def place_event_counts(*, place: Place) -> PlaceEventCounts:
    """Concerts that took place per series at the place (what `place_events` lists);
    seasons newest first, and the total (in a season, another series or none)."""
    rows = (
        Event.objects.filter(_at_place(place), performed())
        .values("series_id", "series__name", "series__kind")
        .annotate(n=Count("pk"), first=Min("date_year"))
        .order_by()
    )
    total = 0
    seasons = []
    for row in rows:
        total += row["n"]
        if row["series__kind"] == Series.Kind.SEASON:
            seasons.append((row["first"], row["series__name"], row["series_id"], row["n"]))
    seasons.sort(key=lambda s: (s[0] is not None, s[0] or 0, s[1]), reverse=True)
    return PlaceEventCounts(
        total=total,
        seasons=[SeasonCount(pk=pk, name=name, count=n) for _, name, pk, n in seasons],
    )


def _plays_work(work: Work) -> Q:
    """Events whose programme plays the work, one of its movements, or (for a movement) an
    item that names it: two indexed subqueries, where one join with OR would scan."""
    works = Work.objects.filter(Q(pk=work.pk) | Q(parent=work)).values("pk")
    by_work = ProgrammeItem.objects.filter(work__in=works).values("programme_id")
    by_movement = ProgrammeItem.objects.filter(movements=work).values("programme_id")
    return Q(programme__in=by_work) | Q(programme__in=by_movement)


def work_events(*, work: Work) -> QuerySet[Event]:
    """Concerts that took place whose programme plays the work (whole, or some of its
    movements) or, for a movement, plays it (`history_figures.work_concerts` counts them);
    newest first, each with the items that play it and their credits.

    The programmes are found through the items' work index and the movements' index
    first; a join from every event to its items would read them all.
    """
    works = Work.objects.filter(Q(pk=work.pk) | Q(parent=work)).values("pk")
    items = ProgrammeItem.objects.filter(
        Q(work__in=works) | Q(pk__in=ProgrammeItem.objects.filter(movements=work).values("pk"))
    )
    return newest_first(
        event_rows()
        .filter(_plays_work(work), performed())
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "programme__items",
                queryset=items.prefetch_related(_credits_prefetch()).order_by("position"),
                to_attr="items_for_work",
            )
        )
    )


def agent_events(*, agent: Agent) -> QuerySet[Event]:
    """Events the agent is credited on, directly or on a programme item, oldest first."""
    # Two index lookups joined by OR (SQLite runs them as a multi-index OR): the events
    # credited directly, and those whose programme has an item credited. One join across
    # events, credits and items would read every event.
    direct = Credit.objects.filter(agent=agent, event__isnull=False).values("event_id")
    on_items = Credit.objects.filter(agent=agent, item__isnull=False).values("item__programme_id")
    return Event.objects.filter(Q(pk__in=direct) | Q(programme__in=on_items)).order_by(
        F("date_year").asc(nulls_last=True),
        F("date_month").asc(nulls_first=True),
        F("date_day").asc(nulls_first=True),
        F("starts_at").asc(nulls_first=True),
        "narrative_order",
        "pk",
    )


def agent_appearance_events(*, agent: Agent) -> QuerySet[Event]:
    """The agent's appearances: its events that took place (`performed.py`), oldest first.
    What the press kit's recent performances and a biography's concerts are read from."""
    return agent_events(agent=agent).filter(performed())


def agent_awards(*, agent: Agent) -> list[Award]:
    return list(
        agent.awards.select_related("competition__parent").order_by("narrative_order", "year")
    )


def artists_in_record(*, limit: int = 24) -> list[Agent]:
    """People with a career in the record: those with a story (milestones) first, then
    the people with most appearances, counted as the person page counts them
    (`career_figures`: events that took place, not credit rows). Each carries
    `appearances`."""
    top = dict(people_by_appearances(limit=limit))
    has_story = Exists(Milestone.objects.filter(agent=OuterRef("pk")))
    candidates: list[Agent] = list(
        Agent.objects.filter(kind=Agent.Kind.PERSON)
        .filter(has_story | Q(pk__in=list(top)))
        .annotate(has_story=has_story)
        .prefetch_related(Prefetch("instruments", queryset=_agent_instruments()))
    )
    storied = [agent.pk for agent in candidates if agent.pk not in top]
    counts = {**appearance_counts(agent_pks=storied), **top}
    for agent in candidates:
        agent.appearances = counts.get(agent.pk, 0)  # type: ignore[attr-defined]
    candidates.sort(key=lambda a: (not a.has_story, -a.appearances, a.sort_name, a.pk))  # type: ignore[attr-defined]
    return candidates[:limit]


def _agent_instruments() -> QuerySet[AgentInstrument]:
    return AgentInstrument.objects.select_related("instrument").order_by("position")


def recent_events(*, limit: int = 8) -> list[Event]:
    """The latest concerts that took place (a planned one is not recent history)."""
    return list(newest_first(event_rows().filter(performed()))[:limit])


def work_event_years(*, work: Work) -> list[tuple[int, int]]:
    """(year, concerts that took place playing the work or its movements), the work page's
    chart: one grouped query."""
    rows = (
        Event.objects.filter(_plays_work(work), performed(), date_year__isnull=False)
        .values("date_year")
        .annotate(n=Count("pk"))
        .order_by("date_year")
    )
    return [(int(row["date_year"] or 0), int(row["n"])) for row in rows]


def several_told(
    *, performer: Agent, kind: str, venue: Place | None, vague_role: str = ""
) -> Event | None:
    """The performer's events told as one ("concerts with various orchestras throughout
    Russia", "rehearsals") of this kind and place, and with a credit of nobody named in
    `vague_role` if given: what a biography telling the same in other words means."""
    found = Event.objects.filter(
        represents_several=True, kind=kind, venue=venue, credits__agent=performer
    )
    if vague_role:
        vague = Credit.objects.filter(role=vague_role, agent__isnull=True)
        found = found.filter(pk__in=vague.values("event_id"))
    return found.order_by("pk").first()


def agent_credited_at(*, agent: Agent, event: Event) -> bool:
    """Whether the agent is credited on the event or on an item of its programme."""
    direct = Q(event=event)
    on_items = Q(item__programme_id=event.programme_id) if event.programme_id else Q(pk=None)
    return Credit.objects.filter(direct | on_items, agent=agent).exists()
