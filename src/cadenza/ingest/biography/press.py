"""Rules for works, recordings, reviews and the end of a career."""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import Confidence, Ending
from cadenza.ingest.biography.lexicon import (
    CAP,
    COMPETITION_WORDS,
    ENSEMBLE_WORDS,
    ENTITY,
    PUBLICATION_WORDS,
    SCHOOL_WORDS,
    VENUE_WORDS,
    YEAR,
    has_word,
)
from cadenza.ingest.biography.text import PERSON, THE, ReaderBase, clean, listed

WORK_NOUN = r"(?:Concerto|Sonata|Quintet|Quartet|Trio|Suite|Symphony|Requiem|Mass|Variations)"


class PressRules(ReaderBase):
    person_name = ""

    # Works, recordings, reviews -----------------------------------------------------------

    def works(self) -> None:
        title = (
            r"(?:No\.\s*\d+|" + CAP + r"|\d+)(?:\s+(?:(?:of|and|de|del|in|for)\s+)?"
            r"(?:[A-G](?:-flat|-sharp)?\s+(?:major|minor)\b|No\.\s*\d+|" + CAP + r"|\d+))*"
        )
        catalogue = r"(?:,\s+((?:BWV|K\.|KV|Op\.|D\.|RV|Hob\.|HWV|S\.|L\.)\s*[\dIVXa-z:./-]+))?"
        for match, _sentence, offset in self.each(rf"\b({CAP})(?:'s|’s|')\s+({title}){catalogue}"):
            composer, name = match.group(1), match.group(2).strip()
            numbered = re.match(r"Symphony\s+No\.", name)  # a work, not "Symphony Orchestra"
            if composer in {"King", "St"} or (
                has_word(name, ENSEMBLE_WORDS + VENUE_WORDS + SCHOOL_WORDS) and not numbered
            ):
                continue
            if has_word(name, COMPETITION_WORDS):
                continue  # "the Composers' Prize"
            if self.person_name and composer in self.person_name.split():
                continue
            self.add(
                "works",
                offset + match.start(),
                offset + match.end(),
                Confidence.CUED,
                composer=composer,
                title=name,
                catalogue=match.group(3),
            )
        for match, _sentence, offset in self.each(
            rf"\bthe\s+({CAP})\s+((?:Violin|Cello|Piano|Viola|Clarinet|Flute|Horn|Oboe|Trumpet|Bassoon|Harp|"
            rf"Organ|Trombone)\s+(?:Concerto|Sonata|Suite)|"
            # "Piano Trio" and "Wind Quintet" also name ensembles ("the Munich Piano Trio").
            rf"(?:Clarinet|Horn|Oboe|Flute|Viola|Cello)\s+(?:Quintet|Quartet|Trio)){catalogue}"
        ):
            self.add(
                "works",
                offset + match.start(1),
                offset + match.end(2),
                Confidence.LOOSE,
                composer=match.group(1),
                title=match.group(2),
                catalogue=match.group(3),
            )

    def own_works(self) -> None:
        """A work of the person's own, by its quoted title: 'her piano concerto "Tidal"'."""
        for match, _sentence, offset in self.each(
            r"\b(?:his|her|their)\s+(?:[a-z-]+\s+){0,2}?(?:concerto|opera|symphony|piece|work|"
            r"song\s+cycle|quartet|sonata|oratorio|cantata|suite|trio|quintet)\s+[“\"]([^”\"]{2,60}?),?[”\"]"
        ):
            self.add(
                "works",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.LOOSE,
                composer=self.person_name or None,
                title=match.group(1),
                catalogue=None,
            )

    def recordings(self) -> None:
        for match, _sentence, offset in self.each(
            rf"\b(?:album|recording|disc|CD),?\s+({CAP}(?:\s+{CAP})*),?\s+(?:recorded\s+)?"
            rf"(?:appeared\s+on|released\s+(?:on|by)|for|on)\s+({CAP}(?:\s+{CAP})*)"
            rf"(?:[^.]*?\b({YEAR}))?"
        ):
            year = match.group(3)
            self.add(
                "recordings",
                offset + match.start(),
                offset + match.end(),
                Confidence.INDIRECT,
                title=match.group(1),
                label=match.group(2),
                year=int(year) if year else None,
            )
        for match, _sentence, offset in self.each(
            r"\b(?:album|recording|disc|CD)\b[^.“\"]{0,60}[“\"]([^”\"]{2,80}?),?[”\"],?\s+(?:appeared|was\s+released|"
            rf"came\s+out)?\s*(?:on|for|by)\s+({CAP}(?:\s+{CAP})*)(?:[^.]*?\b({YEAR}))?"
        ):
            self.add(
                "recordings",
                offset + match.start(),
                offset + match.end(),
                Confidence.INDIRECT,
                title=match.group(1),
                label=match.group(2),
                year=int(match.group(3)) if match.group(3) else None,
            )
        for match, _sentence, offset in self.each(
            rf"\b[Rr]ecordings\s+for\s+({CAP}(?:\s+{CAP})*)\s+include\s+{THE}((?:{CAP}\s+)+?{WORK_NOUN})"
        ):
            label = match.group(1)
            titles = [(match.group(2), match.start(2), match.end(2))]
            titles += listed(_sentence, match.end(), rf"{THE}((?:{CAP}\s+)+?{WORK_NOUN})")
            for title, at, to in titles:
                self.add(
                    "recordings",
                    offset + at,
                    offset + to,
                    Confidence.LOOSE,
                    title=title,
                    label=label,
                    year=None,
                )
        for match, _sentence, offset in self.each(
            r"\b(?:recording|recordings|recorded|records)\s+(?:of\s+)?(.{3,90}?)\s+(?:for|on)\s+(?:the\s+)?"
            rf"({CAP}(?:\s+{CAP})*)(?:\s+label)?(?:\s+\(({YEAR})\)|\s+in\s+({YEAR}))?"
        ):
            name = clean(match.group(1).split(",")[0])
            if name.lower().startswith("the ") or name.startswith("the"):
                name = name
            self.add(
                "recordings",
                offset + match.start(),
                offset + match.end(),
                Confidence.INDIRECT,
                title=re.sub(r"^the\s+", "", name),
                label=match.group(2),
                year=int(match.group(3) or match.group(4))
                if (match.group(3) or match.group(4))
                else None,
            )

    def reviews(self) -> None:
        text = self.text
        for match in re.finditer(r"[“\"]([^”\"]{6,400}?)[”\"]", text):
            quote = match.group(1)
            if len(quote.split()) < 2:
                continue
            around = text[max(0, match.start() - 80) : match.end() + 80]
            after = text[match.end() : match.end() + 80]
            before = text[max(0, match.start() - 80) : match.start()]
            critic = re.match(rf"\s*,?\s*(?:wrote|said|noted)\s+({PERSON})\s+(?:in|of)\s+", after)
            publication = None
            pub = (
                re.match(
                    rf"\s*,?\s*(?:wrote|said|noted)\s+(?:{PERSON}\s+(?:in|of)\s+)?(?:the\s+)?((?:The\s+)?{ENTITY}(?:\s+and\s+{CAP})?)",
                    after,
                )
                or re.search(
                    rf"(?:by|in)\s+((?:The\s+)?{ENTITY}(?:\s+and\s+{CAP})?)\s*\.?$",
                    after.split(".")[0] + " ",
                )
                or re.search(
                    rf"((?:The\s+)?{ENTITY}(?:\s+and\s+{CAP})?)\s+(?:called|described|praised)\b[^.]*$",
                    before,
                )
            )
            if pub and has_word(pub.group(1), PUBLICATION_WORDS):
                publication = clean(pub.group(1))
            described = re.search(
                rf"\b(?:described|hailed|praised)\s+by\s+((?:The\s+)?{ENTITY})\s+as\s*$", before
            )
            if not publication and described and has_word(described.group(1), PUBLICATION_WORDS):
                publication = clean(described.group(1))
            if not (
                critic
                or publication
                or re.search(r"review|critic|wrote|praised|called|described|hailed", around)
            ):
                continue
            self.add(
                "reviews",
                match.start(1),
                match.end(1),
                Confidence.CUED,
                quote=quote,
                critic=critic.group(1) if critic else None,
                publication=publication,
            )

    def ending(self) -> Ending | None:
        died = re.search(rf"\b(?:died|passed\s+away)\b(?:[^.]{{0,40}}?\b({YEAR}))?", self.text)
        span = re.search(rf"\(({YEAR})\s*[–-]\s*({YEAR})\)", self.text)
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
        retired = re.search(rf"\bretired\b(?:[^.]{{0,40}}?\bin\s+({YEAR}))?", self.text)
        if retired:
            return {
                "kind": "retired",
                "year": int(retired.group(1)) if retired.group(1) else None,
                "evidence": {"start": retired.start(), "end": retired.end()},
                "confidence": Confidence.EXPLICIT.value,
            }
        return None
