"""Rules for training, prizes, posts and performances: schools, teachers, awards,
positions, ensembles, conductors, venues and festivals."""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import Confidence
from cadenza.ingest.biography.lexicon import (
    CAP,
    COMPETITION_WORDS,
    ENSEMBLE_WORDS,
    ENTITY,
    INSTRUMENT_RE,
    PERFORMER_RE,
    PRIZES,
    READ_PERFORMERS,
    SCHOOL_WORDS,
    VENUE_WORDS,
    YEAR,
    has_word,
)
from cadenza.ingest.biography.text import PERSON, THE, ReaderBase, clean, listed, year_in


class CareerRules(ReaderBase):
    # Training and prizes ------------------------------------------------------------------

    def training(self) -> None:
        cue = (
            "(?:"
            + (
                r"\b(?:studied|studies|study|studying|trained|train|training|graduated|educated|enrolled|"
                r"accepted|continued|read\s+music|went\s+on|After\s+studies|After\s+studying|"
                r"[Gg]raduate|degrees?|diploma|doctorate|master's|bachelor's|studies)"
                rf"(?:\s+(?:conducting|music|composition|voice|singing|{INSTRUMENT_RE}))?"
                r"\s+(?:at|from|in|into|of|to|to\s+study\s+at)\s+"
                r"|\bentered\s+"
            )
            + ")"
        )
        school = rf"{THE}({ENTITY})"
        for match, _sentence, offset in self.each(
            rf"\b(?:studied\s+|[Ss]tudies\s+|and\s+)?with\s+({PERSON})\s+at\s+{school}"
        ):
            if not re.search(r"\b(?:stud|train|graduat|lesson)", _sentence[: match.start() + 9]):
                continue
            self.add(
                "teachers",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.CUED,
                name=match.group(1),
            )
            if has_word(match.group(2), SCHOOL_WORDS):
                self.add(
                    "studied_at",
                    offset + match.start(2),
                    offset + match.end(2),
                    Confidence.EXPLICIT,
                    institution=clean(match.group(2)),
                    teacher=match.group(1),
                    year=None,
                )
        for match, sentence, offset in self.each(cue + school):
            self._school(match.group(1), match, sentence, offset)
            if has_word(match.group(1), SCHOOL_WORDS):
                for other, at, to in listed(sentence, match.end(), school):
                    if has_word(other, SCHOOL_WORDS):
                        self.add(
                            "studied_at",
                            offset + at,
                            offset + to,
                            Confidence.CUED,
                            institution=clean(other),
                            teacher=None,
                            year=None,
                        )
            rest = sentence[match.end() :]
            for more in re.finditer(
                rf"^(?:[^.]*?)\b(?:and|then)\s+(?:later\s+|then\s+)?(?:at|continued\s+at)\s+{school}",
                rest,
            ):
                self._school(more.group(1), more, rest, offset + match.end())
        for match, _sentence, offset in self.each(
            r"\b(?:with|under|teacher\s+was|class\s+of)\s+(?:the\s+(?:tutelage|guidance|direction)\s+of\s+)?"
            rf"({PERSON})|\b(?:pupil|student)\s+of\s+({PERSON})|\btaught\s+by\s+({PERSON})"
        ):
            name = next(g for g in match.groups() if g)
            before = _sentence[: match.start()]
            if not re.search(
                r"\b(?:stud|train|lesson|pupil|student|later|tutelage|guidance|graduat|teacher|class\s+of)",
                before + match.group(),
            ):
                continue
            if has_word(name, SCHOOL_WORDS + ENSEMBLE_WORDS + VENUE_WORDS):
                continue
            self.add(
                "teachers", offset + match.start(), offset + match.end(), Confidence.CUED, name=name
            )

    def _school(self, name: str, match: re.Match[str], sentence: str, offset: int) -> None:
        name = clean(name)
        if not has_word(name, SCHOOL_WORDS):
            return
        clause = sentence[match.end() : match.end() + 80].split(" and ")[0]
        teacher = re.match(
            rf"[^.;]*?\b(?:with|under|teacher\s+was|class\s+of)\s+(?:the\s+(?:tutelage|guidance)\s+of\s+)?"
            rf"({PERSON})",
            clause,
        )
        teacher_name = (
            teacher.group(1) if teacher and not has_word(teacher.group(1), SCHOOL_WORDS) else None
        )
        when = re.match(rf"\s*in\s+({YEAR})", sentence[match.end() :])
        self.add(
            "studied_at",
            offset + match.start(1),
            offset + match.end(1),
            Confidence.EXPLICIT,
            institution=name,
            teacher=teacher_name,
            year=int(when.group(1)) if when else None,
        )

    def awards(self) -> None:
        comp = rf"{THE}((?:{YEAR}\s+)?{ENTITY})"
        prizes = rf"(?i:{PRIZES})"
        patterns = (
            rf"\b(?:won|took|awarded|received|winning|took\s+home)\s+(?:the\s+)?({prizes})\s+(?:at|in|of)\s+{comp}",
            rf"\b(?:[Ww]inner|[Ll]aureate)\s+of\s+(?:the\s+)?(?:({prizes})\s+at\s+(?:the\s+)?)?{comp}",
            rf"\b(?:won|win|wins|winning)\s+{comp}",
        )
        for index, pattern in enumerate(patterns):
            for match, sentence, offset in self.each(pattern):
                prize = match.group(1) if index < 2 else None
                name = clean(match.group(match.lastindex or 1))
                year = year_in(name)
                name = clean(re.sub(rf"^{YEAR}\s+", "", name))
                if not (has_word(name, COMPETITION_WORDS) or name in {"Operalia"}):
                    continue
                for more, at, to in listed(sentence, match.end(), rf"{THE}({ENTITY})"):
                    if has_word(more, COMPETITION_WORDS):
                        self.add(
                            "awards",
                            offset + at,
                            offset + to,
                            Confidence.CUED,
                            competition=clean(more),
                            prize=None,
                            year=year_in(sentence[to : to + 12]),
                        )
                year = (
                    year or year_in(sentence[match.end() : match.end() + 12]) or year_in(sentence)
                )
                self.add(
                    "awards",
                    offset + match.start(),
                    offset + match.end(),
                    Confidence.EXPLICIT,
                    competition=name,
                    prize=prize.lower() if prize and prize.lower() != "grand prize" else prize,
                    year=year,
                )
        for match, _sentence, offset in self.each(
            r"\bwon\s+((?:several|many|numerous|a\s+number\s+of|some)\s+[\w\s]*?competitions)"
        ):
            self.add(
                "awards",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.LOOSE,
                competition=match.group(1),
                prize=None,
                year=None,
            )

    # Career -------------------------------------------------------------------------------

    def positions(self) -> None:
        # A chair ("third horn", "associate principal trumpet") or a title, in either case.
        chair = (
            r"(?:(?:associate|assistant|co-?)\s+)?(?:principal|first|second|third|fourth|solo|section)"
            rf"(?:\s+guest)?\s+(?:{INSTRUMENT_RE}|conductor|[a-z]+)"
        )
        role = (
            rf"((?i:{chair}|concertmaster|leader|music\s+director|chief\s+conductor|"
            r"artistic\s+director|assistant\s+conductor|principal\s+guest\s+conductor|founding\s+member|"
            rf"member|director|{PERFORMER_RE}))"
        )
        # "of the wind quintet Ensemble Ventus": a lower-case description before the name.
        ensemble = rf"(?:the\s+ensemble\s+of\s+)?{THE}(?:(?:[a-z-]+\s+){{1,2}}(?={CAP}))?({ENTITY})"
        patterns = (
            rf"\b{role}\s+of\s+{ensemble}",
            rf"\bjoined\s+{ensemble}(?:\s+as\s+{role})?",
            rf"\bdirects\s+(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?({ENTITY})",
            rf"\bfounded\s+(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?({ENTITY})",
            rf"\b(?:in|joined)\s+the\s+ensemble\s+of\s+(?:the\s+)?({ENTITY})",
            rf"\b(?:plays|played|sings|sang)\s+(?:also\s+)?in\s+{THE}({ENTITY})",
        )
        for index, pattern in enumerate(patterns):
            for match, sentence, offset in self.each(pattern):
                if index == 0:
                    title, name = match.group(1), match.group(2)
                elif index == 1:
                    name, title = match.group(1), match.group(2)
                else:
                    title = ("director", "founder", "member", "member")[index - 2]
                    name = match.group(1)
                name = clean(name)
                chaired = index == 0 and bool(re.fullmatch(chair, title, re.IGNORECASE))
                # "organist of Nidaros Cathedral": a player's post at a church or hall.
                played = index == 0 and title.lower() in READ_PERFORMERS
                if index == 0 and played and not has_word(name, ENSEMBLE_WORDS + VENUE_WORDS):
                    continue
                if index not in (2, 3) and not (
                    has_word(name, (*ENSEMBLE_WORDS, "Theatre")) or chaired or played
                ):
                    continue
                start, end = self._span(sentence, match)
                self.add(
                    "positions",
                    offset + match.start(),
                    offset + match.end(),
                    Confidence.CUED,
                    ensemble=name,
                    role=" ".join(title.split()) if title else None,
                    start=start,
                    end=end,
                )
        for match, sentence, offset in self.each(
            rf"\bassistant\s+to\s+{PERSON}\s+at\s+{THE}({ENTITY})"
        ):
            name = clean(match.group(1))
            if has_word(name, (*ENSEMBLE_WORDS, "Theatre")):
                start, end = self._span(sentence, match)
                self.add(
                    "positions",
                    offset + match.start(),
                    offset + match.end(),
                    Confidence.LOOSE,
                    ensemble=name,
                    role="assistant",
                    start=start,
                    end=end,
                )
        for match, sentence, offset in self.each(
            rf"\b(?:(professor|lecturer|teacher|tutor)(?:\s+of\s+[a-z]+)?\s+at|(?:taught|teaches|teaching)\s+at)"
            rf"\s+{THE}({ENTITY})"
        ):
            name = clean(match.group(2))
            if has_word(name, SCHOOL_WORDS):
                start, end = self._span(sentence, match)
                words = match.group().split(" at ")[0]
                self.add(
                    "positions",
                    offset + match.start(),
                    offset + match.end(),
                    Confidence.INDIRECT,
                    ensemble=name,
                    role=words if match.group(1) else "teacher",
                    start=start,
                    end=end,
                )
        for match, _sentence, _offset in self.each(
            rf"({ENTITY}),\s+which\s+(?:he|she|they)\s+founded\s+in\s+({YEAR})"
        ):
            for fact in self.facts["positions"]:
                if fact["ensemble"] == clean(match.group(1)) and fact["start"] is None:
                    fact["start"] = int(match.group(2))

    @staticmethod
    def _span(sentence: str, match: re.Match[str]) -> tuple[int | None, int | None]:
        both = re.search(rf"\bfrom\s+({YEAR})\s+(?:to|until)\s+({YEAR})", sentence)
        if both:
            return int(both.group(1)), int(both.group(2))
        since = re.search(rf"\b[Ss]ince\s+({YEAR})|\bin\s+({YEAR})", sentence)
        until = re.search(rf"\buntil\s+({YEAR})", sentence)
        start = int(next(g for g in since.groups() if g)) if since else None
        return start, int(until.group(1)) if until else None

    def ensembles(self) -> None:
        one = rf"{THE}({ENTITY})"
        cue = (
            r"\b(?:appeared|appears|appearing|performed|performs|performing|played|plays|sung|sang|sings|"
            r"toured|tours|worked|works|performances|concerts|soloist|collaborated)\s+(?:widely\s+|regularly\s+)?with\s+"
            r"|\bguest[\s-]conducted\s+|^With\s+|\bguest\s+of\s+|\bdebut\s+with\s+"
        )
        performing = (
            r"\b(?:appear|perform|sung|sang|sing|play|tour|conduct|soloist|guest|recital|debut|"
            r"work)"
        )
        for match, sentence, offset in self.each(rf"(?:{cue}|\bwith\s+){one}"):
            if not re.search(performing, sentence, re.IGNORECASE):
                continue
            names = [(match.group(1), match.start(1), match.end(1))]
            names += listed(sentence, match.end(), one)
            for name, start, end in names:
                name = clean(name)
                if has_word(name, ENSEMBLE_WORDS):
                    self.add("ensembles", offset + start, offset + end, Confidence.CUED, name=name)
        for match, _sentence, offset in self.each(
            r"\bwith\s+((?:various|several|many|numerous|leading|major|chamber|local|regional)\s+[a-z\s]*?"
            r"(?:orchestras|ensembles|choirs)(?:\s+(?:throughout|across|in|around)\s+(?:the\s+)?[A-Z]\w+)?)"
        ):
            self.add(
                "ensembles",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.VAGUE,
                name=match.group(1),
            )

    def conductors(self) -> None:
        for match, sentence, offset in self.each(
            rf"\b(?:under|conducted\s+by|assistant\s+to|conductors?\s+(?:such\s+as|including|like)|"
            rf"such\s+conductors\s+as)\s+"
            rf"(?:the\s+baton\s+of\s+)?(?:conductors\s+(?:such\s+as|including)\s+)?({PERSON})"
        ):
            before = sentence[max(0, match.start() - 40) : match.start()]
            if re.search(r"\b(?:stud|train|lesson|pupil|tutelage|guidance)\w*\s*[\w\s]*$", before):
                continue
            names = [(match.group(1), match.start(1), match.end(1))]
            names += listed(sentence, match.end(), f"({PERSON})")
            for name, start, end in names:
                if re.search(r"['’]s\b", name):
                    continue  # "and Brahms's Violin Concerto": a work, not a conductor
                if has_word(name, SCHOOL_WORDS + ENSEMBLE_WORDS + VENUE_WORDS):
                    continue
                if any(name == t["name"] for t in self.facts["teachers"]):
                    continue
                self.add("conductors", offset + start, offset + end, Confidence.INDIRECT, name=name)
        for match, _sentence, offset in self.each(
            r"\b(?:with|under)\s+((?:renowned|distinguished|leading|great|famous|celebrated|many|various)"
            r"\s+conductors)"
        ):
            self.add(
                "conductors",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.VAGUE,
                name=match.group(1),
            )

    def places(self) -> None:
        for match, sentence, offset in self.each(
            rf"(?:\b(?:at|in|and|including|as)\s+|,\s+){THE}({ENTITY})"
        ):
            name = clean(match.group(1))
            rest = sentence[match.end() :]
            if has_word(name, ("Festival", "Proms")):
                self.add(
                    "festivals",
                    offset + match.start(1),
                    offset + match.end(1),
                    Confidence.CUED,
                    name=name,
                    year=year_in(rest[:12]),
                )
                continue
            stage = re.search(
                r"\b(?:performs|performed|appears|appeared|recitals?|sung|sang|plays|played)"
                r"(?:\s+regularly)?\s+at\s+(?:the\s+)?$",
                sentence[: match.start(1)],
            )
            # German and Scandinavian halls are one word: Berwaldhallen, Herkulessaal.
            compound = re.search(r"\w(?:halle|hallen|saal|haus|huset|salen|zaal)$", name)
            if not (has_word(name, VENUE_WORDS) or stage or compound) or has_word(
                name, SCHOOL_WORDS + ENSEMBLE_WORDS[:6] + COMPETITION_WORDS
            ):
                continue
            if re.search(
                r"(?:Music|Arts|Drama|Dance|Science)\s+and\s+$", sentence[: match.start(1)]
            ):
                continue  # the end of a longer name: "University of Music and Theatre Leipzig"
            city = re.match(rf"(?:\s+in\s+|,\s+)({CAP}(?:\s+{CAP})*)", rest)
            self.add(
                "venues",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.CUED,
                name=name,
                city=city.group(1) if city else None,
                year=year_in(rest[:30].split(".")[0]),
            )
        for match, _sentence, offset in self.each(
            r"\b(?:at|in)\s+(festivals\s+(?:in|across|throughout|around)\s+[A-Z]\w+(?:\s+and\s+[A-Z]\w+)?)"
        ):
            self.add(
                "festivals",
                offset + match.start(1),
                offset + match.end(1),
                Confidence.VAGUE,
                name=match.group(1),
                year=None,
            )
