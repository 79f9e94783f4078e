"""Rules for posts and performances: positions, ensembles, conductors, venues and
festivals."""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import (
    Confidence,
    Festival,
    Named,
    Position,
    Venue,
    cited,
)
from cadenza.ingest.biography.lexicon import (
    CAP,
    COMPETITION_WORD,
    ENSEMBLE_WORD,
    ENTITY,
    INSTRUMENT_RE,
    ORCHESTRA_WORD,
    PERFORMER_RE,
    READ_PERFORMERS,
    SCHOOL_WORD,
    THEATRE_WORD,
    VENUE_WORD,
    YEAR,
    has_word,
    word_pattern,
)
from cadenza.ingest.biography.text import (
    FURTHER_NAME,
    PERSON,
    POSSESSIVE,
    THE,
    THE_NAME,
    ReaderBase,
    clean,
    further,
    listed,
    year_in,
)

# Posts ----------------------------------------------------------------------------------

# A chair ("third horn", "associate principal trumpet"), matched in either case.
_CHAIR = (
    r"(?:(?:associate|assistant|co-?)\s+)?(?:principal|first|second|third|fourth|solo|section)"
    rf"(?:\s+guest)?\s+(?:{INSTRUMENT_RE}|conductor|[a-z]+)"
)
_A_CHAIR = re.compile(_CHAIR, re.IGNORECASE)
# A post: a chair, a title or a player ("organist"), in either case; one group.
_ROLE = (
    rf"((?i:{_CHAIR}|concertmaster|leader|music\s+director|chief\s+conductor|"
    r"artistic\s+director|assistant\s+conductor|principal\s+guest\s+conductor|founding\s+member|"
    rf"member|director|{PERFORMER_RE}))"
)
# An ensemble, maybe after a lower-case description: "the wind quintet Ensemble Ventus".
_ENSEMBLE = rf"(?:the\s+ensemble\s+of\s+)?{THE}(?:(?:[a-z-]+\s+){{1,2}}(?={CAP}))?({ENTITY})"
# The post-taking patterns in turn, with the title each tells when it has no role group.
_ROLE_OF = re.compile(rf"\b{_ROLE}\s+of\s+{_ENSEMBLE}")  # "principal cello of the X"
_JOINED = re.compile(rf"\bjoined\s+{_ENSEMBLE}(?:\s+as\s+{_ROLE})?")  # "joined the X as leader"
_DIRECTS = re.compile(rf"\bdirects\s+(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?({ENTITY})")
_FOUNDED = re.compile(rf"\bfounded\s+(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?({ENTITY})")
# "in the ensemble of the X": a company's member.
_IN_ENSEMBLE = re.compile(rf"\b(?:in|joined)\s+the\s+ensemble\s+of\s+(?:the\s+)?({ENTITY})")
_PLAYS_IN = re.compile(rf"\b(?:plays|played|sings|sang)\s+(?:also\s+)?in\s+{THE}({ENTITY})")
_TITLED = ((_DIRECTS, "director"), (_FOUNDED, "founder"), (_IN_ENSEMBLE, "member"),
           (_PLAYS_IN, "member"))  # fmt: skip
# "assistant to X at the Bavarian State Opera".
_ASSISTANT_TO = re.compile(rf"\bassistant\s+to\s+{PERSON}\s+at\s+{THE}({ENTITY})")
# A teaching post: "professor of composition at the X", "teaches at the X".
_TEACHES_AT = re.compile(
    r"\b(?:(professor|lecturer|teacher|tutor)(?:\s+of\s+[a-z]+)?\s+at|(?:taught|teaches|teaching)\s+at)"
    rf"\s+{THE}({ENTITY})"
)
# The year an ensemble was founded, told after it: "the X, which she founded in 2009".
_FOUNDED_IN = re.compile(rf"({ENTITY}),\s+which\s+(?:he|she|they)\s+founded\s+in\s+({YEAR})")
# The years of a post, anywhere in its sentence.
_FROM_TO = re.compile(rf"\bfrom\s+({YEAR})\s+(?:to|until)\s+({YEAR})")
_SINCE = re.compile(rf"\b[Ss]ince\s+({YEAR})|\bin\s+({YEAR})")
_UNTIL = re.compile(rf"\buntil\s+({YEAR})")

# Ensembles and conductors ---------------------------------------------------------------

