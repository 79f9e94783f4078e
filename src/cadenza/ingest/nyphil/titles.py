"""Work titles as the archive writes them: text left in XML markup.

Capitals and catalogue numbers are read by `cadenza.repertoire.title_parts` (`recased`,
`catalogue_numbers`), the module that also tells titles on every page.
"""

from __future__ import annotations

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
