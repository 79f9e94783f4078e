"""What every rule of the biography reader shares: sentences, names, the list of facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cadenza.ingest.biography.facts import Confidence, Kind
from cadenza.ingest.biography.lexicon import CAP, ENTITY, YEAR

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
# Pieces the rules compose their patterns from.
# An article and an epithet before a name: "the renowned".
THE = r"(?:the\s+)?(?:(?:prestigious|renowned|famous|legendary|celebrated|historic)\s+)?"
# A person's name: two to four capitalised words, "Sir" or a particle ("van") among them.
PERSON = rf"(?:Sir\s+|Dame\s+)?{CAP}(?:\s+(?:de|van|von|di|da|del|der|le|la)?\s*{CAP}){{1,3}}"
THE_NAME = rf"{THE}({ENTITY})"  # a name, its article left out of the group

# A sentence's end: its last word (an abbreviation does not end it), before a capital.
_SENTENCE_END = re.compile(r"(\w*)[.!?][”\"]?(?=\s+[“\"A-Z])")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s)$")  # "the Dover Quartet's roster"
# A possessive in a name: "Mahler's Symphony No. 4" is a work, not an ensemble or a person.
POSSESSIVE = re.compile(r"['’]s\b")
_A_YEAR = re.compile(rf"\b({YEAR})\b")
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
    name = _LEADING_THE.sub("", name.strip())
    name = _TRAILING_POSSESSIVE.sub("", name)
    return name.strip(" ,;:")


def further(item: str) -> re.Pattern[str]:
    """A list's next item (`item` has one group): ', B' or ' and B'."""
    return re.compile(rf"(?:,\s+|,?\s+and\s+){item}")


# The further items of a list of names: "at A, B and C".
FURTHER_NAME = further(THE_NAME)


def listed(sentence: str, at: int, step: re.Pattern[str]) -> list[tuple[str, int, int]]:
    """The further items of a list that starts before `at`: ', B, C and D' (`step` is
    made by `further`)."""
    found = []
    while match := step.match(sentence, at):
        found.append((match.group(1), match.start(1), match.end(1)))
        at = match.end()
    return found


def year_in(fragment: str) -> int | None:
    found = _A_YEAR.search(fragment)
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

    def each(self, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], str, int]]:
        """Matches sentence by sentence: (match, the sentence, the sentence's offset)."""
        for start, end in self.sentences:
            sentence = self.text[start:end]
            for match in pattern.finditer(sentence):
                yield match, sentence, start
