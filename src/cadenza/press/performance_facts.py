"""The performances of one artist, gathered for a biography: their count and years, the
leading venues (by the name they had), ensembles, conductors, fellow soloists and works,
the events told as several, a short career's single concerts and a long one's first and
last. The counts are the person page's (`events/career_figures.py`, one selector per
figure); only appearances count (`events/performed.py`). Grouped queries, so a career of
hundreds of concerts costs what one of two does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Count, F, Max, Min, Q, QuerySet

from cadenza.events.career_figures import (
    Appearances,
    Collaborator,
    VenueCount,
    WorksPlayed,
    agent_appearances,
    agent_collaborators,
    agent_venues,
    agent_works_played,
)
from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.selectors import agent_appearance_events
from cadenza.people.models import Agent, Authorship
from cadenza.places.models import Place, PlaceName
from cadenza.press.biography_kinds import TOP, BiographyFacts, Concert, Gathering, Highlight, Named
from cadenza.repertoire.selectors import catalogue_numbers_of
from cadenza.repertoire.titles import work_label, work_title


def _venue(names: list[tuple[str, str]]) -> tuple[str, str]:
    """(venue, city) from a place and its ancestors, given as (name, kind) nearest first:
    a hall is named by its building ('Carnegie Hall'), the city by the first city above."""
    venue, city = "", ""
    for name, kind in names:
        if not name:
            continue
        if not venue and kind != Place.Kind.HALL:
            venue = name
        if kind == Place.Kind.CITY:
            city = name
            break
    return venue or names[0][0], city if city != venue else ""


def _former_names(place_ids: set[int]) -> dict[int, list[PlaceName]]:
    found: dict[int, list[PlaceName]] = {}
    for name in PlaceName.objects.filter(place_id__in=place_ids).order_by(
        F("start_year").desc(nulls_last=True), "name"
    ):
        found.setdefault(name.place_id, []).append(name)
    return found


def latest_first(names: Iterable[PlaceName]) -> list[PlaceName]:
    """A place's names, latest first (as name_then reads them); two of one year by name."""
    return sorted(names, key=lambda n: (-(n.start_year or 0), n.name))


def name_then(current: str, names: list[PlaceName], year: int | None) -> str:
    """The name a place carried in `year`, and its name now: 'Avery Fisher Hall (now David
    Geffen Hall)'. Concerts of 1998 were not given in a hall named in 2015."""
    if year is None:
        return current
    for held in names:  # latest first: a year two names share goes to the newer
        began = held.start_year is None or held.start_year <= year
        if began and (held.end_year is None or held.end_year >= year):
            return current if held.name == current else f"{held.name} (now {current})"
    return current


def performances(facts: BiographyFacts, agent: Agent) -> None:
    """The career's figures, read through the person page's own selectors
    (`events/career_figures.py`): a biography counts what the page counts (appearances,
    events together, seasons), so every figure it states is the page's."""
    appearances = agent_appearances(agent=agent)
    facts.events = appearances.total
    years = [year for year, _ in appearances.years]
    facts.first_year, facts.last_year = (years[0], years[-1]) if years else (None, None)
    if not facts.events:
        return
    _roles(facts, agent)
    facts.busiest = _busiest(appearances)
    venues = agent_venues(agent=agent)
    _venues(facts, venues)
    facts.venues_total = len(venues)
    facts.cities_total = len({v.city_pk for v in venues if v.city_pk is not None})
    facts.seasons_total = len(appearances.seasons)
    together = agent_collaborators(agent=agent)
    facts.ensembles = [_counted(c, "ensemble") for c in together.ensembles]
    if facts.ensembles:
        facts.ensembles[0] = _with_years(facts.ensembles[0], agent)
    facts.conductors = [_counted(c, "conductor") for c in together.conductors]
    facts.conductors += _vague_conductors(agent)
    facts.fellow_soloists = [_counted(c, "soloist") for c in together.soloists]
    played = agent_works_played(agent=agent)
    facts.works_total = played.total
    _works(facts, played)
    ids = agent_appearance_events(agent=agent).order_by().values("pk")
    items = Credit.objects.filter(agent=agent, item__isnull=False).values("item_id")
    facts.gatherings = [
        Gathering(e.name, e.narrative_order or 0)
        for e in Event.objects.filter(pk__in=ids, represents_several=True).order_by(
            "narrative_order", "pk"
        )
    ]
    _highlights(facts, ids, items)
    _first_and_last(facts, agent, items)


