"""Rules for works, recordings, reviews and the end of a career."""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import (
    Confidence,
    Ending,
    Recording,
    ReviewQuote,
    WorkFact,
    cited,
)
from cadenza.ingest.biography.lexicon import (
    CAP,
    COMPETITION_WORD,
    ENSEMBLE_WORD,
    ENTITY,
    PUBLICATION_WORD,
    SCHOOL_WORD,
    VENUE_WORD,
    YEAR,
    has_word,
)
from cadenza.ingest.biography.text import PERSON, THE, ReaderBase, clean, further, listed

# Works ----------------------------------------------------------------------------------

WORK_NOUN = r"(?:Concerto|Sonata|Quintet|Quartet|Trio|Suite|Symphony|Requiem|Mass|Variations)"
# A work's title: capitalised words, numbers and keys ("Cello Suite No. 1 in G major").
_TITLE = (
    r"(?:No\.\s*\d+|" + CAP + r"|\d+)(?:\s+(?:(?:of|and|de|del|in|for)\s+)?"
    r"(?:[A-G](?:-flat|-sharp)?\s+(?:major|minor)\b|No\.\s*\d+|" + CAP + r"|\d+))*"
)
# A catalogue number after a comma, one group: ", BWV 1007", ", Op. 77".
_CATALOGUE = r"(?:,\s+((?:BWV|K\.|KV|Op\.|D\.|RV|Hob\.|HWV|S\.|L\.)\s*[\dIVXa-z:./-]+))?"
# A composer's work: "Bach's Cello Suite No. 1, BWV 1007".
_COMPOSERS_WORK = re.compile(rf"\b({CAP})(?:'s|’s|')\s+({_TITLE}){_CATALOGUE}")
_NUMBERED_SYMPHONY = re.compile(r"Symphony\s+No\.")  # a work, not "Symphony Orchestra"
# A work by its composer's name before it: "the Elgar Cello Concerto".
_NAMED_WORK = re.compile(
    rf"\bthe\s+({CAP})\s+((?:Violin|Cello|Piano|Viola|Clarinet|Flute|Horn|Oboe|Trumpet|Bassoon|Harp|"
    rf"Organ|Trombone)\s+(?:Concerto|Sonata|Suite)|"
    # "Piano Trio" and "Wind Quintet" also name ensembles ("the Munich Piano Trio").
    rf"(?:Clarinet|Horn|Oboe|Flute|Viola|Cello)\s+(?:Quintet|Quartet|Trio)){_CATALOGUE}"
)
# A work of the person's own, by its quoted title: 'her piano concerto "Tidal"'.
_OWN_WORK = re.compile(
    r"\b(?:his|her|their)\s+(?:[a-z-]+\s+){0,2}?(?:concerto|opera|symphony|piece|work|"
    r"song\s+cycle|quartet|sonata|oratorio|cantata|suite|trio|quintet)\s+[“\"]([^”\"]{2,60}?),?[”\"]"
)

# Recordings -----------------------------------------------------------------------------

