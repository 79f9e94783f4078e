"""The parts of a biography's story, in the order they are told, and its paragraphs.

Sentences are chosen by notability (their `Rank`) and then told by part: a short biography
drops its least notable sentences, never its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from cadenza.press.biography_kinds import Figure

TOLERANCE = 0.15  # a biography runs within this much of its length, when the record has it


class Part(IntEnum):
    """Where a sentence stands in the story, in the order press biographies use: identity
    and standing, origins and training, competitions, the career and its highlights (the
    debut, concerts, collaborators, repertoire, the most recent), the press, legacy."""

    LEAD = 0  # who: name, instruments, birth
    POSITIONS = 1  # standing: the posts held
    BACKGROUND = 2
    EARLY_TRAINING = 3  # first lessons, practice: before the schools
    STUDIES = 4
    PRIZES = 5  # competitions won, before the career they opened
    CAREER = 6  # the career as a whole: ensembles, gatherings, works written
    DEBUT = 7  # an invitation, then the first concert on record it led to
    CONCERTS = 8  # single performances, the leading venues
    COLLEAGUES = 9  # conductors, fellow soloists, the busiest season
    REPERTOIRE = 10  # the works played most, the last concert on record
    PRESS = 11  # recognition: the press
    STUDENTS = 12  # legacy
    LATER = 13  # the other milestones: recognition, legacy, retirement


class Rank(IntEnum):
    """How notable a sentence is: when space is short, the lower ranks are kept first. A
    list of facts of one kind (prizes, posts, quotes) steps down from its rank item by
    item: `Rank.HEADLINE + index`."""

    WHO = 0  # who the artist is: always told
    HEADLINE = 1  # the first prize or post, the career in one sentence, works written
    MAJOR = 2  # studies, the conductors and works most played, retirement, the first quote
    NOTABLE = 3  # the leading venues, conductors told vaguely, the first concert, a legacy
    MINOR = 4  # fellow soloists, the last concert, recognition, students
    LESSER = 5  # the other ensembles, the busiest year, an invitation, career milestones
    LEAST = 6  # background, early training


class Paragraph(IntEnum):
    """The paragraphs of the longest biography (the shorter ones are one paragraph)."""

    ORIGINS = 0
    CAREER = 1
    RECOGNITION = 2


@dataclass(frozen=True)
class Sentence:
    text: str
    rank: int  # a `Rank`, or a later one for a list's further items
    part: Part
    paragraph: Paragraph
    # The figures the sentence states, each the person page's own (tests compare them).
    figures: tuple[Figure, ...] = ()
    # Other wordings of the same facts, for a telling that varies its openings.
    variants: tuple[str, ...] = ()
