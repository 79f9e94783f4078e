"""The last rule: a name that no cue phrase claimed is typed by its head word.

Cue phrases ("appeared with", "won the") miss the many other ways prose brings in an
orchestra or a prize ("concert engagements have taken her to the Gothenburg Symphony",
"a prizewinner at the ARD Competition (second prize, 2010)"). What the cues left is read
here, with a lower confidence: an ensemble in a sentence about performing, a competition
anywhere (with a prize and a year told near it).
"""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import (
    Award,
    Confidence,
    Named,
    cited,
    every_fact,
)
from cadenza.ingest.biography.lexicon import (
    COMPETITION_WORD,
    COMPETITION_WORDS,
    ENSEMBLE_WORD,
    ENTITY,
    FESTIVAL_WORD,
    PRIZES,
    SCHOOL_WORD,
    VENUE_WORD,
    has_word,
)
from cadenza.ingest.biography.text import (
    POSSESSIVE,
    ReaderBase,
    clean,
    name_of,
    year_in,
)

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
_NAME = re.compile(rf"(?:\b[Tt]he\s+)?({ENTITY})")  # any name, the candidates of this pass
_LEAD = re.compile(rf"(?:{LEADS})\s+of\s+(?:the\s+)?")
_PRIZE_ONLY = re.compile(PRIZES, re.IGNORECASE)  # "the Grand Prize" of a competition
# A competition told in lower case after its name: "the Royal Philharmonic Society competition".
_TOLD_AFTER = re.compile(r"\s+(competition|prize|award)\b")


class MentionRules(ReaderBase):
    def mentions(self) -> None:
        known = {clean(name_of(kind, fact)).lower() for kind, fact in every_fact(self.found)}
        for match, sentence, offset in self.each(_NAME):
            name = clean(match.group(1))
            at, to = offset + match.start(1), offset + match.end(1)
            lead = _LEAD.match(name)
            if lead:  # "Winner of the X Prize" at the start of a sentence
                name, at = name[lead.end() :], at + lead.end()
            if POSSESSIVE.search(name) or _PRIZE_ONLY.fullmatch(name):  # a work; a prize alone
                continue
            # One word is a name only when the lexicon knows it ("Operalia"), not "Ensemble".
            if len(name.split()) < 2 and name not in COMPETITION_WORDS:
                continue
            lower = name.lower()
            if any(lower in k or k in lower for k in known if k):
                continue  # told by a cue already, maybe at more length
            told = _TOLD_AFTER.match(sentence[match.end(1) :])
            if told:
                name, to = f"{name} {told.group(1)}", to + told.end()
            if (told or has_word(name, COMPETITION_WORD)) and not has_word(name, SCHOOL_WORD):
                near = sentence[max(0, match.start() - 40) : match.end() + 30]
                won = WINNER.search(near)
                prize = None
                if won and won.group(1):
                    prize = won.group(1).lower()
                elif won and won.group(2):
                    prize = f"{won.group(2).lower()} medal"
                elif won:
                    prize = won.group(3).lower()
                self.add(
                    "awards",
                    Award(
                        competition=name,
                        prize=prize,
                        year=year_in(sentence[match.end(1) : match.end(1) + 30]),
                        **cited(at, to, Confidence.VAGUE),
                    ),
                )
            elif (
                has_word(name, ENSEMBLE_WORD)
                and not has_word(name, VENUE_WORD, SCHOOL_WORD, FESTIVAL_WORD)
                and PERFORMING.search(sentence)
            ):
                self.add("ensembles", Named(name=name, **cited(at, to, Confidence.VAGUE)))
            else:
                continue
            known.add(lower)
