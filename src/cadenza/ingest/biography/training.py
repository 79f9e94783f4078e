"""Rules for training and prizes: schools, teachers and awards."""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import (
    Award,
    Confidence,
    StudiedAt,
    Teacher,
    cited,
)
from cadenza.ingest.biography.lexicon import (
    COMPETITION_WORD,
    ENSEMBLE_WORD,
    ENTITY,
    INSTRUMENT_RE,
    PRIZES,
    SCHOOL_WORD,
    VENUE_WORD,
    YEAR,
    has_word,
)
from cadenza.ingest.biography.text import (
    FURTHER_NAME,
    PERSON,
    THE,
    THE_NAME,
    ReaderBase,
    clean,
    listed,
    year_in,
)

# Schools and teachers -------------------------------------------------------------------

# The words before a school: "studied at", "graduated from", "a master's degree from",
# "studied conducting at", "entered".
_STUDY_CUE = (
    r"(?:\b(?:studied|studies|study|studying|trained|train|training|graduated|educated|enrolled|"
    r"accepted|continued|read\s+music|went\s+on|After\s+studies|After\s+studying|"
    r"[Gg]raduate|degrees?|diploma|doctorate|master's|bachelor's|studies)"
    rf"(?:\s+(?:conducting|music|composition|voice|singing|{INSTRUMENT_RE}))?"
    r"\s+(?:at|from|in|into|of|to|to\s+study\s+at)\s+"
    r"|\bentered\s+)"
)
# A school after its cue: "studied at the Juilliard School".
_STUDIED_AT = re.compile(_STUDY_CUE + THE_NAME)
# A teacher and the school where: "studied with Dorothy DeLay at the Juilliard School".
_WITH_AT = re.compile(rf"\b(?:studied\s+|[Ss]tudies\s+|and\s+)?with\s+({PERSON})\s+at\s+{THE_NAME}")
# A second school later in the sentence: "and later at the Curtis Institute".
_AND_AT = re.compile(
    rf"^(?:[^.]*?)\b(?:and|then)\s+(?:later\s+|then\s+)?(?:at|continued\s+at)\s+{THE_NAME}"
)
# A teacher by their cue: "with X", "under the tutelage of X", "pupil of X", "taught by X".
_TEACHER = re.compile(
    r"\b(?:with|under|teacher\s+was|class\s+of)\s+(?:the\s+(?:tutelage|guidance|direction)\s+of\s+)?"
    rf"({PERSON})|\b(?:pupil|student)\s+of\s+({PERSON})|\btaught\s+by\s+({PERSON})"
)
# What makes "with X" a teacher: words of study before it or in it.
_STUDY_WORDS = re.compile(
    r"\b(?:stud|train|lesson|pupil|student|later|tutelage|guidance|graduat|teacher|class\s+of)"
)
_STUDY_BEFORE_WITH = re.compile(r"\b(?:stud|train|graduat|lesson)")  # "studied with X at"
# A teacher in the clause after a school: "..., where she studied with X".
_SCHOOL_TEACHER = re.compile(
    r"[^.;]*?\b(?:with|under|teacher\s+was|class\s+of)\s+(?:the\s+(?:tutelage|guidance)\s+of\s+)?"
    rf"({PERSON})"
)
_IN_YEAR = re.compile(rf"\s*in\s+({YEAR})")  # right after the school: "in 2004"

# Prizes ---------------------------------------------------------------------------------

_COMPETITION = rf"{THE}((?:{YEAR}\s+)?{ENTITY})"  # "the 2015 Queen Elisabeth Competition"
_PRIZE = rf"(?i:{PRIZES})"
# "took first prize at the X", "won the gold medal in the X".
_PRIZE_AT = re.compile(
    r"\b(?:won|took|awarded|received|winning|took\s+home)\s+(?:the\s+)?"
    rf"({_PRIZE})\s+(?:at|in|of)\s+{_COMPETITION}"
)
# "winner of the X", "laureate of the first prize at the X".
_WINNER_OF = re.compile(
    rf"\b(?:[Ww]inner|[Ll]aureate)\s+of\s+(?:the\s+)?(?:({_PRIZE})\s+at\s+(?:the\s+)?)?{_COMPETITION}"
)
_WON = re.compile(rf"\b(?:won|win|wins|winning)\s+{_COMPETITION}")  # "won the X Competition"
_LEADING_YEAR = re.compile(rf"^{YEAR}\s+")  # "2015 Queen Elisabeth Competition"
# Prizes told vaguely: "won several local competitions".
_SEVERAL = re.compile(
    r"\bwon\s+((?:several|many|numerous|a\s+number\s+of|some)\s+[\w\s]*?competitions)"
)


