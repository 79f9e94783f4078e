"""What every rule of the biography reader shares: sentences, names, the list of facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal, cast, overload

from cadenza.ingest.biography.facts import (
    LISTS,
    Award,
    Fact,
    FactLists,
    Festival,
    Kind,
    Named,
    Position,
    Recording,
    ReviewQuote,
    StudiedAt,
    Teacher,
    Venue,
    WorkFact,
)
from cadenza.ingest.biography.lexicon import CAP, ENTITY, YEAR

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


__all__ = ["LISTS", "NAME_FIELD", "BiographyError", "ReaderBase"]  # LISTS is facts.py's


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


def name_of(kind: Kind, fact: Fact) -> str:
    """The name a fact goes by (`NAME_FIELD`), for rules that treat every kind alike."""
    return str(cast(dict[str, Any], fact)[NAME_FIELD[kind]])


def _same(known: str, key: str) -> bool:
    """The same fact told twice, once at more length: 'Cello Suite No. 1' and 'Cello Suite
    No. 1 in G major'. The longer telling is kept."""
    a, b = known.lower(), key.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


class ReaderBase:
    """The text, its sentences, and the facts found so far, by kind."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = cast(FactLists, {kind: [] for kind in LISTS})
        self.sentences = sentences(text)

    # Each kind takes its own type of fact, so mypy checks a fact's fields where it is made.
    @overload
    def add(self, kind: Literal["studied_at"], fact: StudiedAt) -> None: ...
    @overload
    def add(self, kind: Literal["teachers"], fact: Teacher) -> None: ...
    @overload
    def add(self, kind: Literal["awards"], fact: Award) -> None: ...
    @overload
    def add(self, kind: Literal["positions"], fact: Position) -> None: ...
    @overload
    def add(self, kind: Literal["ensembles", "conductors"], fact: Named) -> None: ...
    @overload
    def add(self, kind: Literal["venues"], fact: Venue) -> None: ...
    @overload
    def add(self, kind: Literal["festivals"], fact: Festival) -> None: ...
    @overload
    def add(self, kind: Literal["works"], fact: WorkFact) -> None: ...
    @overload
    def add(self, kind: Literal["recordings"], fact: Recording) -> None: ...
    @overload
    def add(self, kind: Literal["reviews"], fact: ReviewQuote) -> None: ...

    def add(self, kind: Kind, fact: Fact) -> None:
        """Keep a fact, or merge it into the same fact told before: the longer telling
        wins, and a second mention may add a year."""
        name_field = NAME_FIELD[kind]
        # The merge is the same for every kind: fields by name.
        new = cast(dict[str, Any], fact)
        key = new[name_field]
        for told in cast(list[dict[str, Any]], self.found[kind]):
            known = told[name_field]
            if known and key and _same(known, key):
                if len(key) > len(known):
                    told[name_field] = key
                    told["evidence"] = new["evidence"]
                for field, value in new.items():
                    if told.get(field) is None and value is not None:
                        told[field] = value
                return
        cast(list[Fact], self.found[kind]).append(fact)

    def each(self, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], str, int]]:
        """Matches sentence by sentence: (match, the sentence, the sentence's offset)."""
        for start, end in self.sentences:
            sentence = self.text[start:end]
            for match in pattern.finditer(sentence):
                yield match, sentence, start
