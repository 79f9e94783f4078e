"""Work titles as musicians write them: the one formatter behind every page, list,
biography, press kit, calendar feed and JSON-LD description.

The record keeps a title as its source gave it ('Concerto, Violin, No. 2, D minor, Op.22',
'MEISTERSINGER, DIE, WWV 96'); what a reader sees is `work_title` of it: 'Violin Concerto
No. 2 in D minor, Op. 22', 'Die Meistersinger, WWV 96'. Only the order, case and spelling
change: no word is added that the title and its catalogue numbers do not hold (the
archive's shorthand for a form, 'Con.', is spelled out), so a page claims nothing more
about a work than the record does.

- capitals re-cased, catalogue abbreviations in their own case (BWV, WWV, K., Op., Hob.),
  each catalogue number printed once, after a comma;
- an article filed last goes first ('Meistersinger, Die' → 'Die Meistersinger'), a form
  filed first goes last ('Concerto, Violin' → 'Violin Concerto'), a key joined by 'in';
- the work's catalogue numbers the title does not already print are added at the end of
  its name ('Symphony No. 5 in C minor' with Op. 67 → '..., Op. 67');
- `brief` (biographies) leaves out how it was played: arrangements and scorings.

Where two works of one list would read alike, `read_alike` finds them and `possessive`
names their composers ('Beethoven's Violin Concerto in D major'), as `work_label` does in
prose. A movement the
archive gives as a fragment ('Excerpts', 'Unspecified', '1st Nine Bars') is not a movement
of the work but what was played of it: `is_fragment`, `fragment_told`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import TypeVar

from cadenza import folding
from cadenza.repertoire.title_parts import (
    MENTION,
    PLAYERS,
    article_first,
    capital,
    catalogues_spelled,
    count_first,
    form_first,
    in_capitals,
    mention_key,
    recase,
)

K = TypeVar("K", bound=Hashable)

# How it was played, left out of a brief title: '(arr. Liszt)', '(Voice + Orch)', '[unspecified]'.
_DROPPED = re.compile(
    r"\s*\((?:arr\.|arranged|unspecified|version unspecified)[^)]*\)"
    r"|\s*\[(?:unspecified|arr\.)[^\]]*\]"
    r"|\s*\([^)]*\+[^)]*\)",
    re.IGNORECASE,
)
# Scoring notes in brackets ('(Orch)', '(Vn, Orch)') say how it was played, not what it is.
_SCORING = {"orch", "orch.", "vn", "pno", "vc", "reduction", "version", "arr."}
_COUNTING = {"double", "two", "three", "four", "2", "3", "4", "and", "&", "hands", "solo"}
_NOTE_WORDS = {"unspecified", "orch", "orch.", "excerpt", "excerpts", "selections"}
_ANY_KEY = re.compile(r"\b([A-G])[ -](flat|sharp|Flat|Sharp) (major|minor)\b")
_ENGLISH_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=[A-Z])")
_SUFFIXES = {"jr.", "sr.", "jr", "sr", "ii", "iii"}
_FRAGMENT_WORDS = {
    "excerpt", "excerpts", "unspecified", "selection", "selections", "fragment", "fragments",
    "highlights", "portion", "portions", "part",
}  # fmt: skip
_LEADING_NUMBER = re.compile(r"^\d+\.\s*")
_MOVEMENT = re.compile(r":(?=\s|$)")  # not the colon of 'Hob. I:94'
_COMMA_BRACKET = re.compile(r",\s*(?=\()")
# The archive's shorthand for forms ('Con., Harpsichord, No. 1'), spelled out.
_SPELLED = {"Con.": "Concerto", "Sym.": "Symphony", "Ov.": "Overture"}
_SHORTHAND = re.compile(r"\b(Con|Sym|Ov)\.(?=[,\s)]|$)")


def work_title(title: str, catalogue: Iterable[str] = (), *, brief: bool = False) -> str:
    """A work's title as musicians write it, with the catalogue numbers ('Op. 61') the
    title does not print yet: 'Violin Concerto in D major, Op. 61'."""
    return _told(title, tuple(catalogue), brief)


@lru_cache(maxsize=32768)
def _told(title: str, catalogue: tuple[str, ...], brief: bool) -> str:
    told = " ".join(title.split())
    if brief:
        told = _DROPPED.sub("", told).strip()
    if in_capitals(told):
        told = recase(told)
    told = count_first(_SHORTHAND.sub(lambda m: _SPELLED[m.group(0)], told))
    told = re.sub(r"\s*[(\[]([^)\]]*)[)\]]", _scoring if brief else _note, told).strip()
    told = _COMMA_BRACKET.sub(" ", catalogues_spelled(told))
    told = _ANY_KEY.sub(lambda m: f"{m[1]}-{m[2].lower()} {m[3]}", told)
    told = article_first(told)
    # The name (form, instruments, key, catalogue), then the movement or nickname as written.
    colon = _MOVEMENT.search(told)
    cut = min((i for i in (colon.start() if colon else -1, told.find(" (")) if i >= 0), default=-1)
    main, tail = (told, "") if cut < 0 else (told[:cut], told[cut:])
    main = form_first(main)
    tail = re.sub(r"^:\s*(Suite|Suites)\b", r" \1", tail)  # 'Firebird: Suite' → 'Firebird Suite'
    if tail.startswith(":"):  # a movement: 'Spinning Song, the' → 'The Spinning Song'
        tail = ": " + article_first(tail[1:].strip())
        # A catalogue number printed after the movement belongs to the work's name.
        for match in list(MENTION.finditer(tail)):
            main += f", {match.group(0)}"
            tail = re.sub(rf",?\s*{re.escape(match.group(0))}(?!\w)", "", tail, count=1)
    told = catalogues_spelled(f"{main}{tail}")
    printed = {mention_key(*m.groups()) for m in MENTION.finditer(told)}
    main = told[: len(told) - len(tail)] if tail and told.endswith(tail) else told
    tail = told[len(main) :]
    for number in catalogue:
        shown = catalogues_spelled(number)
        found = MENTION.fullmatch(shown)
        if found and mention_key(*found.groups()) not in printed:
            printed.add(mention_key(*found.groups()))
            main += f", {shown}"
    return f"{main}{tail}".strip()


def _scoring(match: re.Match[str]) -> str:
    """In a brief title, a scoring note in brackets goes; a name ('(Double)') stays."""
    words = [w for w in re.split(r"[\s,]+", match.group(1).lower().strip()) if w]
    scored = all(w in PLAYERS or w in _SCORING for w in words)
    if scored and set(words) - _COUNTING:  # '(Double)' and '(4)' are names, not scorings
        return ""
    return f" ({capital(match.group(1))})"


def _note(match: re.Match[str]) -> str:
    """In a full title, a note in brackets as a programme prints it: '(arr. Liszt)',
    '(orch)', '(unspecified)'; anything else as written."""
    inside = match.group(1).strip()
    arranged = re.match(r"(?i)arr\.?\s*(.*)$", inside)
    if arranged:
        who = arranged.group(1).strip()
        return f" (arr. {who.lower() if who.lower() in {'unspecified', 'unknown'} else who})"
    if set(folding.words(inside)) <= _NOTE_WORDS and inside:
        return f" ({inside.lower()})"
    return f" ({inside})"


def surname(composer: str) -> str:
    """'Ludwig van Beethoven' → 'Beethoven'; 'Johann Strauss Jr.' → 'Strauss'."""
    words = [w for w in composer.split() if w.lower() not in _SUFFIXES]
    return words[-1] if words else composer


def possessive(shown: str, composer: str | None) -> str:
    """'Bach's Cello Suite No. 1': the composer's surname in the possessive, then a title
    already told. After a possessive an English article goes ('Mozart's Marriage of
    Figaro'); a foreign one is part of the name ('Wagner's Die Meistersinger')."""
    if not composer:
        return shown
    name = surname(composer)
    owner = f"{name}'" if name.endswith("s") else f"{name}'s"
    return f"{owner} {_ENGLISH_ARTICLE.sub('', shown)}"


def work_label(
    title: str, composer: str | None, catalogue: Iterable[str] = (), *, brief: bool = True
) -> str:
    """A work named with its composer, as prose and lists of many composers name it:
    'Beethoven's Violin Concerto in D major, Op. 61'."""
    return possessive(work_title(title, catalogue, brief=brief), composer)


