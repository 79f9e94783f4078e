"""The performances of one artist, gathered for a biography: their count and years, the
leading venues (by the name they had), ensembles, conductors, fellow soloists and works,
the events told as several, a short career's single concerts and a long one's first and
last. Grouped queries, so a career of hundreds of concerts costs what one of two does."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.selectors import agent_events
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


def _year() -> Coalesce:
    return Coalesce("event__date_year", "item__programme__events__date_year")


def _concerts() -> Count:
    """Performances a credit stands for: its event, or every event of its item's programme
    (the archive credits conductors and soloists once per programme, not per concert)."""
    return Count(Coalesce("event_id", "item__programme__events__id"), distinct=True)


def _named(rows: QuerySet, key: str, vague_key: str = "credited_as") -> list[Named]:
    out: list[Named] = []
    for row in rows:
        years = {"first": row.get("first"), "last": row.get("last")}
        if row[key]:
            out.append(Named(row[key], row["n"], **years))
        elif row.get(vague_key):
            out.append(Named(row[vague_key], row["n"], vague=True, **years))
    return out


def performances(facts: BiographyFacts, agent: Agent) -> None:
    events = agent_events(agent=agent).order_by()
    span = events.aggregate(n=Count("pk"), first=Min("date_year"), last=Max("date_year"))
    facts.events, facts.first_year, facts.last_year = span["n"], span["first"], span["last"]
    if not facts.events:
        return
    ids = events.values("pk")
    chain = ["venue__name", "venue__kind"]
    for up in ("venue__parent", "venue__parent__parent"):
        chain += [f"{up}__name", f"{up}__kind"]
    _roles(facts, agent)
    leading = list(
        events.filter(date_year__isnull=False)
        .values("date_year")
        .annotate(n=Count("pk"))
        .order_by("-n", "date_year")[:2]
    )
    # A year shared with another is no 'busiest year'.
    busiest = leading[0] if leading else None
    if busiest and (len(leading) == 1 or busiest["n"] > leading[1]["n"]):
        year = int(busiest["date_year"] or 0)  # never 0: the undated are filtered out
        facts.busiest_year = (year, int(busiest["n"]))
    rows = list(
        Event.objects.filter(pk__in=ids, venue__isnull=False, represents_several=False)
        .exclude(kind=Event.Kind.REHEARSAL)
        .values("venue_id", "venue__parent_id", "venue__parent__parent_id", *chain)
        .annotate(n=Count("pk"), last=Max("date_year"))
        # Equal counts by what is shown (two 'Municipal Auditorium's part by their city);
        # ids, which an import may number either way, only part true twins.
        .order_by(
            "-n", "venue__name", "venue__parent__name", "venue__parent__parent__name", "venue_id"
        )[:TOP]
    )
    names = _former_names(
        {row[key] for row in rows for key in ("venue_id", "venue__parent_id") if row[key]}
        | {row["venue__parent__parent_id"] for row in rows if row["venue__parent__parent_id"]}
    )
    facts.venues = []
    for row in rows:
        pairs = [(row[a], row[b]) for a, b in zip(chain[::2], chain[1::2], strict=True)]
        venue, city = _venue(pairs)
        ids_up = (row["venue_id"], row["venue__parent_id"], row["venue__parent__parent_id"])
        shown = next((i for i, (name, _) in zip(ids_up, pairs, strict=True) if name == venue), None)
        venue = name_then(venue, names.get(shown or 0, []), row["last"])
        facts.venues.append(Named(f"{venue}, {city}" if city else venue, row["n"]))
    items = Credit.objects.filter(agent=agent, item__isnull=False).values("item_id")
    on_stage = Credit.objects.filter(Q(event__in=ids) | Q(item__in=items)).exclude(agent=agent)
    facts.ensembles = _named(
        on_stage.filter(role__in=[Credit.Role.ORCHESTRA, Credit.Role.ENSEMBLE])
        .values("agent__name", "credited_as")
        .annotate(n=_concerts(), first=Min(_year()), last=Max(_year()))
        .order_by("-n", "agent__name", "credited_as")[:TOP],
        "agent__name",
    )
    conducting = on_stage.filter(role=Credit.Role.CONDUCTOR)
    facts.conductors = _named(
        conducting.filter(agent__kind=Agent.Kind.PERSON)
        .values("agent__name", "credited_as")
        .annotate(n=_concerts())
        .order_by("-n", "agent__name", "credited_as")[:TOP],
        "agent__name",
    ) + _named(
        conducting.filter(agent__isnull=True)
        .values("agent__name", "credited_as")
        .annotate(n=_concerts())
        .order_by("-n", "credited_as")[:TOP],
        "agent__name",
    )
    facts.conductors.sort(key=lambda n: (n.vague, -n.count, n.name))
    facts.fellow_soloists = _named(
        Credit.objects.filter(
            item__in=Credit.objects.filter(agent=agent, item__isnull=False).values("item_id"),
            role=Credit.Role.SOLOIST,
            agent__kind=Agent.Kind.PERSON,
        )
        .exclude(agent=agent)
        .values("agent__name")
        .annotate(n=_concerts())
        .order_by("-n", "agent__name")[:TOP],
        "agent__name",
    )
    _works(facts, items)
    facts.gatherings = [
        Gathering(e.name, e.narrative_order or 0)
        for e in Event.objects.filter(pk__in=ids, represents_several=True)
        .exclude(kind=Event.Kind.REHEARSAL)
        .order_by("narrative_order", "pk")
    ]
    _highlights(facts, ids, items)
    _first_and_last(facts, agent, items)


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


def _works(facts: BiographyFacts, items: QuerySet) -> None:
    composer = Authorship.objects.filter(work_id=OuterRef("work_id"), role=Authorship.Role.COMPOSER)
    played = (
        ProgrammeItem.objects.filter(pk__in=items, work__isnull=False)
        .values("work_id", "work__title")
        .annotate(
            n=Count("programme__events", distinct=True),
            composer=Subquery(
                composer.order_by("position", "agent__name").values("agent__name")[:1]
            ),
        )
        # Two works of one title part by their composer (events/career_figures.WORKS_ORDER).
        .order_by("-n", "work__title", "composer", "work_id")[:TOP]
    )
    rows = list(played)
    composers: dict[int, str] = {}
    for authorship in (
        Authorship.objects.filter(work_id__in=[r["work_id"] for r in rows], role="composer")
        .select_related("agent")
        .order_by("position")
    ):
        composers.setdefault(authorship.work_id, authorship.agent.name)
    numbers = catalogue_numbers_of(composers.keys() | {r["work_id"] for r in rows})
    for row in rows:
        facts.work_labels[row["work_id"]] = work_label(
            row["work__title"], composers.get(row["work_id"]), numbers.get(row["work_id"], ())
        )
    facts.works = [Named(facts.work_labels[r["work_id"]], r["n"]) for r in rows]


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
        agent_events(agent=agent)
        .filter(date_year__isnull=False, represents_several=False)
        .exclude(kind=Event.Kind.REHEARSAL)
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