_LABEL = rf"({CAP}(?:\s+{CAP})*)"  # a record label, one group: "Deutsche Grammophon"
# "the album Nocturnes, recorded for Label in 2003".
_ALBUM_FOR = re.compile(
    rf"\b(?:album|recording|disc|CD),?\s+({CAP}(?:\s+{CAP})*),?\s+(?:recorded\s+)?"
    rf"(?:appeared\s+on|released\s+(?:on|by)|for|on)\s+{_LABEL}"
    rf"(?:[^.]*?\b({YEAR}))?"
)
# A quoted album title: 'her album "Night Songs" appeared on Label'.
_QUOTED_ALBUM = re.compile(
    r"\b(?:album|recording|disc|CD)\b[^.“\"]{0,60}[“\"]([^”\"]{2,80}?),?[”\"],?\s+(?:appeared|was\s+released|"
    rf"came\s+out)?\s*(?:on|for|by)\s+{_LABEL}(?:[^.]*?\b({YEAR}))?"
)
_RECORDED_WORK = rf"{THE}((?:{CAP}\s+)+?{WORK_NOUN})"  # "the Brahms Sonatas", one group
# "recordings for Label include the A Concerto and the B Sonatas".
_RECORDINGS_INCLUDE = re.compile(rf"\b[Rr]ecordings\s+for\s+{_LABEL}\s+include\s+{_RECORDED_WORK}")
_FURTHER_RECORDED_WORK = further(_RECORDED_WORK)
# "recorded the Goldberg Variations for Label (2003)".
_RECORDED_FOR = re.compile(
    r"\b(?:recording|recordings|recorded|records)\s+(?:of\s+)?(.{3,90}?)\s+(?:for|on)\s+(?:the\s+)?"
    rf"{_LABEL}(?:\s+label)?(?:\s+\(({YEAR})\)|\s+in\s+({YEAR}))?"
)
_LEADING_THE = re.compile(r"^the\s+")

# Reviews --------------------------------------------------------------------------------

_QUOTE = re.compile(r"[“\"]([^”\"]{6,400}?)[”\"]")  # a quotation of two words or more
_PUBLICATION = rf"((?:The\s+)?{ENTITY}(?:\s+and\s+{CAP})?)"  # "The Times and Sunday"
# The critic after the quotation: ', wrote Alex Ross in The New Yorker'.
_CRITIC = re.compile(rf"\s*,?\s*(?:wrote|said|noted)\s+({PERSON})\s+(?:in|of)\s+")
# The publication after the quotation, with or without its critic.
_WROTE_IN = re.compile(
    rf"\s*,?\s*(?:wrote|said|noted)\s+(?:{PERSON}\s+(?:in|of)\s+)?(?:the\s+)?{_PUBLICATION}"
)
_BY_OR_IN = re.compile(rf"(?:by|in)\s+{_PUBLICATION}\s*\.?$")  # '... " in The Strad.'
# The publication before the quotation: 'The Guardian called it "..."'.
_CALLED = re.compile(rf"{_PUBLICATION}\s+(?:called|described|praised)\b[^.]*$")
# 'described by The Strad as "..."'.
_DESCRIBED_BY = re.compile(rf"\b(?:described|hailed|praised)\s+by\s+((?:The\s+)?{ENTITY})\s+as\s*$")
_REVIEW_WORDS = re.compile(r"review|critic|wrote|praised|called|described|hailed")

# The end of a career --------------------------------------------------------------------

_DIED = re.compile(rf"\b(?:died|passed\s+away)\b(?:[^.]{{0,40}}?\b({YEAR}))?")
_LIFE = re.compile(rf"\(({YEAR})\s*[–-]\s*({YEAR})\)")  # "(1921–2004)"
_RETIRED = re.compile(rf"\bretired\b(?:[^.]{{0,40}}?\bin\s+({YEAR}))?")