def _counted(together: Collaborator, figure: str) -> Named:
    return Named(together.agent.name, together.count, figure=figure, key=together.agent.pk)


def _busiest(appearances: Appearances) -> Named | None:
    """The busiest season where the record has seasons (as the page's chart counts), the
    busiest year otherwise; none when another ties it or it holds one concert."""
    if appearances.seasons:
        tallies = [(s.label, s.count) for s in appearances.seasons]
        figure = "season"
    else:
        tallies = [(str(year), n) for year, n in appearances.years]
        figure = "year"
    ranked = sorted(tallies, key=lambda t: -t[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    label, count = ranked[0]
    return Named(label, count, figure=figure, key=label)


_REGIONS = {Place.Kind.COUNTRY, Place.Kind.REGION}


def _venues(facts: BiographyFacts, venues: list[VenueCount]) -> None:
    """The page's venues, a hall told by its building ('Carnegie Hall') and by the name it
    had the last year the artist played there."""
    # A country or a region ('festival performances in Europe') is where several concerts
    # were, told by the gatherings; a venue is a hall, a building or a town.
    venues = [v for v in venues if v.venue.kind not in _REGIONS][:TOP]
    shown = [(v.building_pk or v.venue.pk) for v in venues]
    names = _former_names(set(shown))
    facts.venues = []
    for venue, pk in zip(venues, shown, strict=True):
        told = name_then(venue.building or venue.name, names.get(pk, []), venue.last)
        city = venue.city if venue.city != told else ""
        facts.venues.append(
            Named(
                f"{told}, {city}" if city else told,
                venue.count,
                figure="venue",
                key=venue.venue.pk,
            )
        )


def _with_years(ensemble: Named, agent: Agent) -> Named:
    """The years of the artist's appearances with the leading ensemble."""
    assert isinstance(ensemble.key, int)
    with_it = Q(credits__agent_id=ensemble.key) | Q(
        programme__items__credits__agent_id=ensemble.key
    )
    span = (
        Event.objects.filter(pk__in=agent_appearance_events(agent=agent).order_by().values("pk"))
        .filter(with_it)
        .aggregate(first=Min("date_year"), last=Max("date_year"))
    )
    return replace(ensemble, first=span["first"], last=span["last"])


def _vague_conductors(agent: Agent) -> list[Named]:
    """Conductors the record names by a description only ('renowned conductors')."""
    ids = agent_appearance_events(agent=agent).order_by().values("pk")
    items = Credit.objects.filter(agent=agent, item__isnull=False).values("item_id")
    rows = (
        Credit.objects.filter(Q(event__in=ids) | Q(item__in=items))
        .filter(role=Credit.Role.CONDUCTOR, agent__isnull=True)
        .exclude(credited_as="")
        .values_list("credited_as", flat=True)
        .distinct()
        .order_by("credited_as")[:TOP]
    )
    return [Named(name, vague=True) for name in rows]


def _roles(facts: BiographyFacts, agent: Agent) -> None:
    """The role most credited, and the instruments played when none is recorded."""
    rows = (
        Credit.objects.filter(agent=agent)
        .values("role", "instrument__name", "instrument__performer_noun")
        .annotate(n=Count("pk"))
        .order_by("-n", "role", "instrument__name")[:5]
    )
    for row in rows:
        facts.main_role = facts.main_role or row["role"]
        name = row["instrument__name"]
        if name and not facts.instruments and name not in facts.instruments:
            facts.instruments.append(name)
            facts.performer_nouns.append(row["instrument__performer_noun"] or "")


def _works(facts: BiographyFacts, played: WorksPlayed) -> None:
    """The page's most played works, titled in prose with their composer."""
    numbers = catalogue_numbers_of(p.work.pk for p in played.top)
    for work in played.top:
        composer = work.composers[0].name if work.composers else None
        facts.work_labels[work.work.pk] = work_label(
            work.work.title, composer, numbers.get(work.work.pk, ())
        )
    facts.works = [
        Named(facts.work_labels[p.work.pk], p.count, figure="work", key=p.work.pk)
        for p in played.top  # all the page shows: the longest length names them
    ]


def _highlights(facts: BiographyFacts, ids: QuerySet, items: QuerySet) -> None:
    """A short career's single performances: where, when, what was played, the audience."""
    if facts.events > 5:
        return
    chosen = list(
        Event.objects.filter(pk__in=ids, represents_several=False, venue__isnull=False)
        .exclude(kind=Event.Kind.REHEARSAL)
        .select_related("venue__parent__parent")
        .order_by("date_year", "narrative_order", "date_month", "date_day", "starts_at", "pk")[:3]
    )
    works: dict[int, list[str]] = {}
    for item in (
        ProgrammeItem.objects.filter(pk__in=items, work__isnull=False)
        .select_related("work")
        .order_by("position")
    ):
        assert item.work is not None
        label = facts.work_labels.get(item.work.pk) or work_title(item.work.title, brief=True)
        works.setdefault(item.programme_id, []).append(label)
    for event in chosen:
        place = event.venue
        pairs: list[tuple[str, str]] = []
        while place is not None and len(pairs) < 3:
            pairs.append((place.name, place.kind))
            place = place.parent if place.parent_id else None
        venue, city = _venue(pairs)
        facts.highlights.append(
            Highlight(
                venue=venue,
                city=city,
                year=event.date_year,
                works=tuple(works.get(event.programme_id or 0, [])),
                audience=event.attendance_note,
            )
        )


def _first_and_last(facts: BiographyFacts, agent: Agent, items: QuerySet) -> None:
    """The first and last dated concerts of a long career, in five queries."""
    if facts.events <= 5:
        return
    dated = (
        agent_appearance_events(agent=agent)
        .filter(date_year__isnull=False, represents_several=False)
        .select_related("venue__parent")
        .prefetch_related("venue__names")
    )
    first, last = dated.first(), dated.last()
    if first is None or last is None or first.pk == last.pk:
        return
    programmes = [first.programme_id, last.programme_id]
    played = list(
        ProgrammeItem.objects.filter(pk__in=items, programme_id__in=programmes, work__isnull=False)
        .select_related("work")
        .order_by("position")
    )
    composers: dict[int, str] = {}
    for authorship in (
        Authorship.objects.filter(work_id__in=[i.work_id for i in played], role="composer")
        .select_related("agent")
        .order_by("position")
    ):
        composers.setdefault(authorship.work_id, authorship.agent.name)
    conductors: dict[int, list[str]] = {}
    for credit in (
        Credit.objects.filter(item__in=played, role=Credit.Role.CONDUCTOR, agent__isnull=False)
        .exclude(agent=agent)  # 'Bernstein's first concert under Leonard Bernstein'
        .select_related("agent", "item")
        .order_by("position")
    ):
        assert credit.agent is not None and credit.item is not None
        named = conductors.setdefault(credit.item.programme_id, [])
        if credit.agent.name not in named:
            named.append(credit.agent.name)
    numbers = catalogue_numbers_of(i.work_id for i in played if i.work_id is not None)
    for event in (first, last):
        works = tuple(
            work_label(i.work.title, composers.get(i.work.pk), numbers.get(i.work.pk, ()))
            for i in played
            if i.programme_id == event.programme_id and i.work is not None
        )
        place = event.venue
        venue = city = ""
        if place is not None:
            venue = name_then(place.name, latest_first(place.names.all()), event.date_year)
            city = place.parent.name if place.parent else ""
        concert = Concert(
            venue=venue,
            city=city if city != venue else "",
            year=int(event.date_year or 0),
            works=works,
            conductors=tuple(conductors.get(event.programme_id or 0, [])),
        )
        if event is first:
            facts.first_concert = concert
        else:
            facts.last_concert = concert
