"""The parts of a biography's story, in the order they are told, and its paragraphs.

Sentences are chosen by notability (their rank) and then told by part: a short biography
drops its least notable sentences, never its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Part(IntEnum):
    """Where a sentence stands in the story."""

    LEAD = 0  # who: name, instruments, birth
    BACKGROUND = 1
    EARLY_TRAINING = 2  # first lessons, practice: before the schools
    STUDIES = 3
    PRIZES = 4
    POSITIONS = 5
    CAREER = 6  # the career as a whole: ensembles, gatherings, works written
    DEBUT = 7  # an invitation, then the first concert on record it led to
    CONCERTS = 8  # single performances, the leading venues
    COLLEAGUES = 9  # conductors, fellow soloists, the busiest year
    REPERTOIRE = 10  # the works played most, the last concert on record
    PRESS = 11
    STUDENTS = 12
    LATER = 13  # the other milestones: recognition, legacy, retirement


class Paragraph(IntEnum):
    """The paragraphs of the longest biography (the shorter ones are one paragraph)."""

    ORIGINS = 0
    CAREER = 1
    RECOGNITION = 2


@dataclass(frozen=True)
class Sentence:
    text: str
    rank: int  # notability: 0 is told first when space is short
    part: Part
    paragraph: Paragraph