class PressRules(ReaderBase):
    person_name = ""

    def works(self) -> None:
        for match, _sentence, offset in self.each(_COMPOSERS_WORK):
            composer, name = match.group(1), match.group(2).strip()
            numbered = _NUMBERED_SYMPHONY.match(name)
            if composer in {"King", "St"} or (
                has_word(name, ENSEMBLE_WORD, VENUE_WORD, SCHOOL_WORD) and not numbered
            ):
                continue
            if has_word(name, COMPETITION_WORD):
                continue  # "the Composers' Prize"
            if self.person_name and composer in self.person_name.split():
                continue
            self.add(
                "works",
                WorkFact(
                    composer=composer,
                    title=name,
                    catalogue=match.group(3),
                    **cited(offset + match.start(), offset + match.end(), Confidence.CUED),
                ),
            )
        for match, _sentence, offset in self.each(_NAMED_WORK):
            self.add(
                "works",
                WorkFact(
                    composer=match.group(1),
                    title=match.group(2),
                    catalogue=match.group(3),
                    **cited(offset + match.start(1), offset + match.end(2), Confidence.LOOSE),
                ),
            )

    def own_works(self) -> None:
        """A work of the person's own, by its quoted title: 'her piano concerto "Tidal"'."""
        for match, _sentence, offset in self.each(_OWN_WORK):
            self.add(
                "works",
                WorkFact(
                    composer=self.person_name or None,
                    title=match.group(1),
                    catalogue=None,
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.LOOSE),
                ),
            )

    def recordings(self) -> None:
        for pattern in (_ALBUM_FOR, _QUOTED_ALBUM):
            for match, _sentence, offset in self.each(pattern):
                year = match.group(3)
                self.add(
                    "recordings",
                    Recording(
                        title=match.group(1),
                        label=match.group(2),
                        year=int(year) if year else None,
                        **cited(offset + match.start(), offset + match.end(), Confidence.INDIRECT),
                    ),
                )
        for match, sentence, offset in self.each(_RECORDINGS_INCLUDE):
            label = match.group(1)
            titles = [(match.group(2), match.start(2), match.end(2))]
            titles += listed(sentence, match.end(), _FURTHER_RECORDED_WORK)
            for title, at, to in titles:
                self.add(
                    "recordings",
                    Recording(
                        title=title,
                        label=label,
                        year=None,
                        **cited(offset + at, offset + to, Confidence.LOOSE),
                    ),
                )
        for match, _sentence, offset in self.each(_RECORDED_FOR):
            name = clean(match.group(1).split(",")[0])
            year = match.group(3) or match.group(4)
            self.add(
                "recordings",
                Recording(
                    title=_LEADING_THE.sub("", name),
                    label=match.group(2),
                    year=int(year) if year else None,
                    **cited(offset + match.start(), offset + match.end(), Confidence.INDIRECT),
                ),
            )

    def reviews(self) -> None:
        text = self.text
        for match in _QUOTE.finditer(text):
            quote = match.group(1)
            if len(quote.split()) < 2:
                continue
            around = text[max(0, match.start() - 80) : match.end() + 80]
            after = text[match.end() : match.end() + 80]
            before = text[max(0, match.start() - 80) : match.start()]
            critic = _CRITIC.match(after)
            publication = None
            pub = (
                _WROTE_IN.match(after)
                or _BY_OR_IN.search(after.split(".")[0] + " ")
                or _CALLED.search(before)
            )
            if pub and has_word(pub.group(1), PUBLICATION_WORD):
                publication = clean(pub.group(1))
            described = _DESCRIBED_BY.search(before)
            if not publication and described and has_word(described.group(1), PUBLICATION_WORD):
                publication = clean(described.group(1))
            if not (critic or publication or _REVIEW_WORDS.search(around)):
                continue
            self.add(
                "reviews",
                ReviewQuote(
                    quote=quote,
                    critic=critic.group(1) if critic else None,
                    publication=publication,
                    **cited(match.start(1), match.end(1), Confidence.CUED),
                ),
            )

    def ending(self) -> Ending | None:
        died = _DIED.search(self.text)
        span = _LIFE.search(self.text)
        if died or span:
            year = (
                int(died.group(1))
                if died and died.group(1)
                else (int(span.group(2)) if span else None)
            )
            hit = died or span
            assert hit is not None
            return {
                "kind": "died",
                "year": year,
                "evidence": {"start": hit.start(), "end": hit.end()},
                "confidence": Confidence.EXPLICIT.value,
            }
        retired = _RETIRED.search(self.text)
        if retired:
            return {
                "kind": "retired",
                "year": int(retired.group(1)) if retired.group(1) else None,
                "evidence": {"start": retired.start(), "end": retired.end()},
                "confidence": Confidence.EXPLICIT.value,
            }
        return None