# The words before the ensembles played with: "has appeared with", "guest-conducted".
_WITH_CUE = (
    r"\b(?:appeared|appears|appearing|performed|performs|performing|played|plays|sung|sang|sings|"
    r"toured|tours|worked|works|performances|concerts|soloist|collaborated)\s+(?:widely\s+|regularly\s+)?with\s+"
    r"|\bguest[\s-]conducted\s+|^With\s+|\bguest\s+of\s+|\bdebut\s+with\s+"
)
_PLAYED_WITH = re.compile(rf"(?:{_WITH_CUE}|\bwith\s+){THE_NAME}")
# A sentence about performing, where "with the X Orchestra" is an ensemble played with.
_PERFORMING = re.compile(
    r"\b(?:appear|perform|sung|sang|sing|play|tour|conduct|soloist|guest|recital|debut|"
    r"work)",
    re.IGNORECASE,
)
# Ensembles told vaguely: "with various orchestras throughout Russia".
_VAGUE_ENSEMBLES = re.compile(
    r"\bwith\s+((?:various|several|many|numerous|leading|major|chamber|local|regional)\s+[a-z\s]*?"
    r"(?:orchestras|ensembles|choirs)(?:\s+(?:throughout|across|in|around)\s+(?:the\s+)?[A-Z]\w+)?)"
)
# A conductor by their cue: "under X", "conducted by X", "conductors such as X".
_CONDUCTOR = re.compile(
    r"\b(?:under|conducted\s+by|assistant\s+to|conductors?\s+(?:such\s+as|including|like)|"
    r"such\s+conductors\s+as)\s+"
    rf"(?:the\s+baton\s+of\s+)?(?:conductors\s+(?:such\s+as|including)\s+)?({PERSON})"
)
_FURTHER_PERSON = further(f"({PERSON})")
# Study just before "under": a teacher, not a conductor.
_STUDY_BEFORE = re.compile(r"\b(?:stud|train|lesson|pupil|tutelage|guidance)\w*\s*[\w\s]*$")
# Conductors told vaguely: "under renowned conductors".
_VAGUE_CONDUCTORS = re.compile(
    r"\b(?:with|under)\s+((?:renowned|distinguished|leading|great|famous|celebrated|many|various)"
    r"\s+conductors)"
)

# Venues and festivals -------------------------------------------------------------------

# A name where a venue or a festival may stand: "at the X", "in X", ", X".
_PLACE = re.compile(rf"(?:\b(?:at|in|and|including|as)\s+|,\s+){THE_NAME}")
_FESTIVAL = word_pattern(("Festival", "Proms"))
# A stage by its verb: "performed at the X" (a name without a venue word).
_STAGE = re.compile(
    r"\b(?:performs|performed|appears|appeared|recitals?|sung|sang|plays|played)"
    r"(?:\s+regularly)?\s+at\s+(?:the\s+)?$"
)
# German and Scandinavian halls are one word: Berwaldhallen, Herkulessaal.
_COMPOUND_HALL = re.compile(r"\w(?:halle|hallen|saal|haus|huset|salen|zaal)$")
# The end of a longer name: "University of Music and Theatre Leipzig".
_NAME_GOES_ON = re.compile(r"(?:Music|Arts|Drama|Dance|Science)\s+and\s+$")
_CITY = re.compile(rf"(?:\s+in\s+|,\s+)({CAP}(?:\s+{CAP})*)")  # after the venue: "in Vienna"
# Festivals told vaguely: "at festivals in Europe and Asia".
_VAGUE_FESTIVALS = re.compile(
    r"\b(?:at|in)\s+(festivals\s+(?:in|across|throughout|around)\s+[A-Z]\w+(?:\s+and\s+[A-Z]\w+)?)"
)


