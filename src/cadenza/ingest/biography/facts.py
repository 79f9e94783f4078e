"""The facts a biography states, one type per kind, as `read_biography` returns them (the
documented `bio read --json` shape, docs/biographies.md), and how sure the reader is.

They are typed dictionaries, not classes, because the shape is the JSON the command prints
and the review page corrects field by field.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any, Literal, NotRequired, TypedDict, cast, get_args


class Confidence(float, Enum):
    """How sure the reader is of a fact, by the kind of words it was read from."""

    EXPLICIT = 0.85  # a cue that names the fact: "studied at", "took first prize at"
    CUED = 0.8  # a cue phrase and a name of the right shape: "appeared with the X Orchestra"
    INDIRECT = 0.75  # a cue that fits other facts too: "under" (a conductor or a teacher)
    LOOSE = 0.7  # a weaker cue: a list's further items, a title by its shape alone
    VAGUE = 0.6  # a vague fact ("various orchestras"), or a name typed by its head word only


Kind = Literal[
    "studied_at", "teachers", "awards", "positions", "ensembles", "conductors", "venues",
    "festivals", "works", "recordings", "reviews",
]  # fmt: skip
LISTS: tuple[Kind, ...] = get_args(Kind)  # the kinds, in the order of the JSON shape


class Evidence(TypedDict):
    start: int  # text[start:end] is the evidence
    end: int


class Cited(TypedDict):
    """Where a fact was read and how sure the reader is: `cited(...)` makes one."""

    evidence: Evidence
    confidence: float


class Fact(Cited):
    order: NotRequired[int]  # 1, 2, 3... in the order the text tells the facts
    # A reviewer's link: an entity's id, or 0 for "new"; absent to link as read.
    record: NotRequired[int]


class StudiedAt(Fact):
    institution: str
    teacher: str | None
    year: int | None


class Teacher(Fact):
    name: str


class Award(Fact):
    competition: str
    prize: str | None
    year: int | None


class Position(Fact):
    ensemble: str
    role: str | None
    start: int | None
    end: int | None


class Named(Fact):
    """An ensemble or a conductor performed with."""

    name: str


class Venue(Fact):
    name: str
    city: str | None
    year: int | None


class Festival(Fact):
    name: str
    year: int | None


class WorkFact(Fact):
    composer: str | None
    title: str
    catalogue: str | None


class Recording(Fact):
    title: str
    label: str | None
    year: int | None


class ReviewQuote(Fact):
    quote: str
    critic: str | None
    publication: str | None


class Ending(Fact):
    kind: Literal["retired", "died"]
    year: int | None


class Moment(TypedDict):
    """A moment of the narrative (`moments.py`): not part of the JSON shape."""

    kind: str
    text: str
    evidence: Evidence
    confidence: float


class Person(TypedDict):
    name: str
    instruments: list[str]
    birth_place: str | None
    birth_year: int | None


class FactLists(TypedDict):
    """The facts of every kind, as the reader finds them."""

    studied_at: list[StudiedAt]
    teachers: list[Teacher]
    awards: list[Award]
    positions: list[Position]
    ensembles: list[Named]
    conductors: list[Named]
    venues: list[Venue]
    festivals: list[Festival]
    works: list[WorkFact]
    recordings: list[Recording]
    reviews: list[ReviewQuote]


class ReadFacts(FactLists):
    person: Person
    retired_or_died: Ending | None
    moments: NotRequired[list[Moment]]  # as a reviewer kept them; absent: as read


def cited(start: int, end: int, confidence: Confidence) -> Cited:
    """The evidence `text[start:end]` and the confidence of a fact: `Award(..., **cited(...))`."""
    return {"evidence": {"start": start, "end": end}, "confidence": confidence.value}


def every_fact(facts: FactLists) -> Iterator[tuple[Kind, Fact]]:
    """Each fact with its kind, kind by kind in the order of the JSON shape."""
    for kind in LISTS:
        for fact in facts[kind]:
            yield kind, fact


def of_kind(facts: ReadFacts, kind: str) -> list[dict[str, Any]]:
    """The facts of one kind named at run time (a row of the review page, a loop over the
    kinds), as plain dictionaries: their fields are read by name."""
    return cast(list[dict[str, Any]], cast(dict[str, Any], facts).get(kind, []))
