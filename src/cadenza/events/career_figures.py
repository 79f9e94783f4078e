"""A career in figures, for the person page: appearances per season and year, the works
played most, the venues and the people played with. Every figure is an aggregate run by
the database, one grouped query each, whatever the length of the career."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from cadenza.events.models import Credit, Event, ProgrammeItem, Series
from cadenza.events.selectors import agent_events
from cadenza.people.models import Agent, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work


@dataclass(frozen=True)
class Tally:
    label: str
    count: int


@dataclass
class Appearances:
    """The agent's events counted per season (the archive's own seasons) and per year."""

    total: int = 0
    seasons: list[Tally] = field(default_factory=list)  # oldest first
    years: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first(self) -> str:
        if self.seasons:
            return self.seasons[0].label
        return str(self.years[0][0]) if self.years else ""

    @property
    def last(self) -> str:
        if self.seasons:
            return self.seasons[-1].label
        return str(self.years[-1][0]) if self.years else ""


def agent_appearances(*, agent: Agent) -> Appearances:
    """Events per (series, year), read once and summed both ways in Python."""
    rows = (
        agent_events(agent=agent)
        .order_by()
        .values("series_id", "series__name", "series__kind", "date_year")
        .annotate(n=Count("pk"))
    )
    out = Appearances()
    seasons: dict[int, list] = {}
    years: dict[int, int] = {}
    for row in rows:
        out.total += row["n"]
        if row["date_year"] is not None:
            years[row["date_year"]] = years.get(row["date_year"], 0) + row["n"]
        if row["series__kind"] == Series.Kind.SEASON:
            # [earliest year, name, count]
            season = seasons.setdefault(row["series_id"], [None, row["series__name"], 0])
            if row["date_year"] is not None and (season[0] is None or row["date_year"] < season[0]):
                season[0] = row["date_year"]
            season[2] += row["n"]
    ordered = sorted(seasons.values(), key=lambda s: (s[0] is None, s[0] or 0, s[1]))
    out.seasons = [Tally(name, n) for _, name, n in ordered]
    out.years = sorted(years.items())
    return out


def _items_played(agent: Agent) -> QuerySet[ProgrammeItem]:
    """Programme items the agent took part in: credited on the item, or on a whole event
    (a conductor: everything its programme played)."""
    whole = Event.objects.filter(
        pk__in=Credit.objects.filter(agent=agent, event__isnull=False).values("event_id")
    ).values("programme_id")
    on_items = Credit.objects.filter(agent=agent, item__isnull=False).values("item_id")
    return ProgrammeItem.objects.filter(Q(pk__in=on_items) | Q(programme__in=whole))


@dataclass(frozen=True)
class PlayedWork:
    work: Work
    count: int
    composers: list[Agent]


@dataclass
class WorksPlayed:
    total: int
    top: list[PlayedWork]


def agent_works_played(*, agent: Agent, limit: int = 10) -> WorksPlayed:
    """The works the agent played, counted in events (a programme given on three nights
    counts three), the most played first, with their composers: two queries."""
    rows = list(
        _items_played(agent)
        .filter(work__isnull=False)
        .values("work_id", "work__title")
        .annotate(n=Count("programme__events", distinct=True))
        .order_by("-n", "work__title")
    )
    top = rows[:limit]
    composers: dict[int, list[Agent]] = {}
    authorships = (
        Authorship.objects.filter(
            work__in=[row["work_id"] for row in top], role=Authorship.Role.COMPOSER
        )
        .select_related("agent")
        .order_by("position", "pk")
    )
    for authorship in authorships if top else []:
        composers.setdefault(authorship.work_id, []).append(authorship.agent)
    played = [
        PlayedWork(
            Work(pk=row["work_id"], title=row["work__title"]),
            row["n"],
            composers.get(row["work_id"], []),
        )
        for row in top
    ]
    return WorksPlayed(total=len(rows), top=played)


@dataclass(frozen=True)
class VenueCount:
    venue: Place
    name: str
    city: str
    city_pk: int | None
    latitude: float | None
    longitude: float | None
    count: int


_CHAIN = ("venue", "venue__parent", "venue__parent__parent")


def agent_venues(*, agent: Agent) -> list[VenueCount]:
    """The venues of the agent's events, most used first, each with its city and the
    nearest coordinates up its chain (a hall has none of its own, its city does)."""
    rows = (
        agent_events(agent=agent)
        .order_by()
        .filter(venue__isnull=False)
        .values(
            "venue_id",
            "venue__name",
            "venue__kind",
            "venue__parent_id",
            "venue__parent__name",
            "venue__parent__kind",
            "venue__parent__parent_id",
            "venue__parent__parent__name",
            "venue__parent__parent__kind",
        )
        .annotate(
            n=Count("pk"),
            lat=Coalesce(*(f"{step}__latitude" for step in _CHAIN)),
            lon=Coalesce(*(f"{step}__longitude" for step in _CHAIN)),
        )
        .order_by("-n", "venue__name")
    )
    out = []
    for row in rows:
        # The venue itself may be the city (an archive that names only the town).
        city_pk: int | None = row["venue_id"] if row["venue__kind"] == Place.Kind.CITY else None
        city = ""
        if row["venue__parent__kind"] == Place.Kind.CITY:
            city_pk, city = row["venue__parent_id"], row["venue__parent__name"]
        elif row["venue__parent__parent__kind"] == Place.Kind.CITY:
            city_pk, city = row["venue__parent__parent_id"], row["venue__parent__parent__name"]
        out.append(
            VenueCount(
                venue=Place(pk=row["venue_id"], name=row["venue__name"]),
                name=row["venue__name"],
                city=city,
                city_pk=city_pk,
                latitude=float(row["lat"]) if row["lat"] is not None else None,
                longitude=float(row["lon"]) if row["lon"] is not None else None,
                count=row["n"],
            )
        )
    return out


@dataclass(frozen=True)
class Collaborator:
    agent: Agent
    count: int


@dataclass
class Collaborators:
    conductors: list[Collaborator] = field(default_factory=list)
    ensembles: list[Collaborator] = field(default_factory=list)
    soloists: list[Collaborator] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.conductors or self.ensembles or self.soloists)

    @property
    def groups(self) -> list[tuple[str, list[Collaborator]]]:
        return [
            ("Conductors", self.conductors),
            ("Orchestras and ensembles", self.ensembles),
            ("Fellow soloists", self.soloists),
        ]


_SOLO_ROLES = {
    Credit.Role.SOLOIST,
    Credit.Role.ASSISTING_ARTIST,
    Credit.Role.ACCOMPANIST,
    Credit.Role.PERFORMER,
}


def agent_collaborators(*, agent: Agent, limit: int = 8) -> Collaborators:
    """Who else is credited at the agent's events (on the event, or on an item of its
    programme), counted in events together, most first: one grouped query."""
    events = agent_events(agent=agent).order_by()
    together = Coalesce("event_id", "item__programme__events__id")
    rows = (
        # Both sides test the credit's own indexed columns, so SQLite answers each from
        # its index (a test through the item's programme would scan every credit).
        Credit.objects.filter(
            Q(event_id__in=events.values("pk"))
            | Q(
                item_id__in=ProgrammeItem.objects.filter(
                    programme__in=events.values("programme_id")
                ).values("pk")
            )
        )
        .filter(agent__isnull=False)
        .exclude(agent=agent)
        .values("agent_id", "agent__name", "agent__kind", "role")
        .annotate(n=Count(together, distinct=True))
        .order_by("-n", "agent__name")
    )
    out = Collaborators()
    seen: dict[str, set[int]] = {"conductors": set(), "ensembles": set(), "soloists": set()}
    for row in rows:
        kind = row["agent__kind"]
        if row["role"] == Credit.Role.CONDUCTOR:
            group = "conductors"
        elif kind != Agent.Kind.PERSON or row["role"] in (
            Credit.Role.ORCHESTRA,
            Credit.Role.ENSEMBLE,
        ):
            group = "ensembles"
        elif row["role"] in _SOLO_ROLES:
            group = "soloists"
        else:
            continue
        bucket: list[Collaborator] = getattr(out, group)
        if row["agent_id"] in seen[group] or len(bucket) >= limit:
            continue
        seen[group].add(row["agent_id"])
        other = Agent(pk=row["agent_id"], name=row["agent__name"], kind=kind)
        bucket.append(Collaborator(other, row["n"]))
    return out
