"""Read an English narrative biography into facts, each with the span of its evidence.

Deterministic and offline: the text is cut into sentences, and each kind of fact has its
cue phrases ("studied at", "under the tutelage of", "took first prize at", "has appeared
with", "principal cello of", "wrote ... in ...") followed by a name of the right shape
(a run of capitalised words that may hold "of", "de", "für"...; an institution word for
schools, an ensemble word for ensembles, and so on; see `lexicon.py`). Nothing is looked
up in the database here: linking to the record is a separate step.

`read_biography(text)` returns the documented JSON shape: every key present, lists empty
and values null when the text says nothing, every list object with its evidence span
(`text[start:end]`), a confidence and its narrative order.
"""

from __future__ import annotations

import re

from cadenza.ingest.biography.career import CareerRules
from cadenza.ingest.biography.facts import Person, ReadFacts, every_fact
from cadenza.ingest.biography.lexicon import (
    CAP,
    ENGLISH,
    ENSEMBLE_WORD,
    INSTRUMENT_RE,
    MUSIC,
    OTHER_LANGUAGES,
    PERFORMER_RE,
    READ_PERFORMERS,
    SCHOOL_WORD,
    YEAR,
    has_word,
)
from cadenza.ingest.biography.mentions import MentionRules
from cadenza.ingest.biography.press import PressRules
from cadenza.ingest.biography.text import LISTS, PERSON, BiographyError
from cadenza.ingest.biography.training import TrainingRules

__all__ = ["LISTS", "BiographyError", "read_biography"]


# The person's name: the first capitalised name that is followed by a verb or a comma...
_NAMED = re.compile(PERSON)
_A_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near)\s+$")  # "As a girl in Buenos Aires"
_VERB = (
    r"\s+(?:[a-z]+ed|is|was|has|had|grew|sang|directs|began|won|took|became|made|"
    r"spent|came|entered|serves|holds|leads|heard|gave|led|left|went|wrote|met|saw|"
    r"sings|plays|teaches|performs|studied|grew)\b"
)
_VERB_OR_COMMA_AFTER = re.compile(rf"(?:{_VERB}|\s*(?:,|\(|\u2019s|'s))")
# ... or preceded by a performer noun: "the cellist Anna Berg".
_PERFORMER_BEFORE = re.compile(rf"(?:{PERFORMER_RE})\s*$")
# The person's instruments, by their performer nouns or instruments, in either case.
_INSTRUMENT_CUES = tuple(
    re.compile(cue, re.IGNORECASE)
    for cue in (
        # "is a cellist", "became the principal violist"
        rf"\b(?:is|was|as|became)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){{0,4}}?({PERFORMER_RE})\b",
        rf"(?:^|[.,]\s+|\bThe\s+)(?:[A-Z][\w-]+\s+)?({PERFORMER_RE})\s+{CAP}",  # "Cellist X"
        rf"(?:^|[.!?]\s+)An?\s+({PERFORMER_RE})(?:\s+and\s+({PERFORMER_RE}))?\b",
        # "Anna Berg, a cellist"
        rf"{CAP},\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?({PERFORMER_RE})\b",
        # "began the violin", "taking up the oboe"
        rf"\b(?:play(?:s|ed|ing)?|began|studied|study|taking\s+up)\s+(?:playing\s+)?(?:the\s+)?({INSTRUMENT_RE})\b",
        rf"\b({INSTRUMENT_RE})(?:\s+and\s+({INSTRUMENT_RE}))?\s+player\b",
        rf"\bprincipal\s+({INSTRUMENT_RE})\b",
        r"\b(?:and|or)\s+(?:choral\s+|orchestral\s+|opera\s+)?(organist|harpsichordist|conductor|pianist)\b",
        # "one of Portugal's leading pianists"
        rf"\bone\s+of\s+(?:[\w'’-]+\s+){{0,4}}?({PERFORMER_RE})s\b",
        rf"(?:^|[.,(]\s*|\b[Tt]he\s+)(?:[A-Z][\w-]+\s+)?({PERFORMER_RE})\s+and\s+({PERFORMER_RE})\b",
    )
)
# Where the person was born or is from, the first of these that the text holds.
_BIRTH_PLACE = re.compile(
    rf"\b(?:[Bb]orn|came\s+into\s+the\s+world)\b[^.]{{0,60}}?\bin\s+({CAP}(?:[\s-]+{CAP})*)"
    rf"|\b[Aa]\s+native\s+of\s+({CAP}(?:\s+{CAP})*)"
    rf"|\b(?:{PERFORMER_RE}|player|singer|musician)\s+from\s+({CAP}(?:\s+{CAP})*)"
    rf"|\(b\.\s*{YEAR},\s+({CAP}(?:\s+{CAP})*)\)"
    rf"|\bin\s+({CAP}(?:\s+{CAP})*)(?:,\s+{CAP})?,\s+where\s+(?:he|she|they)\s+was\s+born"
)
# The year of birth: "born in 1985", "(1921–2004)", "(b. 1985".
_BIRTH_YEAR = re.compile(
    rf"\b(?:[Bb]orn|came\s+into\s+the\s+world)\b[^.]{{0,40}}?\b({YEAR})\b"
    rf"|\(({YEAR})\s*[–-]\s*{YEAR}\)|\(b\.\s*({YEAR})\b"
)
# What `check_text` reads: words, and performer nouns in either case.
_WORD = re.compile(r"[^\W\d_]+")
_PERFORMER = re.compile(PERFORMER_RE, re.IGNORECASE)


