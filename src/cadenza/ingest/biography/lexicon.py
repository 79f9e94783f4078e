"""Words and regular-expression pieces the biography reader is built from.

Kept apart from the rules so that a new instrument, prize word or venue word is one line.
"""

from __future__ import annotations

import re

# The words that mark ensembles, schools and competitions are people.names', shared with
# the archive importer.
from cadenza.people.names import COMPETITION_WORDS as COMPETITION_WORDS
from cadenza.people.names import ENSEMBLE_WORDS as ENSEMBLE_WORDS
from cadenza.people.names import SCHOOL_WORDS as SCHOOL_WORDS
from cadenza.repertoire.performers import PERFORMERS

# Upper-case letters of the Latin scripts (names such as Łódź, Ørsted, Álvarez, Šostakovič).
UPPER = "".join(
    c for c in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x250)]) if c.isupper() and c.isalpha()
)
CAP = rf"[{UPPER}][\w'’\-]*"  # a capitalised word
# Lower-case words that may sit inside a name: "School of Music", "Orchestre de Paris".
LINK = r"(?:of|for|für|und|de|di|da|del|della|dell'|la|le|les|des|du|the|van|von|der|y|e|am)"
ENTITY = rf"{CAP}(?:[ \t]+(?:{LINK}[ \t]+)*{CAP}|[ \t]+(?:dell'|d'|l'){CAP})*"
YEAR = r"(?:1[6-9]|20)\d\d"

INSTRUMENTS = {
    "violin", "viola", "cello", "piano", "harp", "organ", "guitar", "flute", "oboe",
    "clarinet", "bassoon", "trumpet", "trombone", "saxophone", "percussion", "harpsichord",
    "lute", "horn", "double bass", "oud", "recorder", "tuba", "timpani", "accordion",
    "fortepiano", "erhu", "viola da gamba", "sitar", "marimba", "euphonium", "cornet",
}  # fmt: skip
# The reader knows a few more nouns than the record's table: a composer who performs is
# read as "composer" beside the instrument.
READ_PERFORMERS = {
    **PERFORMERS, "fortepianist": "fortepiano", "composer": "composer", "tubist": "tuba",
    "gambist": "viola da gamba", "cornettist": "cornet", "mezzo": "mezzo-soprano",
}  # fmt: skip
PERFORMER_RE = "|".join(sorted(map(re.escape, READ_PERFORMERS), key=len, reverse=True))
INSTRUMENT_RE = "|".join(sorted(map(re.escape, INSTRUMENTS), key=len, reverse=True))

VENUE_WORDS = (
    "Hall", "Theatre", "Theater", "Opera House", "Center", "Centre", "Auditorium",
    "Musikverein", "Konzerthaus", "Concertgebouw", "Philharmonie", "Scala", "Arena",
    "Palau", "Church", "Cathedral", "Chapel", "Metropolitan Opera", "Palace", "Salle",
    "Opéra", "Teatro", "Théâtre", "Palais",
)  # fmt: skip
PUBLICATION_WORDS = (
    "Times", "Post", "Tribune", "Guardian", "Gramophone", "Magazine", "Strad", "Mail",
    "Telegraph", "Journal", "Globe", "Herald", "Review", "News", "Chronicle", "Observer",
    "Independent", "Zeitung", "Monde", "Opera News", "Financial",
)  # fmt: skip
PRIZES = (
    r"(?:first|second|third|fourth|fifth|sixth|top|grand|1st|2nd|3rd|4th|5th)\s+prize"
    r"|grand\s+prix|gold\s+medal|silver\s+medal|bronze\s+medal"
)
# Function words of English that German, French, Italian or Spanish prose rarely uses.
ENGLISH = {
    "the", "and", "of", "to", "with", "was", "is", "his", "her", "he", "she", "at", "for",
    "as", "by", "has", "had", "from", "on", "their", "who", "where", "which", "that",
    "a", "an", "in", "it", "its", "this", "were", "been", "under", "after",
}  # fmt: skip
# Function words of the languages a biography is most often written in instead: "a" and
# "in" are English words too, so a text is English only when its English words outnumber these.
OTHER_LANGUAGES = {
    "der", "die", "das", "und", "im", "bei", "mit", "von", "zu", "ist", "wurde", "ein", "eine",
    "le", "la", "les", "et", "en", "du", "des", "il", "elle", "au", "aux", "avec", "est", "une",
    "de", "el", "los", "las", "con", "y", "del", "nel", "della", "di", "ha", "e", "un", "al",
    "och", "het", "een", "van", "met", "op",
}  # fmt: skip
MUSIC = (
    "music", "musician", "concert", "orchestra", "recital", "composer", "sonata", "symphony",
    "opera", "conservatory", "festival", "stage", "violin", "piano", "cello", "sing",
)  # fmt: skip


def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, whole: one search instead of one per word."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b")


# The head words that type a name, each searched in one pass.
SCHOOL_WORD = word_pattern(SCHOOL_WORDS)
ENSEMBLE_WORD = word_pattern(ENSEMBLE_WORDS)
ORCHESTRA_WORD = word_pattern(ENSEMBLE_WORDS[:6])  # "Orchestra", "Philharmonic"...
VENUE_WORD = word_pattern(VENUE_WORDS)
COMPETITION_WORD = word_pattern(COMPETITION_WORDS)
PUBLICATION_WORD = word_pattern(PUBLICATION_WORDS)
FESTIVAL_WORD = word_pattern(("Festival",))
THEATRE_WORD = word_pattern(("Theatre",))  # a company's post: "the Mariinsky Theatre"


def has_word(name: str, *words: re.Pattern[str]) -> bool:
    """Whether the name holds a word of any of the lists (`SCHOOL_WORD`...)."""
    return any(pattern.search(name) for pattern in words)
