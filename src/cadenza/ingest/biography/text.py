"""What every rule of the biography reader shares: sentences, names, the list of facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cadenza.ingest.biography.facts import Confidence, Kind
from cadenza.ingest.biography.lexicon import (
    CAP,
    YEAR,
)

LISTS: tuple[Kind, ...] = (
    "studied_at",
    "teachers",
    "awards",
    "positions",
    "ensembles",
    "conductors",
    "venues",
    "festivals",
    "works",
    "recordings",
    "reviews",
)
THE = r"(?:the\s+)?(?:(?:prestigious|renowned|famous|legendary|celebrated|historic)\s+)?"
PERSON = rf"(?:Sir\s+|Dame\s+)?{CAP}(?:\s+(?:de|van|von|di|da|del|der|le|la)?\s*{CAP}){{1,3}}"
_SENTENCE_END = re.compile(r"(\w*)[.!?][”\"]?(?=\s+[“\"A-Z])")
_ABBREVIATIONS = {"No", "Op", "St", "Mr", "Dr", "Mrs", "Ms", "Sr", "Jr", "vs", "op", "no", "K", "D"}


# The field that names each kind of fact: what is matched, merged, reviewed and scored.
NAME_FIELD = {
    "studied_at": "institution", "teachers": "name", "awards": "competition",
    "positions": "ensemble", "ensembles": "name", "conductors": "name", "venues": "name",
    "festivals": "name", "works": "title", "recordings": "title", "reviews": "quote",
}  # fmt: skip


class BiographyError(ValueError):
    """The text cannot be read as a musician's biography; the message says why."""


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(1) in _ABBREVIATIONS:
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def clean(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"(?:'s|’s)$", "", name)  # a possessive: "the Dover Quartet's roster"
    return name.strip(" ,;:")


def listed(sentence: str, at: int, item: str) -> list[tuple[str, int, int]]:
    """The further items of a list that starts before `at`: ', B, C and D'."""
    found = []
    step = re.compile(rf"(?:,\s+|,?\s+and\s+){item}")
    while match := step.match(sentence, at):
        found.append((match.group(1), match.start(1), match.end(1)))
        at = match.end()
    return found


def year_in(fragment: str) -> int | None:
    found = re.search(rf"\b({YEAR})\b", fragment)
    return int(found.group(1)) if found else None


def _same(known: str, key: str) -> bool:
    """The same fact told twice, once at more length: 'Cello Suite No. 1' and 'Cello Suite
    No. 1 in G major'. The longer telling is kept."""
    a, b = known.lower(), key.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


class ReaderBase:
    """The text, its sentences, and the facts found so far, by kind."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Filled kind by kind; `read_biography` hands them out as `ReadFacts`.
        self.facts: dict[str, list[dict[str, Any]]] = {key: [] for key in LISTS}
        self.sentences = sentences(text)

    def add(self, kind: Kind, at: int, to: int, confidence: Confidence, **fields: Any) -> None:
        name_field = NAME_FIELD[kind]
        key = fields[name_field]
        for fact in self.facts[kind]:
            known = fact[name_field]
            if known and key and _same(known, key):
                if len(key) > len(known):
                    fact[name_field] = key
                    fact["evidence"] = {"start": at, "end": to}
                for field, value in fields.items():  # a second mention may add a year
                    if fact.get(field) is None and value is not None:
                        fact[field] = value
                return
        fields["evidence"] = {"start": at, "end": to}
        fields["confidence"] = confidence.value
        self.facts[kind].append(fields)

    def each(self, pattern: str, flags: int = 0) -> Iterator[tuple[re.Match[str], str, int]]:
        """Matches sentence by sentence: (match, the sentence, the sentence's offset)."""
        for start, end in self.sentences:
            sentence = self.text[start:end]
            for match in re.finditer(pattern, sentence, flags):
                yield match, sentence, start