class _Reader(TrainingRules, CareerRules, PressRules, MentionRules):
    def person(self) -> Person:
        text = self.text
        name = None
        for match in _NAMED.finditer(text):
            candidate = match.group()
            if has_word(candidate, SCHOOL_WORD, ENSEMBLE_WORD):
                continue
            if _A_PLACE_BEFORE.search(text[max(0, match.start() - 6) :][:6]):
                continue
            after = text[match.end() : match.end() + 14]
            before = text[max(0, match.start() - 20) : match.start()].lower()
            if _VERB_OR_COMMA_AFTER.match(after) or _PERFORMER_BEFORE.search(before):
                name = candidate
                break
        instruments: list[str] = []
        for cue in _INSTRUMENT_CUES:
            for match in cue.finditer(text):
                for group in match.groups():
                    if not group:
                        continue
                    word = group.lower()
                    instrument = READ_PERFORMERS.get(word, word)
                    if instrument not in instruments:
                        instruments.append(instrument)
        born = _BIRTH_PLACE.search(text)
        birth_place = next((g for g in born.groups() if g), None) if born else None
        years = _BIRTH_YEAR.search(text)
        birth_year = int(next(g for g in years.groups() if g)) if years else None
        return {
            "name": name or "",
            "instruments": instruments,
            "birth_place": birth_place,
            "birth_year": birth_year,
        }


def check_text(text: str) -> None:
    """Refuse what is not an English biography of a musician, saying why."""
    if not text.strip():
        raise BiographyError("the text is empty: expected an English biography of a musician")
    if "\x00" in text or sum(not (c.isprintable() or c.isspace()) for c in text) > len(text) / 20:
        raise BiographyError("the text looks binary: expected plain text")
    tokens = _WORD.findall(text.lower())
    english = sum(t in ENGLISH for t in tokens)
    other = sum(t in OTHER_LANGUAGES for t in tokens)
    if len(tokens) < 8 or english / len(tokens) < 0.1 or english <= other:
        raise BiographyError(
            "the text does not look like English prose: expected an English biography"
        )
    if not any(word in text.lower() for word in MUSIC) and not _PERFORMER.search(text):
        raise BiographyError("the text tells of no musician: no instrument, concert or music in it")


def read_biography(text: str) -> ReadFacts:
    """Every fact the biography states, in the documented shape (see docs/biographies.md)."""
    check_text(text)
    reader = _Reader(text)
    person = reader.person()
    reader.person_name = person["name"]
    reader.training()
    reader.awards()
    reader.positions()
    reader.ensembles()
    reader.conductors()
    reader.places()
    reader.works()
    reader.own_works()
    reader.recordings()
    reader.reviews()
    reader.mentions()
    held = {fact["ensemble"].lower() for fact in reader.found["positions"]}
    found = reader.found
    found["ensembles"] = [f for f in found["ensembles"] if f["name"].lower() not in held]
    facts: ReadFacts = {"person": person, **found, "retired_or_died": reader.ending()}
    everything = sorted(
        (fact for _kind, fact in every_fact(facts)), key=lambda f: f["evidence"]["start"]
    )
    for order, fact in enumerate(everything, start=1):
        fact["order"] = order
    return facts
