"""Text folded for comparison: the one rule for case, accents and punctuation.

`fold` drops case and accents the way PostgreSQL's unaccent does, so the search function in
the database (`cadenza_search_fold`, web's migrations) folds alike and both search engines
find the same words; letters of other scripts stay as they are. `words` then keeps the runs
of letters and the runs of digits, so hyphens, dots, commas and spacing no longer count:
"Rimsky-Korsakov" and "RIMSKY KORSAKOV" are both `rimsky korsakov`.

It sits at the bottom of the layers so that places (the gazetteer) can use it as well as
people, whose `names` module builds name keys and "who is called this" on top of it.
"""

from __future__ import annotations

import re
import unicodedata

# A run of letters, or of digits ('BWV1007' → bwv, 1007).
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Letters NFKD leaves whole, folded as PostgreSQL's unaccent folds them.
_EXTRA_FOLDS = {
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "\u0131": "i", "ŧ": "t",
    "æ": "ae", "œ": "oe", "þ": "th",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents: 'Antonín Dvořák' → 'antonin dvorak'."""
    if text.isascii():  # most names: the fast path
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_EXTRA_FOLDS.get(c, c) for c in bare)


def words(text: str) -> list[str]:
    """The folded words: 'Saint-Saëns, Camille' → saint, saens, camille."""
    return _WORD.findall(fold(text))


def key(text: str) -> str:
    """The words joined by single spaces: one string for every spelling of the text."""
    return " ".join(words(text))


def spelling_rank(text: str) -> tuple[int, int, int, str]:
    """How to choose among spellings that fold alike, lowest first: accents kept
    (Dvořák), more lower case (von, than), hyphens kept; then the text itself, so the
    choice never depends on which spelling came first."""
    accents = 0 if text.isascii() else len(text) - len(text.encode("ascii", "ignore"))
    lower = sum(map(str.islower, text))
    return (-accents, -lower, -text.count("-"), text)


def told_alike(one: str, other: str, *, share: float = 0.6) -> bool:
    """Whether two sentences tell the same thing in other words: most of the content words
    (four letters or more) of the shorter are in the longer. "Began taking lessons ... and
    quickly showed a natural gift" and "... quickly demonstrated a natural talent" are; a
    recorded fact and the same fact read from a biography should be one."""
    a = {w for w in words(one) if len(w) > 3}
    b = {w for w in words(other) if len(w) > 3}
    if not a or not b:
        return fold(one).strip() == fold(other).strip()
    return len(a & b) >= share * min(len(a), len(b))


# Characters never kept in what the record stores: the C0 and C1 controls and DEL (a NUL
# or an escape in a name breaks exports, feeds and terminals) and the bidirectional
# overrides and isolates (they make a name read as something else: "Trojan Source").
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In longer text (notes), line breaks and tabs stay.
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_name(text: str) -> str:
    """A name as stored: control characters dropped, spacing made single.

    The one place names are cleaned: every service that stores a name or a title calls it,
    whichever interface (page, API, command, importer) the name came through.
    """
    return " ".join(_CONTROLS.sub(" ", text).split())


def clean_text(text: str) -> str:
    """Notes as stored: line breaks and tabs kept, other control characters dropped."""
    return _TEXT_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
