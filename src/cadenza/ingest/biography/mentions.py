"""The last rule: a name that no cue phrase claimed is typed by its head word.

Cue phrases ("appeared with", "won the") miss the many other ways prose brings in an
orchestra or a prize ("concert engagements have taken her to the Gothenburg Symphony",
"a prizewinner at the ARD Competition (second prize, 2010)"). What the cues left is read
here, with a lower confidence: an ensemble in a sentence about performing, a competition
anywhere (with a prize and a year told near it).
"""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import Confidence
from cadenza.ingest.biography.lexicon import (
    COMPETITION_WORDS,
    ENSEMBLE_WORDS,
    ENTITY,
    PRIZES,
    SCHOOL_WORDS,
    VENUE_WORDS,
    YEAR,
    has_word,
)
from cadenza.ingest.biography.text import LISTS, NAME_FIELD, ReaderBase, clean

PERFORMING = re.compile(
    r"\b(?:appear|perform|sung|sang|sing|play|tour|conduct|soloist|guest|recital|debut|heard|"
    r"engagement|premiere|taken|collaborat|partner|concerts?\b|season|record)",
    re.IGNORECASE,
)
# "Gold medallist at", "a prizewinner at": the prize told by the noun for its winner.
WINNER = re.compile(
    rf"(?i:({PRIZES})|\b(gold|silver|bronze)\s+medall?ist|\b(laureate|finalist|prizewinner|winner))"
)

# Nouns that start a sentence and a name with it: "Winner of the ...", "Member of the ...".
LEADS = (
    r"Winner|Laureate|Member|Principal|Director|Founder|Graduate|Recipient|Finalist|Alumnus|Alumna"
)


class MentionRules(ReaderBase):
    def mentions(self) -> None:
        known = {
            clean(str(fact[NAME_FIELD[kind]])).lower()
            for kind in LISTS
            for fact in self.facts[kind]
        }
        for match, sentence, offset in self.each(rf"(?:\b[Tt]he\s+)?({ENTITY})"):
            name = clean(match.group(1))
            at, to = offset + match.start(1), offset + match.end(1)
            lead = re.match(rf"(?:{LEADS})\s+of\s+(?:the\s+)?", name)
            if lead:  # "Winner of the X Prize" at the start of a sentence
                name, at = name[lead.end() :], at + lead.end()
            if re.search(r"['’]s\b", name) or re.fullmatch(PRIZES, name, re.IGNORECASE):
                continue  # "Mahler's Symphony No. 4"; "the Grand Prize" of a competition
            # One word is a name only when the lexicon knows it ("Operalia"), not "Ensemble".
            if len(name.split()) < 2 and name not in COMPETITION_WORDS:
                continue
            lower = name.lower()
            if any(lower in k or k in lower for k in known if k):
                continue  # told by a cue already, maybe at more length
            told = re.match(r"\s+(competition|prize|award)\b", sentence[match.end(1) :])
            if told:  # "the Royal Philharmonic Society competition"
                name, to = f"{name} {told.group(1)}", to + told.end()
            if (told or has_word(name, COMPETITION_WORDS)) and not has_word(name, SCHOOL_WORDS):
                near = sentence[max(0, match.start() - 40) : match.end() + 30]
                won = WINNER.search(near)
                prize = None
                if won and won.group(1):
                    prize = won.group(1).lower()
                elif won and won.group(2):
                    prize = f"{won.group(2).lower()} medal"
                elif won:
                    prize = won.group(3).lower()
                year = re.search(rf"\b({YEAR})\b", sentence[match.end(1) : match.end(1) + 30])
                self.add(
                    "awards",
                    at,
                    to,
                    Confidence.VAGUE,
                    competition=name,
                    prize=prize,
                    year=int(year.group(1)) if year else None,
                )
            elif (
                has_word(name, ENSEMBLE_WORDS)
                and not has_word(name, VENUE_WORDS + SCHOOL_WORDS + ("Festival",))
                and PERFORMING.search(sentence)
            ):
                self.add("ensembles", at, to, Confidence.VAGUE, name=name)
            else:
                continue
            known.add(lower)
