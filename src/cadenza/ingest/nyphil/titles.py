"""Work titles as the archive writes them: XML leftovers, capitals, catalogue numbers."""

from __future__ import annotations

import re

# Catalogue prefixes as the archive writes them (upper case) → as catalogues write them.
CATALOGUES = {
    "BWV": "BWV",
    "K": "K.",
    "KV": "K.",
    "OP": "Op.",
    "HOB": "Hob.",
    "WOO": "WoO",
    "D": "D.",
    "RV": "RV",
    "HWV": "HWV",
    "S": "S.",
    "SZ": "Sz.",
    "BB": "BB",
    "L": "L.",
    "TRV": "TrV",
}
_KEY_NAME = re.compile(r"\b([a-gA-G])(-flat|-sharp|-Flat|-Sharp)?(?= major| minor|-flat|-sharp)")
_CATALOGUE = re.compile(
    r"\b(BWV|KV|K\.|OP\.?|HOB\.|WOO|D\.|RV|HWV|S\.|SZ\.|BB|L\.|TRV)\s*"
    r"((?:[IVX]+:)?\d+[A-Za-z]{0,3}(?:/\d+)?)\b(?:,?\s*NO\.\s*(\d+))?",
    re.IGNORECASE,
)
_SMALL = {
    "a",
    "an",
    "the",
    "and",
    "of",
    "in",
    "on",
    "to",
    "for",
    "from",
    "with",
    "at",
    "by",
    "or",
    "de",
    "la",
    "le",
    "les",
    "des",
    "du",
    "von",
    "und",
    "der",
    "die",
    "das",
    "el",
    "en",
    "di",
    "da",
    "del",
    "et",
    "au",
    "aux",
    "op.",
}
_KEYS = {"MAJOR": "major", "MINOR": "minor", "FLAT": "flat", "SHARP": "sharp"}
_ROMAN = re.compile(r"^[IVXL]+$")
_TEXT_KEYS = {"_", "em", "i", "strong", "b"}


class UnknownMarkup(ValueError):
    """A title object with keys the README does not describe: a new quirk to report."""


def markup_text(value: object) -> str:
    """Text of a title field: a string, or an object left from XML ({'_': .., 'em': ..})."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return " ".join(markup_text(v) for v in value if markup_text(v))
    if isinstance(value, dict):
        unknown = set(value) - _TEXT_KEYS
        if unknown:
            raise UnknownMarkup(f"an object with keys {sorted(value)}; expected '_' and 'em'")
        plain = markup_text(value.get("_"))
        emphasis = " ".join(
            markup_text(value.get(k)) for k in ("em", "i", "strong", "b") if value.get(k)
        )
        # '(name of Chippewa dance)' glosses the emphasised title, which came first.
        parts = [emphasis, plain] if plain.startswith("(") else [plain, emphasis]
        return " ".join(p for p in parts if p)
    raise UnknownMarkup(f"a {type(value).__name__}; expected text or an object of text")


def _word(word: str, first: bool) -> str:
    bare = word.strip("(),:;\"'").upper()
    if _ROMAN.match(bare) or bare in {"BWV", "RV", "HWV"}:
        return word.upper()
    if bare.rstrip(".") in CATALOGUES and word.endswith(".") and bare not in {"NO."}:
        return word.upper().replace(bare, CATALOGUES[bare.rstrip(".")])
    if bare in _KEYS:
        return word.lower()
    if bare == "NO.":
        return word.replace("NO.", "No.")
    lowered = word.lower()
    if not first and lowered.strip("(),:;") in _SMALL:
        return lowered
    return "-".join(_capitalise(part) for part in lowered.split("-"))


def _capitalise(part: str) -> str:
    for i, char in enumerate(part):
        if char.isalpha():
            return part[:i] + char.upper() + part[i + 1 :]
    return part


def display_title(title: str) -> str:
    """'SYMPHONY NO. 5, C MINOR, OP. 67' → 'Symphony No. 5, C minor, Op. 67'.

    Titles with lower-case letters are left as they are: someone already cased them.
    """
    if any(c.islower() for c in title):
        return title
    words = title.split()
    out = [_word(w, i == 0 or words[i - 1].endswith((":", "("))) for i, w in enumerate(words)]
    # Key names keep a capital letter: 'A major', 'B-flat minor'.
    return _KEY_NAME.sub(lambda m: m[1].upper() + (m[2] or "").lower(), " ".join(out))


def catalogue_numbers(title: str) -> list[tuple[str, str]]:
    """Catalogue numbers a title carries: 'SUITE NO. 3, D MAJOR, BWV 1068' → [('BWV', '1068')]."""
    found = []
    for match in _CATALOGUE.finditer(title):
        prefix = match.group(1).upper().rstrip(".")
        number = match.group(2)  # whole, as written: K. 173dA and K. 173dB are two works
        if match.group(3) and prefix == "OP":
            number = f"{number} No. {match.group(3)}"
        found.append((CATALOGUES[prefix], number))
    return found
