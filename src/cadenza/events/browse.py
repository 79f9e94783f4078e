"""Reads for browsing the record without typing: people by instrument and by role,
composers and their works, places from country to hall, seasons and festivals. Each list
costs a fixed number of queries; the figures are concerts (events that took place), as
everywhere else, except where a list says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Min, Q, QuerySet, prefetch_related_objects

from cadenza.events.credited_instruments import concerts_counted
from cadenza.events.history_figures import work_concerts
from cadenza.events.models import Credit, Event, Series
from cadenza.events.performed import performed
from cadenza.events.selectors import event_rows, highlights_prefetch, newest_first
from cadenza.people.models import Agent, AgentInstrument, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument, Work


@dataclass(frozen=True)
class Tally:
    """One choice of a browse page: what it is called, its key in the address, how many."""

    label: str
    key: str
    count: int


def instruments_played() -> list[Tally]:
    """Every instrument someone in the record plays (stated or credited), with how many
    people play it, most first: one grouped query."""
    rows = (
        AgentInstrument.objects.values("instrument__name")
        .annotate(n=Count("agent", distinct=True))
        .order_by("-n", "instrument__name")
    )
    return [Tally(r["instrument__name"], r["instrument__name"], r["n"]) for r in rows]


def roles_credited() -> list[Tally]:
    """Every role someone is credited in (conductor, soloist…), with how many people:
    one grouped query."""
    labels = dict(Credit.Role.choices)
    rows = (
        Credit.objects.filter(agent__isnull=False)
        .values("role")
        .annotate(n=Count("agent", distinct=True))
        .order_by("-n", "role")
    )
    return [Tally(labels.get(r["role"], r["role"]), r["role"], r["n"]) for r in rows]


def instrument_named(name: str) -> Instrument | None:
    return Instrument.objects.filter(name=name).first()


def players_of(*, instrument: Instrument, by_name: bool = False) -> QuerySet[AgentInstrument]:
    """Who plays the instrument, the most concerts with it first (or by name)."""
    rows = AgentInstrument.objects.filter(instrument=instrument).select_related("agent")
    if by_name:
        return rows.order_by("agent__sort_name", "agent_id")
    return rows.order_by("-concerts", "agent__sort_name", "agent_id")


@dataclass(frozen=True)
class Credited:
    agent: Agent
    concerts: int


def concerts_in_role(role: str, *, by_name: bool = False) -> list[tuple[int, int]]:
    """(agent id, concerts that took place crediting them in `role`), most first (or by
    sort name: one query more)."""
    rows = [(agent_id, n) for agent_id, n in concerts_counted(role=role)]
    if by_name:
        names = dict(
            Agent.objects.filter(pk__in=[pk for pk, _ in rows]).values_list("pk", "sort_name")
        )
        rows.sort(key=lambda row: (names.get(row[0], ""), row[0]))
    return rows


def credited_agents(rows: list[tuple[int, int]]) -> list[Credited]:
    """The agents of one page of (agent id, concerts) rows, in that order: one query."""
    agents = Agent.objects.in_bulk([agent_id for agent_id, _ in rows])
    return [Credited(agents[pk], n) for pk, n in rows if pk in agents]


def composers(*, letter: str | None = None) -> QuerySet[Agent]:
    """Composers of whole works in the record, by sort name, with how many works: one
    query (and one to count them for the page)."""
    wrote = Q(authorships__role=Authorship.Role.COMPOSER, authorships__work__parent=None)
    rows = Agent.objects.filter(wrote)
    if letter:
        rows = rows.filter(sort_name__istartswith=letter)
    return rows.annotate(works=Count("authorships", filter=wrote, distinct=True)).order_by(
        "sort_name", "pk"
    )


def composer_initials() -> list[str]:
    """The first letters of composers' sort names, for an A–Z: one query."""
    names = (
        Agent.objects.filter(authorships__role=Authorship.Role.COMPOSER)
        .values_list("sort_name", flat=True)
        .distinct()
    )
    return sorted({name[:1].upper() for name in names if name[:1].isalpha()})


