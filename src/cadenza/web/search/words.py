"""The words of search: how a query and the record are folded and split, the same way
for every engine ("Dvořák" → dvorak, "BWV1007" → bwv, 1007), and when a word may be taken
as a typo. The word index (`word_index`) and PostgreSQL's search (`postgres`) both follow
these rules; `pattern` gives callers that filter in the database an accent-blind regular
expression. See docs/search.md.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

MAX_QUERY_LENGTH = 100
# A run of letters, or of digits: what `words` keeps of folded text.
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Letters NFKD leaves whole, folded as PostgreSQL's unaccent folds them (`postgres`), so both
# engines find the same words.
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


@cache
def _variants() -> dict[str, str]:
    """Each base letter → every Latin letter that folds to it, both cases."""
    table: dict[str, set[str]] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            table.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


def words(query: str) -> list[str]:
    """The query's words, folded; letters and digits are split ('bwv1007' → bwv, 1007)."""
    return _WORD.findall(fold(query[:MAX_QUERY_LENGTH]))


def pattern(query: str) -> str:
    """A regular expression, valid in Python and PostgreSQL, matching the query loosely."""
    variants = _variants()
    parts = []
    for word in words(query):
        chars = []
        for char in word:
            extra = variants.get(char, "")
            chars.append(f"[{char}{char.upper()}{extra}]" if char.isalpha() else char)
        parts.append("".join(chars))
    return r"\W*".join(parts)


# Only a word of this many letters or more, and not a number, is matched as a typo…
FUZZY_MIN_LENGTH = 5
# … by record words within this rapidfuzz `fuzz.ratio`, the best FUZZY_WORDS of them.
FUZZY_CUTOFF = 78
FUZZY_WORDS = 12
