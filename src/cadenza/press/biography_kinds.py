"""The facts a biography of one artist may tell, as the record holds them."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadenza.people.models import Agent, Milestone

TOP = 8  # the most a 400-word biography names of one kind


@dataclass(frozen=True)
class Named:
    name: str
    count: int = 0
    vague: bool = False  # "various orchestras": a description, not a name
    first: int | None = None  # the years of the performances counted, where gathered
    last: int | None = None
    # Which figure of the person page the count is (`Figure.kind`), and of what there.
    figure: str = ""
    key: int | str | None = None


@dataclass(frozen=True)
class Figure:
    """A figure a sentence states, as the person page shows it: its kind ('appearances',
    'ensemble', 'conductor', 'soloist', 'venue', 'work', 'season', 'year', 'composition'),
    the key of what it counts there (an agent, venue or work id, a season's or a year's
    label; None for the appearances) and the count."""

    kind: str
    key: int | str | None
    count: int


@dataclass(frozen=True)
class Study:
    institution: str
    year: int | None


@dataclass(frozen=True)
class Position:
    ensemble: str
    role: str
    begin: int | None
    end: int | None


@dataclass(frozen=True)
class Prize:
    competition: str
    prize: str
    year: int | None
    several: bool


@dataclass(frozen=True)
class Gathering:
    """Several events told as one: 'festival performances in Europe'."""

    name: str
    order: int


@dataclass(frozen=True)
class Highlight:
    """A single performance at a named venue, with its audience as told."""

    venue: str
    city: str
    year: int | None
    works: tuple[str, ...]
    audience: str


@dataclass(frozen=True)
class Concert:
    """One dated concert of a long career: where, when, what the artist played, under whom."""

    venue: str
    city: str
    year: int
    works: tuple[str, ...]
    conductors: tuple[str, ...]


@dataclass(frozen=True)
class QuoteFact:
    review: int
    text: str
    critic: str
    publication: str
    year: int | None


@dataclass
class BiographyFacts:
    agent: Agent
    instruments: list[str] = field(default_factory=list)
    performer_nouns: list[str] = field(default_factory=list)
    main_role: str = ""  # the role most credited: 'soloist', 'conductor', ...
    # The busiest season (where the record has seasons, as the chart does) or year.
    busiest: Named | None = None
    fellow_soloists: list[Named] = field(default_factory=list)
    works_written: int = 0
    most_performed: list[Named] = field(default_factory=list)  # of the works written
    born_place: str = ""
    studies: list[Study] = field(default_factory=list)
    teachers: list[str] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    prizes: list[Prize] = field(default_factory=list)
    events: int = 0  # appearances: events that took place (events/performed.py)
    # The page's 'In figures': works played, venues, cities, seasons (0: not on record).
    works_total: int = 0
    venues_total: int = 0
    cities_total: int = 0
    seasons_total: int = 0
    first_year: int | None = None
    last_year: int | None = None
    venues: list[Named] = field(default_factory=list)
    ensembles: list[Named] = field(default_factory=list)
    conductors: list[Named] = field(default_factory=list)
    works: list[Named] = field(default_factory=list)
    work_labels: dict[int, str] = field(default_factory=dict)
    gatherings: list[Gathering] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    # A long career's first and last dated concerts on record, with the works played there.
    first_concert: Concert | None = None
    last_concert: Concert | None = None
    quotes: list[QuoteFact] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        """Died, dissolved or retired: the biography is told in the past tense."""
        retired = any(m.kind == Milestone.Kind.RETIREMENT for m in self.milestones)
        return retired or self.agent.end_year is not None
