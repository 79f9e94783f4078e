"""The words of search: a query folded and split as `cadenza.folding` folds every name,
the same way for every engine ("Dvořák" → dvorak, "BWV1007" → bwv, 1007), and when a word
may be taken as a typo. The word index (`word_index`) and PostgreSQL's search
(`postgres`) both follow these rules; `pattern` gives callers that filter in the
database an accent-blind regular expression. See docs/search.md.
"""

from __future__ import annotations

from functools import cache

from cadenza import folding

MAX_QUERY_LENGTH = 100


@cache
def _variants() -> dict[str, str]:
    """Each base letter → every Latin letter that folds to it, both cases."""
    table: dict[str, set[str]] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = folding.fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            table.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


def words(query: str) -> list[str]:
    """The query's words, folded; letters and digits are split ('bwv1007' → bwv, 1007)."""
    return folding.words(query[:MAX_QUERY_LENGTH])


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
