"""Names as the archive writes them ('Beethoven,  Ludwig  van'), turned into agents.

The archive lists surname first, with doubled spaces, accented variants in brackets
('Saint-Saens [Saint-Saëns],  Camille'), suffixes ('Corigliano, John, Sr.'), pairs
('Strauss,  Johann, Jr. & Josef') and entries that are not people at all ('Chorus').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cadenza import folding
from cadenza.people.names import GROUP_WORDS, PARTICLES, SUFFIXES, name_key, same_name

# Entries that stand for nobody in particular: recorded as credited, never as an agent.
# The composer field also names kinds of piece and happenings ('Anthem,', 'Discussion,'):
# nobody wrote them in particular either.
COLLECTIVES = {
    "chorus", "audience", "orchestra", "traditional", "anonymous", "unknown", "various",
    "anthem", "unspecified", "demonstration", "discussion", "improvisation",
    "gregorian chant", "folk song", "folk songs", "spiritual", "hymn",
}  # fmt: skip
# Collectives that say what kind of piece the title names: 'Anthem,' with 'UNITED STATES'
# is the national anthem of the United States.
KINDS_OF_PIECE = {"anthem": "National Anthem"}
# Entries that say there was no one: skipped, with this reason.
NOBODY = {
    "no soloist": "says there was no soloist",
    "not conducted": "says the work was not conducted",
    "no conductor": "says there was no conductor",
    "none": "is the string 'None'",
}
_BRACKETED = re.compile(r"(\S+)?\s*\[([^\]]+)\]")
# Compiled once: these run for every spelling of every name.
_SPACE_COMMA = re.compile(r"\s+,")
_WORD_GAPS = re.compile(r"[\s,]+")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class ParsedName:
    """One agent named by an archive entry."""

    display: str
    sort: str
    is_person: bool
    variants: tuple[str, ...] = field(default=())
    # name_key(display), worked out here unless given (answers read ahead carry it).
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", name_key(self.display))


@dataclass(frozen=True)
class NameOutcome:
    """What an entry names: agents, a collective kept as text, or nobody (with the reason)."""

    agents: tuple[ParsedName, ...] = ()
    collective: str = ""
    skipped: str = ""


def clean_spaces(text: str) -> str:
    return _SPACE_COMMA.sub(",", " ".join(text.split()))


def _resolve_brackets(text: str) -> tuple[str, str]:
    """Return (canonical, variant) of a clean name (`clean_spaces`): 'Saens [Saëns]' gives
    'Saëns' and 'Saens'.

    A bracket that respells the word before it is the accented, canonical form; any other
    bracket ('Henry [Harry]', 'Bucharoff [Buchalter]') is an alternative name.
    """
    if "[" not in text:  # most names: already clean, nothing to resolve
        return text, text
    canonical, variant = text, text
    for match in _BRACKETED.finditer(text):
        before, inside = match.group(1) or "", match.group(2).strip()
        whole = match.group(0)
        # Words outside brackets: the key would read '[Harry]' as Harry.
        words = [w for w in _WORD_GAPS.split(text) if w and "[" not in w and "]" not in w]
        elsewhere = [w for w in words if same_name(w, inside)]
        if before and same_name(before, inside):
            canonical = canonical.replace(whole, inside, 1)
            variant = variant.replace(whole, before, 1)
        elif elsewhere:
            # 'Herold, Louis Joseph Ferdinand [Hérold]': the bracket respells the surname.
            canonical = canonical.replace(whole, before, 1).replace(elsewhere[0], inside, 1)
            variant = variant.replace(whole, before, 1)
        else:
            canonical = canonical.replace(whole, before, 1)
            variant = variant.replace(whole, inside if before else "", 1)
    return clean_spaces(canonical), clean_spaces(variant)


def _looks_like_ensemble(name: str, instrument: str) -> bool:
    if not GROUP_WORDS.isdisjoint(folding.words(name)):
        return True
    return folding.key(instrument) in {"chorus", "ensemble", "brass quintet", "orchestra", "choir"}


def _person(surname: str, given: str, suffix: str) -> tuple[str, str]:
    words = given.split()
    # Particles after the given names are lower case: 'Carl Maria Von' -> 'Carl Maria von'.
    words = [w.lower() if i and w.lower() in PARTICLES else w for i, w in enumerate(words)]
    given = " ".join(words)
    display = " ".join(p for p in (given, surname, suffix) if p)
    sort = f"{surname}, {given}" if given else surname
    return display, f"{sort}, {suffix}" if suffix else sort


def _parse_one(surname: str, rest: str) -> list[tuple[str, str]]:
    """Surname plus 'Johann, Jr. & Josef' → Johann Strauss Jr. and Josef Strauss."""
    people = []
    for part in rest.split("&"):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        given = pieces[0] if pieces else ""
        suffix = ""
        if given.lower() in SUFFIXES:
            given, suffix = "", given
        elif len(pieces) > 1 and pieces[1].lower() in SUFFIXES:
            suffix = pieces[1]
        elif len(pieces) > 1:
            given = " ".join(pieces)
        people.append(_person(surname, given, suffix))
    return people


def parse_names(raw: object, *, instrument: str = "") -> NameOutcome:
    """Read one archive name field (composer, conductor or soloist)."""
    if not isinstance(raw, str) or not raw.strip():
        return NameOutcome(skipped="is blank")
    text = clean_spaces(raw).strip(" ,;")
    if not text:
        return NameOutcome(skipped="is blank")
    lowered = text.lower()
    if lowered in NOBODY:
        return NameOutcome(skipped=NOBODY[lowered])
    if lowered in COLLECTIVES:
        return NameOutcome(collective=text)
    # A nickname in parentheses ('Lang, Morris (Arnie)') is not part of the name.
    text = clean_spaces(_PARENTHESES.sub("", text)) or text
    canonical, variant = _resolve_brackets(text)
    if "," not in canonical:
        ensemble = _looks_like_ensemble(canonical, instrument)
        variants = (variant,) if variant != canonical else ()
        return NameOutcome(agents=(ParsedName(canonical, canonical, not ensemble, variants),))
    surname, rest = (p.strip() for p in canonical.split(",", 1))
    v_surname, v_rest = (p.strip() for p in variant.split(",", 1)) if "," in variant else ("", "")
    found = _parse_one(surname, rest)
    alternatives = _parse_one(v_surname, v_rest) if v_surname else []
    agents = []
    for index, (display, sort) in enumerate(found):
        others: tuple[str, ...] = ()
        if index < len(alternatives) and alternatives[index][0] != display:
            others = (alternatives[index][0],)
        agents.append(ParsedName(display, sort, True, others))
    return NameOutcome(agents=tuple(agents))


def split_conductors(raw: object) -> list[str]:
    """'Damrosch, Walter;  Harris, Victor' → two entries."""
    if not isinstance(raw, str):
        return []
    return [part.strip() for part in raw.split(";") if part.strip()]
