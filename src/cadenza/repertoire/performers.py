"""What a player of each instrument (or a singer of each voice) is called in English."""

from __future__ import annotations

from collections.abc import Iterable

# Performer noun → instrument or voice, in lower case.
PERFORMERS = {
    "violinist": "violin", "violist": "viola", "cellist": "cello", "pianist": "piano",
    "harpist": "harp", "organist": "organ", "guitarist": "guitar", "flautist": "flute",
    "flutist": "flute", "oboist": "oboe", "clarinettist": "clarinet",
    "clarinetist": "clarinet", "bassoonist": "bassoon", "trumpeter": "trumpet",
    "trombonist": "trombone", "saxophonist": "saxophone", "percussionist": "percussion",
    "harpsichordist": "harpsichord", "lutenist": "lute", "hornist": "horn",
    "double bassist": "double bass", "bassist": "double bass", "conductor": "conductor",
    "soprano": "soprano", "mezzo-soprano": "mezzo-soprano", "contralto": "contralto",
    "countertenor": "countertenor", "tenor": "tenor", "baritone": "baritone",
    "bass-baritone": "bass-baritone", "bass": "bass", "alto": "alto",
    "timpanist": "timpani", "accordionist": "accordion", "narrator": "narrator",
}  # fmt: skip
# The usual noun for each instrument (the first one listed above wins: "flautist").
NOUNS = {instrument: noun for noun, instrument in reversed(PERFORMERS.items())}
NOUNS["horn"] = "horn player"


def performer_noun(instrument: str) -> str:
    """'violin' → 'violinist'; an instrument with no noun of its own → 'oud player'."""
    name = instrument.lower()
    return NOUNS.get(name, f"{name} player")


def performer_nouns(instruments: Iterable[tuple[str, str]]) -> list[str]:
    """(noun recorded, instrument name) pairs → a noun for each instrument, each once: the
    recorded noun, or the usual one (the archive records none: 'harpsichord' →
    'harpsichordist', never the instrument's bare name)."""
    nouns: list[str] = []
    for noun, name in instruments:
        said = noun or performer_noun(name)
        if said not in nouns:
            nouns.append(said)
    return nouns


def nouns_joined(nouns: list[str]) -> str:
    """'pianist', 'pianist and harpsichordist', 'violinist, violist and conductor'."""
    if len(nouns) < 2:
        return "".join(nouns)
    return f"{', '.join(nouns[:-1])} and {nouns[-1]}"