class TrainingRules(ReaderBase):
    def training(self) -> None:
        for match, sentence, offset in self.each(_WITH_AT):
            if not _STUDY_BEFORE_WITH.search(sentence[: match.start() + 9]):
                continue
            self.add(
                "teachers",
                Teacher(
                    name=match.group(1),
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.CUED),
                ),
            )
            if has_word(match.group(2), SCHOOL_WORD):
                self.add(
                    "studied_at",
                    StudiedAt(
                        institution=clean(match.group(2)),
                        teacher=match.group(1),
                        year=None,
                        **cited(
                            offset + match.start(2), offset + match.end(2), Confidence.EXPLICIT
                        ),
                    ),
                )
        for match, sentence, offset in self.each(_STUDIED_AT):
            self._school(match.group(1), match, sentence, offset)
            if has_word(match.group(1), SCHOOL_WORD):
                for other, at, to in listed(sentence, match.end(), FURTHER_NAME):
                    if has_word(other, SCHOOL_WORD):
                        self.add(
                            "studied_at",
                            StudiedAt(
                                institution=clean(other),
                                teacher=None,
                                year=None,
                                **cited(offset + at, offset + to, Confidence.CUED),
                            ),
                        )
            rest = sentence[match.end() :]
            for more in _AND_AT.finditer(rest):
                self._school(more.group(1), more, rest, offset + match.end())
        for match, sentence, offset in self.each(_TEACHER):
            name = next(g for g in match.groups() if g)
            if not _STUDY_WORDS.search(sentence[: match.start()] + match.group()):
                continue
            if has_word(name, SCHOOL_WORD, ENSEMBLE_WORD, VENUE_WORD):
                continue
            self.add(
                "teachers",
                Teacher(
                    name=name,
                    **cited(offset + match.start(), offset + match.end(), Confidence.CUED),
                ),
            )

    def _school(self, name: str, match: re.Match[str], sentence: str, offset: int) -> None:
        name = clean(name)
        if not has_word(name, SCHOOL_WORD):
            return
        clause = sentence[match.end() : match.end() + 80].split(" and ")[0]
        teacher = _SCHOOL_TEACHER.match(clause)
        teacher_name = (
            teacher.group(1) if teacher and not has_word(teacher.group(1), SCHOOL_WORD) else None
        )
        when = _IN_YEAR.match(sentence[match.end() :])
        self.add(
            "studied_at",
            StudiedAt(
                institution=name,
                teacher=teacher_name,
                year=int(when.group(1)) if when else None,
                **cited(offset + match.start(1), offset + match.end(1), Confidence.EXPLICIT),
            ),
        )

    def awards(self) -> None:
        for index, pattern in enumerate((_PRIZE_AT, _WINNER_OF, _WON)):
            for match, sentence, offset in self.each(pattern):
                prize = match.group(1) if index < 2 else None
                name = clean(match.group(match.lastindex or 1))
                year = year_in(name)
                name = clean(_LEADING_YEAR.sub("", name))
                if not (has_word(name, COMPETITION_WORD) or name in {"Operalia"}):
                    continue
                for more, at, to in listed(sentence, match.end(), FURTHER_NAME):
                    if has_word(more, COMPETITION_WORD):
                        self.add(
                            "awards",
                            Award(
                                competition=clean(more),
                                prize=None,
                                year=year_in(sentence[to : to + 12]),
                                **cited(offset + at, offset + to, Confidence.CUED),
                            ),
                        )
                year = (
                    year or year_in(sentence[match.end() : match.end() + 12]) or year_in(sentence)
                )
                self.add(
                    "awards",
                    Award(
                        competition=name,
                        prize=prize.lower() if prize and prize.lower() != "grand prize" else prize,
                        year=year,
                        **cited(offset + match.start(), offset + match.end(), Confidence.EXPLICIT),
                    ),
                )
        for match, _sentence, offset in self.each(_SEVERAL):
            self.add(
                "awards",
                Award(
                    competition=match.group(1),
                    prize=None,
                    year=None,
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.LOOSE),
                ),
            )