class CareerRules(ReaderBase):
    def positions(self) -> None:
        for match, sentence, offset in self.each(_ROLE_OF):
            title, name = match.group(1), clean(match.group(2))
            chaired = bool(_A_CHAIR.fullmatch(title))
            # "organist of Nidaros Cathedral": a player's post at a church or hall.
            played = title.lower() in READ_PERFORMERS
            if played and not has_word(name, ENSEMBLE_WORD, VENUE_WORD):
                continue
            if has_word(name, ENSEMBLE_WORD, THEATRE_WORD) or chaired or played:
                self._post(sentence, match, offset, name, title)
        for match, sentence, offset in self.each(_JOINED):
            name, title = clean(match.group(1)), match.group(2)
            if has_word(name, ENSEMBLE_WORD, THEATRE_WORD):
                self._post(sentence, match, offset, name, title)
        for pattern, title in _TITLED:
            for match, sentence, offset in self.each(pattern):
                name = clean(match.group(1))
                # Whatever one directs or founds is a post; playing in it, an ensemble's.
                if pattern in (_DIRECTS, _FOUNDED) or has_word(name, ENSEMBLE_WORD, THEATRE_WORD):
                    self._post(sentence, match, offset, name, title)
        for match, sentence, offset in self.each(_ASSISTANT_TO):
            name = clean(match.group(1))
            if has_word(name, ENSEMBLE_WORD, THEATRE_WORD):
                start, end = self._span(sentence)
                self.add(
                    "positions",
                    Position(
                        ensemble=name,
                        role="assistant",
                        start=start,
                        end=end,
                        **cited(offset + match.start(), offset + match.end(), Confidence.LOOSE),
                    ),
                )
        for match, sentence, offset in self.each(_TEACHES_AT):
            name = clean(match.group(2))
            if has_word(name, SCHOOL_WORD):
                start, end = self._span(sentence)
                words = match.group().split(" at ")[0]
                self.add(
                    "positions",
                    Position(
                        ensemble=name,
                        role=words if match.group(1) else "teacher",
                        start=start,
                        end=end,
                        **cited(offset + match.start(), offset + match.end(), Confidence.INDIRECT),
                    ),
                )
        for match, _sentence, _offset in self.each(_FOUNDED_IN):
            for fact in self.found["positions"]:
                if fact["ensemble"] == clean(match.group(1)) and fact["start"] is None:
                    fact["start"] = int(match.group(2))

    def _post(
        self, sentence: str, match: re.Match[str], offset: int, name: str, title: str | None
    ) -> None:
        start, end = self._span(sentence)
        self.add(
            "positions",
            Position(
                ensemble=name,
                role=" ".join(title.split()) if title else None,
                start=start,
                end=end,
                **cited(offset + match.start(), offset + match.end(), Confidence.CUED),
            ),
        )

    @staticmethod
    def _span(sentence: str) -> tuple[int | None, int | None]:
        both = _FROM_TO.search(sentence)
        if both:
            return int(both.group(1)), int(both.group(2))
        since = _SINCE.search(sentence)
        until = _UNTIL.search(sentence)
        start = int(next(g for g in since.groups() if g)) if since else None
        return start, int(until.group(1)) if until else None

    def ensembles(self) -> None:
        for match, sentence, offset in self.each(_PLAYED_WITH):
            if not _PERFORMING.search(sentence):
                continue
            names = [(match.group(1), match.start(1), match.end(1))]
            names += listed(sentence, match.end(), FURTHER_NAME)
            for name, start, end in names:
                name = clean(name)
                if has_word(name, ENSEMBLE_WORD):
                    self.add(
                        "ensembles",
                        Named(name=name, **cited(offset + start, offset + end, Confidence.CUED)),
                    )
        for match, _sentence, offset in self.each(_VAGUE_ENSEMBLES):
            self.add(
                "ensembles",
                Named(
                    name=match.group(1),
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.VAGUE),
                ),
            )

    def conductors(self) -> None:
        for match, sentence, offset in self.each(_CONDUCTOR):
            if _STUDY_BEFORE.search(sentence[max(0, match.start() - 40) : match.start()]):
                continue
            names = [(match.group(1), match.start(1), match.end(1))]
            names += listed(sentence, match.end(), _FURTHER_PERSON)
            for name, start, end in names:
                if POSSESSIVE.search(name):  # "and Brahms's Violin Concerto": a work
                    continue
                if has_word(name, SCHOOL_WORD, ENSEMBLE_WORD, VENUE_WORD):
                    continue
                if any(name == t["name"] for t in self.found["teachers"]):
                    continue
                self.add(
                    "conductors",
                    Named(name=name, **cited(offset + start, offset + end, Confidence.INDIRECT)),
                )
        for match, _sentence, offset in self.each(_VAGUE_CONDUCTORS):
            self.add(
                "conductors",
                Named(
                    name=match.group(1),
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.VAGUE),
                ),
            )

    def places(self) -> None:
        for match, sentence, offset in self.each(_PLACE):
            name = clean(match.group(1))
            rest = sentence[match.end() :]
            if has_word(name, _FESTIVAL):
                self.add(
                    "festivals",
                    Festival(
                        name=name,
                        year=year_in(rest[:12]),
                        **cited(offset + match.start(1), offset + match.end(1), Confidence.CUED),
                    ),
                )
                continue
            stage = _STAGE.search(sentence[: match.start(1)])
            compound = _COMPOUND_HALL.search(name)
            if not (has_word(name, VENUE_WORD) or stage or compound) or has_word(
                name, SCHOOL_WORD, ORCHESTRA_WORD, COMPETITION_WORD
            ):
                continue
            if _NAME_GOES_ON.search(sentence[: match.start(1)]):
                continue
            city = _CITY.match(rest)
            self.add(
                "venues",
                Venue(
                    name=name,
                    city=city.group(1) if city else None,
                    year=year_in(rest[:30].split(".")[0]),
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.CUED),
                ),
            )
        for match, _sentence, offset in self.each(_VAGUE_FESTIVALS):
            self.add(
                "festivals",
                Festival(
                    name=match.group(1),
                    year=None,
                    **cited(offset + match.start(1), offset + match.end(1), Confidence.VAGUE),
                ),
            )
