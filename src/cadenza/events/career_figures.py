"""A career in figures, for the person page: appearances per season and year, the works
played most, the venues and the people played with.

Every figure is one grouped query run by the database, whatever the length of the
career. They are written as SQL (standard, for SQLite and PostgreSQL alike): building the
same queries through the ORM cost more than the database's own work on the busiest pages
(benchmarks/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from cadenza.events.models import Credit, Series
from cadenza.events.performed import performed_sql
from cadenza.people.models import Agent, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from cadenza.repertoire.selectors import catalogue_numbers_of
from cadenza.repertoire.titles import work_title

# The agent's events, as events/selectors.agent_events finds them: credited on the event,
# or on an item of the event's programme. Each branch is read through an index.
_CREDITED = """
    SELECT c.event_id FROM events_credit c
     WHERE c.agent_id = %s AND c.event_id IS NOT NULL
    UNION
    SELECT e.id FROM events_event e
     WHERE e.programme_id IN (
        SELECT i.programme_id FROM events_programmeitem i
          JOIN events_credit c ON c.item_id = i.id
         WHERE c.agent_id = %s)
"""


def appearance_events_sql(agent_pk: int) -> tuple[str, list[Any]]:
    """The ids of the agent's appearances (events that took place: `performed.py`), as SQL
    and its parameters: what every figure of a career counts."""
    condition, params = performed_sql("pe")
    sql = f"SELECT pe.id FROM events_event pe WHERE pe.id IN ({_CREDITED}) AND {condition}"
    return sql, [agent_pk, agent_pk, *params]


# Equal counts ordered by what the page shows, the record's own ids last: ids are not
# content (an import may number two rows either way), so they only part true twins.
# A work: its title, then its first composer (two works may share a title).
WORKS_ORDER = (
    "n DESC, w.title, (SELECT a.name FROM people_authorship au"
    " JOIN people_agent a ON a.id = au.agent_id"
    " WHERE au.work_id = i.work_id AND au.role = %s ORDER BY au.position, a.name LIMIT 1),"
    " i.work_id"
)


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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
    """Events per (series, year), read once and summed both ways."""
    events, params = appearance_events_sql(agent.pk)
    rows = _rows(
        "SELECT e.series_id, s.name, s.kind, e.date_year, COUNT(*)"
        " FROM events_event e LEFT JOIN events_series s ON s.id = e.series_id"
        f" WHERE e.id IN ({events})"
        " GROUP BY e.series_id, s.name, s.kind, e.date_year",
        params,
    )
    out = Appearances()
    seasons: dict[int, tuple[int | None, str, int]] = {}
    years: dict[int, int] = {}
    for series_id, name, kind, year, n in rows:
        out.total += n
        if year is not None:
            years[year] = years.get(year, 0) + n
        if kind == Series.Kind.SEASON:
            first, _, count = seasons.get(series_id, (None, name, 0))
            if year is not None and (first is None or year < first):
                first = year
            seasons[series_id] = (first, name, count + n)
    ordered = sorted(seasons.values(), key=lambda s: (s[0] is None, s[0] or 0, s[1]))
    out.seasons = [Tally(name, n) for _, name, n in ordered]
    out.years = sorted(years.items())
    return out


@dataclass(frozen=True)
class PlayedWork:
    work: Work
    count: int
    composers: list[Agent]
    title: str = ""  # as every page shows it, with the work's catalogue numbers


@dataclass
class WorksPlayed:
    total: int
    top: list[PlayedWork]


def agent_works_played(*, agent: Agent, limit: int = 10) -> WorksPlayed:
    """The works the agent played, counted in events (a programme given on three nights
    counts three), the most played first, with their composers: two queries.

    Played means credited on the item, or on the whole event (a conductor: everything
    its programme played)."""
    performed, params = performed_sql("e")
    rows = _rows(
        "SELECT i.work_id, w.title, COUNT(DISTINCT e.id) AS n"
        " FROM events_programmeitem i"
        " JOIN repertoire_work w ON w.id = i.work_id"
        " JOIN events_event e ON e.programme_id = i.programme_id"
        # One set of item ids (a UNION, each branch through an index), not an OR.
        " WHERE i.id IN (SELECT c.item_id FROM events_credit c"
        "                WHERE c.agent_id = %s AND c.item_id IS NOT NULL"
        "                UNION"
        "                SELECT i2.id FROM events_programmeitem i2"
        "                JOIN events_event e2 ON e2.programme_id = i2.programme_id"
        "                JOIN events_credit c ON c.event_id = e2.id"
        "                WHERE c.agent_id = %s)"
        f" AND {performed}"
        f" GROUP BY i.work_id, w.title ORDER BY {WORKS_ORDER}",
        [agent.pk, agent.pk, *params, str(Authorship.Role.COMPOSER)],
    )
    return works_with_composers(rows, limit=limit)


def works_with_composers(rows: list[tuple[Any, ...]], *, limit: int) -> WorksPlayed:
    """(work id, title, count) rows, most first, as WorksPlayed: the first `limit` with
    their composers and catalogue numbers, read in two more queries."""
    top = rows[:limit]
    composers: dict[int, list[Agent]] = {}
    if top:
        marks = ", ".join(["%s"] * len(top))
        for work_id, pk, name in _rows(
            "SELECT au.work_id, a.id, a.name FROM people_authorship au"
            " JOIN people_agent a ON a.id = au.agent_id"
            f" WHERE au.role = %s AND au.work_id IN ({marks})"
            " ORDER BY au.position, au.id",
            [Authorship.Role.COMPOSER, *(row[0] for row in top)],
        ):
            composers.setdefault(work_id, []).append(Agent(pk=pk, name=name))
    numbers = catalogue_numbers_of(row[0] for row in top)
    played = [
        PlayedWork(
            Work(pk=pk, title=title),
            n,
            composers.get(pk, []),
            work_title(title, numbers.get(pk, [])),
        )
        for pk, title, n in top
    ]
    return WorksPlayed(total=len(rows), top=played)


@dataclass(frozen=True)
class VenueCount:
    venue: Place
    city: str
    city_pk: int | None
    latitude: float | None
    longitude: float | None
    country_code: str
    count: int
    last: int | None = None  # the last year played there
    # The building a hall stands in ('Carnegie Hall' for its Stern Auditorium).
    building_pk: int | None = None
    building: str = ""

    @property
    def name(self) -> str:
        return self.venue.name

    @property
    def is_area(self) -> bool:
        """A country or a region ("festivals in Europe"): where events were, not a venue."""
        return self.venue.kind in (Place.Kind.COUNTRY, Place.Kind.REGION)


def agent_venues(*, agent: Agent) -> list[VenueCount]:
    """The venues of the agent's appearances, most used first, each with its city, the
    nearest coordinates up its chain (a hall has none of its own, its city does) and the
    last year the agent played there (a biography names the hall as it was called then)."""
    events, params = appearance_events_sql(agent.pk)
    rows = _rows(
        # Counted per venue first, then the venues' chains joined to the few rows.
        "SELECT v.id, v.name, v.kind, p.id, p.name, p.kind, g.id, g.name, g.kind,"
        " COALESCE(v.latitude, p.latitude, g.latitude),"
        " COALESCE(v.longitude, p.longitude, g.longitude),"
        " COALESCE(NULLIF(v.country_code, ''), NULLIF(p.country_code, ''),"
        " NULLIF(g.country_code, '')), t.n, t.last"
        " FROM (SELECT e.venue_id, COUNT(*) AS n, MAX(e.date_year) AS last FROM events_event e"
        f"       WHERE e.venue_id IS NOT NULL AND e.id IN ({events})"
        "       GROUP BY e.venue_id) t"
        " JOIN places_place v ON v.id = t.venue_id"
        " LEFT JOIN places_place p ON p.id = v.parent_id"
        " LEFT JOIN places_place g ON g.id = p.parent_id"
        # Two halls of one name part by their building and city ('Municipal Auditorium').
        " ORDER BY t.n DESC, v.name, p.name, g.name, v.id",
        params,
    )
    out = []
    for row in rows:
        pk, name, kind, p_pk, p_name, p_kind, g_pk, g_name, g_kind, lat, lon, code, n, last = row
        # The venue may be the city itself (an archive that names only the town).
        city_pk: int | None = pk if kind == Place.Kind.CITY else None
        city = ""
        if p_kind == Place.Kind.CITY:
            city_pk, city = p_pk, p_name
        elif g_kind == Place.Kind.CITY:
            city_pk, city = g_pk, g_name
        in_building = kind == Place.Kind.HALL and p_kind == Place.Kind.BUILDING
        out.append(
            VenueCount(
                venue=Place(pk=pk, name=name, kind=kind),
                city=city,
                city_pk=city_pk,
                latitude=float(lat) if lat is not None else None,
                longitude=float(lon) if lon is not None else None,
                country_code=code or "",
                count=n,
                last=last,
                building_pk=p_pk if in_building else None,
                building=p_name if in_building else "",
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


def group_sql(role: str = "x.role", kind: str = "a.kind") -> tuple[str, list[str]]:
    """A CASE naming a credit's group (conductors, ensembles, soloists; NULL for other
    roles) and its parameters. Counting in events happens per group, in SQL: someone
    credited once as soloist and once as assisting artist played at two events, not one."""
    solo = ", ".join(["%s"] * len(_SOLO_ROLES))
    sql = (
        f"CASE WHEN {role} = %s THEN 'conductors'"
        # A presenter or a jury does not play: the hall's company is no ensemble.
        f" WHEN {role} IN (%s, %s) THEN NULL"
        f" WHEN {kind} <> %s OR {role} IN (%s, %s) THEN 'ensembles'"
        f" WHEN {role} IN ({solo}) THEN 'soloists' END"
    )
    params: list[str] = [Credit.Role.CONDUCTOR, Credit.Role.PRESENTER, Credit.Role.JURY]
    params += [Agent.Kind.PERSON, Credit.Role.ORCHESTRA]
    params += [Credit.Role.ENSEMBLE, *sorted(_SOLO_ROLES)]
    return sql, [str(p) for p in params]


def agent_collaborators(*, agent: Agent, limit: int = 8) -> Collaborators:
    """Who else is credited at the agent's events (on the event, or on an item of its
    programme), counted in events together, most first: one grouped query."""
    # Two branches joined with UNION ALL rather than one OR: each is read through an
    # index, and an item's credits count only the agent's own events of its programme.
    events, params = appearance_events_sql(agent.pk)
    credits = (
        " SELECT c.agent_id, c.role, c.event_id FROM events_credit c"
        f" WHERE c.event_id IN ({events}) AND c.agent_id <> %s"
        " UNION ALL"
        " SELECT c.agent_id, c.role, e.id FROM events_event e"
        " JOIN events_programmeitem i ON i.programme_id = e.programme_id"
        " JOIN events_credit c ON c.item_id = i.id"
        f" WHERE e.id IN ({events}) AND c.agent_id <> %s"
    )
    return credited_counted(credits, [*params, agent.pk, *params, agent.pk], limit=limit)


def credited_counted(credits: str, params: Sequence[Any], *, limit: int) -> Collaborators:
    """Who the credits name, counted in events per group, most first: one grouped query.

    `credits` is SQL giving (agent_id, role, event_id) rows, a credit at an event."""
    group, group_params = group_sql()
    rows = _rows(
        f"SELECT x.agent_id, a.name, a.kind, {group} AS grp, COUNT(DISTINCT x.event_id) AS n"
        f" FROM ({credits}) x JOIN people_agent a ON a.id = x.agent_id"
        " GROUP BY 1, 2, 3, 4 ORDER BY n DESC, a.name, x.agent_id",
        [*group_params, *params],
    )
    return _collaborators_from(rows, limit=limit)


def _collaborators_from(rows: list[tuple[Any, ...]], *, limit: int) -> Collaborators:
    """(agent id, name, kind, group, count) rows (the group from `group_sql`), most
    first, `limit` of each group; rows of no group are left out."""
    out = Collaborators()
    for pk, name, kind, group, n in rows:
        if group is None:
            continue
        bucket: list[Collaborator] = getattr(out, group)
        if len(bucket) < limit:
            bucket.append(Collaborator(Agent(pk=pk, name=name, kind=kind), n))
    return out


def appearance_counts(*, agent_pks: Sequence[int]) -> dict[int, int]:
    """The number of appearances of each agent, as `agent_appearances(...).total` counts
    them (events that took place, each once), for a list of people in one query."""
    if not agent_pks:
        return {}
    marks = ", ".join(["%s"] * len(agent_pks))
    return dict(_appearances_grouped(f"c.agent_id IN ({marks})", list(agent_pks)))


def people_by_appearances(*, limit: int) -> list[tuple[int, int]]:
    """(person id, appearances) of the `limit` people with most appearances, most first:
    one grouped query over every credit (the home page's shortlist, cached with the page)."""
    person = "c.agent_id IN (SELECT a.id FROM people_agent a WHERE a.kind = %s)"
    return _appearances_grouped(person, [str(Agent.Kind.PERSON)], limit=limit)


def _appearances_grouped(
    who: str, params: list[Any], *, limit: int | None = None
) -> list[tuple[int, int]]:
    """(agent id, events that took place crediting them) for the credits `who` picks,
    most first: credited on the event, or on an item of the event's programme."""
    condition, when = performed_sql("pe")
    rows = _rows(
        "SELECT x.agent_id, COUNT(DISTINCT x.event_id) AS n FROM ("
        " SELECT c.agent_id, c.event_id FROM events_credit c"
        f"  WHERE {who} AND c.event_id IS NOT NULL"
        " UNION"
        " SELECT c.agent_id, e.id FROM events_credit c"
        "  JOIN events_programmeitem i ON i.id = c.item_id"
        "  JOIN events_event e ON e.programme_id = i.programme_id"
        f"  WHERE {who}"
        f") x JOIN events_event pe ON pe.id = x.event_id WHERE {condition}"
        " GROUP BY x.agent_id ORDER BY n DESC, x.agent_id"
        + (" LIMIT %s" if limit is not None else ""),
        [*params, *params, *when, *([limit] if limit is not None else [])],
    )
    return [(pk, n) for pk, n in rows]