def works_of(*, composer: Agent | None, by_title: bool = False) -> list[Work]:
    """The composer's whole works (with None, those no composer is named for: traditional,
    anonymous), each with `played`, the concerts that took place playing it (the work
    page's own count, `history_figures.work_concerts`), most played first (or by title):
    two queries. `page_of` reads what one page of them shows."""
    wrote = Authorship.objects.filter(role=Authorship.Role.COMPOSER)
    if composer is not None:
        works = Work.objects.filter(pk__in=wrote.filter(agent=composer).values("work_id"))
    else:
        works = Work.objects.exclude(pk__in=wrote.values("work_id"))
    rows = list(works.filter(parent=None))
    played = work_concerts(work_pks=[work.pk for work in rows])
    for work in rows:
        work.played = played.get(work.pk, 0)  # type: ignore[attr-defined]
    if by_title:
        return sorted(rows, key=lambda w: (w.title, w.pk))
    return sorted(rows, key=lambda w: (-w.played, w.title, w.pk))  # type: ignore[attr-defined]


def page_of(
    rows: Sequence[Any] | QuerySet[Any],
    *,
    number: int | str | None,
    per_page: int,
    prefetch: tuple[str, ...] = (),
) -> Page:
    """One page of a browse list (a query: its count and the page; a list: none), with
    what its rows show read for that page only (`works_of`: catalogue numbers and
    nicknames, one query each)."""
    page = Paginator(rows, per_page).get_page(number)
    if prefetch:
        prefetch_related_objects(list(page.object_list), *prefetch)
    return page


@dataclass
class PlaceNode:
    """A place with the events held in it and in the places inside it."""

    place: Place
    events: int = 0
    inside: list[PlaceNode] = field(default_factory=list)


def places_tree(*, within: Place | None = None) -> list[PlaceNode]:
    """Countries (or the places inside `within`), each with the places inside it, and the
    concerts that took place in each, counted up the chain (as the place page counts them):
    two queries, whatever the number of places."""
    held = dict(
        Event.objects.filter(performed(), venue__isnull=False)
        .values_list("venue_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    nodes = {p.pk: PlaceNode(p) for p in Place.objects.order_by("name", "pk")}
    for node in nodes.values():
        parent = nodes.get(node.place.parent_id) if node.place.parent_id else None
        if parent is not None:
            parent.inside.append(node)
    for pk, n in held.items():
        up = nodes.get(pk)
        while up is not None:
            up.events += n
            up = nodes.get(up.place.parent_id) if up.place.parent_id else None
    if within is not None:
        top = nodes[within.pk].inside if within.pk in nodes else []
    else:
        top = [n for n in nodes.values() if n.place.parent_id is None]
    return sorted(top, key=lambda n: (-n.events, n.place.name))


SERIES_KINDS = (Series.Kind.SEASON, Series.Kind.FESTIVAL, Series.Kind.TOUR, Series.Kind.COMPETITION)


def series_browsed(*, kind: str | None = None) -> QuerySet[Series]:
    """Seasons, festivals, tours and competitions with their concerts that took place
    (as `series_events` lists them), newest first: one query (and one to count them)."""
    rows = Series.objects.filter(kind__in=SERIES_KINDS)
    if kind:
        rows = rows.filter(kind=kind)
    return (
        rows.annotate(
            event_count=Count("events", filter=performed("events__")),
            first=Min("events__date_year"),
        )
        .select_related("place")
        .order_by(F("first").desc(nulls_last=True), F("start_year").desc(nulls_last=True), "name")
    )


def series_kinds() -> list[Tally]:
    """How many series of each kind: one grouped query."""
    labels = dict(Series.Kind.choices)
    rows = (
        Series.objects.filter(kind__in=SERIES_KINDS)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    return [Tally(labels[r["kind"]], r["kind"], r["n"]) for r in rows]


def series_events(*, series: Series) -> QuerySet[Event]:
    """A season's or festival's concerts that took place, newest first, each with its
    programme's highlights."""
    return newest_first(
        event_rows()
        .filter(performed(), series=series)
        .select_related("programme")
        .prefetch_related(highlights_prefetch())
    )
