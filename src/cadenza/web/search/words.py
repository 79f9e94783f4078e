"""The words of search: a query folded and split as `cadenza.folding` folds every name,
the same way for every engine ("Dvořák" → dvorak, "BWV1007" → bwv, 1007), and when a word
may be taken as a typo. A query word may stand for others (`terms`): an ordinal for its
number ("fifth", "5th" → 5), a possessive for its name ("beethoven's" → beethoven); names
written with hyphens are also indexed run together (`joined`: "Yo-Yo" → yoyo). The word
index (`word_index`) and PostgreSQL's search (`postgres`) both follow these rules;
`pattern` gives callers that filter in the database an accent-blind regular
expression. See docs/search.md.
"""

from __future__ import annotations

import re
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


ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
_ORDINAL_NUMBERS = {word: str(n) for n, word in enumerate(ORDINALS, start=1)}
# "5th", "21st", "2nd", "3rd": a number with an ordinal ending.
_NUMBERED = re.compile(r"(?<![^\W\d_])(\d+)(?:st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)
# "Beethoven's", "Brahms’s", "Brahms'": the name without its possessive ending.
_POSSESSIVE = re.compile(r"(?<=\w)['’](?:s\b|(?=\s|$))", re.IGNORECASE)


# A query word and the words it also stands for.
Term = tuple[str, ...]


def terms(query: str) -> list[Term]:
    """The query's words, each with the words it also stands for: 'beethoven's fifth' →
    (beethoven,), (fifth, 5). Every term must match a word of the row; a term matches when
    any of its words does. Numbers stand for their ordinals too ('5' → 5, fifth)."""
    text = _NUMBERED.sub(r"\1", _POSSESSIVE.sub("", query[:MAX_QUERY_LENGTH]))
    out: dict[Term, None] = {}
    for word in words(text):
        if word in _ORDINAL_NUMBERS:
            out[(word, _ORDINAL_NUMBERS[word])] = None
        elif word.isdigit() and 1 <= int(word) <= len(ORDINALS):
            out[(word, ORDINALS[int(word) - 1])] = None
        else:
            out[(word,)] = None
    return list(out)


def joined(text: str) -> str:
    """A name's hyphenated words run together, to be indexed beside it ('Yo-Yo Ma' → 'YoYo
    Ma', so 'yoyo' finds him); empty for a name without hyphens. PostgreSQL's documents do
    the same with `replace(name, '-', '')` (postgres)."""
    return text.replace("-", "") if "-" in text else ""


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