def read_alike(rows: Iterable[tuple[K, str]]) -> set[K]:
    """The keys of (key, title as shown) rows whose title reads like another key's
    ('Violin Concerto in D major' twice, by Beethoven and by Tchaikovsky): those a list
    names with their composer (`possessive`)."""
    keys: dict[str, set[K]] = {}
    for key, shown in rows:
        keys.setdefault(folding.key(shown), set()).add(key)
    return {key for same in keys.values() if len(same) > 1 for key in same}


@lru_cache(maxsize=4096)
def is_fragment(movement: str) -> bool:
    """A 'movement' that says what part of the work was played rather than naming one of
    its movements: 'Excerpts', 'Unspecified', '7. Unspecified Excerpts', 'Victory
    Theme/1st Nine Bars'."""
    words = folding.words(_LEADING_NUMBER.sub("", movement))
    if not words:
        return False
    return set(words) <= _FRAGMENT_WORDS or "bars" in words or "bar" in words


def fragment_told(movement: str) -> str:
    """A fragment as a programme tells it: 'excerpts' for the archive's 'Unspecified
    Excerpts', 'Excerpts [unspecified]' and the like; a described one as written."""
    bare = _LEADING_NUMBER.sub("", " ".join(movement.split()))
    words = set(folding.words(bare))
    if words <= _FRAGMENT_WORDS:
        return "selections" if words & {"selection", "selections"} else "excerpts"
    return bare
