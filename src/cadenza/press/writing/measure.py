"""What makes a biography read well, measured: used by the tests and by
`benchmarks/bio_prose.py` alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from cadenza.press.writing.refer import first_word
from cadenza.press.writing.story import TOLERANCE, Sentence


@dataclass
class ProseReport:
    """The faults of one biography: openings repeated by the next sentence, sentences told
    twice, a length out of range (and not said to be short)."""

    words: int
    told: int
    same_openings: list[tuple[str, str]] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    short_said: bool = False

    @property
    def in_range(self) -> bool:
        low, high = self.words * (1 - TOLERANCE), self.words * (1 + TOLERANCE)
        return low <= self.told <= high or (self.told < low and self.short_said)

    @property
    def clean(self) -> bool:
        return not self.same_openings and not self.repeated and self.in_range


def prose_report(sentences: list[Sentence], *, words: int, told: int, note: str) -> ProseReport:
    """`told` is the biography's length in words, `note` what was said of its shortness."""
    report = ProseReport(words=words, told=told, short_said=bool(note))
    seen: set[str] = set()
    for before, after in pairwise(sentences):
        if first_word(before.text) == first_word(after.text):
            report.same_openings.append((before.text, after.text))
    for sentence in sentences:
        key = " ".join(sentence.text.lower().split())
        if key in seen:
            report.repeated.append(sentence.text)
        seen.add(key)
    return report
