"""How a biography says names, counts and lists: 'the Moscow Conservatory', 'A, B and C',
'(24, 21 and 14 times)', 'nine times', and a recorded phrase told of its subject."""

from __future__ import annotations

import re

from cadenza.press.biography_kinds import Named

_PAST = {"began", "spent", "won", "became", "took", "made", "gave", "went", "held", "led"}
_PAST |= {"taught", "wrote", "sang", "met", "left", "found", "grew", "came", "saw", "built"}
_PARTICIPLE = {"born", "raised", "brought", "educated", "trained", "fascinated", "inspired"}
_ARTICLE = re.compile(
    r"(Conservatory|Conservatoire|Academy|School|College|Institute|Orchestra|Philharmonic|"
    r"Symphony|Ensemble|Quartet|Trio|Choir|Chorus|Festival|Competition|Opera|Society|Band)$"
    r"|^(University|Royal|National) "
)


def listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def full_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ".”", "!”", "?”")) else f"{text}."


def the(name: str) -> str:
    """'the Moscow Conservatory', 'the New York Philharmonic', but 'Carnegie Hall'."""
    if name.lower().startswith("the ") or not _ARTICLE.search(name):
        return name
    return f"the {name}"


def with_subject(subject: str, text: str) -> str:
    """A recorded phrase told of its subject: 'Retired from performing.' becomes
    'Kalmurzaev retired from performing.'; a whole sentence stays as it is."""
    text = re.sub(r"\s*\([^)]*\)", "", text.strip())
    words = text.split(maxsplit=2)
    if len(words) < 2:
        return text
    first, second = words[0].lower(), words[1].lower()
    if first in _PARTICIPLE or (first.endswith("ed") and second in {"by", "into", "with"}):
        return f"{subject} was {lower_first(text)}"
    if first in _PAST or first.endswith("ed"):
        return f"{subject} {lower_first(text)}"
    return text


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number(count: int) -> str:
    """Press style: numbers under ten in words."""
    return _NUMBERS[count] if 0 <= count < 10 else f"{count:,}"


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{number(count)} times"


def counted_apart(named: list[Named]) -> tuple[list[Named], list[Named]]:
    """Those counted more than once, and the rest: 'most often' is said only of the first."""
    counted = [n for n in named if n.count > 1 or n.vague]
    return counted, [n for n in named if n not in counted]


def by_city(named: list[Named]) -> str:
    groups: dict[str, list[Named]] = {}
    for one in named:
        venue, _, city = one.name.partition(", ")
        groups.setdefault(city, []).append(Named(venue, one.count))
    parts = [
        listed([v.name for v in held]) + (f" in {city}" if city else "") + tally(held)
        for city, held in groups.items()
    ]
    if len(parts) <= 2:
        return " and ".join(parts) if len(groups) == 2 and "" in groups else listed(parts)
    return f"{'; '.join(parts[:-1])}; and {parts[-1]}"


def tally(named: list[Named]) -> str:
    """' (24, 21 and 14 times)' after a list of names, ' (nine times and once)' when some
    came once or twice; nothing when none is counted more than once."""
    counts = [n.count for n in named if not n.vague]
    if len(counts) != len(named) or not any(c > 1 for c in counts):
        return ""
    if all(c > 2 for c in counts):
        return f" ({listed([number(c) for c in counts])} times)"
    return f" ({listed([times(c) for c in counts])})"
