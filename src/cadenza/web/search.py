"""Search across the record: agents, works, places and events.

Matching is case- and accent-insensitive on SQLite and PostgreSQL alike, without
database extensions: the query is normalised ("Dvořák" → "dvorak") and turned into a
regular expression in which every letter accepts its accented forms ("dvo[rřŕ…][aáà…]k")
and any run of punctuation or spaces between words may differ ("BWV1007" finds "BWV 1007",
"Saint Saens" finds "Saint-Saëns"). Both databases run it with `__iregex`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from cadenza.events.models import Event
from cadenza.events.selectors import newest_first
from cadenza.people.models import Agent, AgentInstrument, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

MAX_QUERY_LENGTH = 100
# Letters that do not decompose into a base letter plus accents.
_EXTRA_FOLDS = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "\u0131": "i", "ŧ": "t"}


def fold(text: str) -> str:
    """Lower case without accents: 'Antonín Dvořák' → 'antonin dvorak'."""
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
    out: list[str] = []
    current = ""
    for char in fold(query[:MAX_QUERY_LENGTH]):
        if char.isalnum():
            if current and current[-1].isdigit() != char.isdigit():
                out.append(current)
                current = ""
            current += char
        elif current:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


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


def matches(field_name: str, regex: str) -> Q:
    return Q(**{f"{field_name}__iregex": regex})


@dataclass
class Results:
    query: str
    agents: list[Agent] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.agents) + len(self.works) + len(self.places) + len(self.events)

    @property
    def groups(self) -> list[tuple[str, str, list[Any]]]:
        """(anchor, heading, rows) for each kind that found something."""
        groups: list[tuple[str, str, list[Any]]] = [
            ("people", "People and ensembles", self.agents),
            ("works", "Works", self.works),
            ("places", "Places", self.places),
            ("events", "Events", self.events),
        ]
        return [g for g in groups if g[2]]


def search_agents(regex: str) -> QuerySet[Agent]:
    hit = matches("name", regex) | matches("sort_name", regex) | matches("aliases__name", regex)
    ids = Agent.objects.filter(hit).values("pk")
    return Agent.objects.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "instruments",
            queryset=AgentInstrument.objects.select_related("instrument").order_by("position"),
        )
    )


def search_works(regex: str) -> QuerySet[Work]:
    numbered = Concat(
        F("catalogue_numbers__catalogue"),
        Value(" "),
        F("catalogue_numbers__number"),
        output_field=CharField(),
    )
    ids = (
        Work.objects.annotate(catalogue_label=numbered)
        .filter(
            matches("title", regex)
            | matches("catalogue_label", regex)
            | matches("authorships__agent__name", regex)
        )
        .values("pk")
    )
    return (
        Work.objects.filter(pk__in=ids)
        .select_related("parent")
        .prefetch_related(
            "catalogue_numbers",
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("agent").order_by("position"),
            ),
        )
        .order_by(F("parent_id").asc(nulls_first=True), "title")  # whole works first
    )


def search_places(regex: str) -> QuerySet[Place]:
    ids = Place.objects.filter(matches("name", regex) | matches("names__name", regex)).values("pk")
    return Place.objects.filter(pk__in=ids).select_related("parent__parent")


def search_events(regex: str) -> QuerySet[Event]:
    return newest_first(
        Event.objects.filter(matches("name", regex)).select_related("venue__parent__parent")
    )


def search_record(query: str, *, limit: int = 20) -> Results:
    """Up to `limit` results of each kind; an empty query finds nothing (and costs nothing)."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = Results(query=query)
    regex = pattern(query)
    if not regex:
        return results
    results.agents = list(search_agents(regex).order_by("sort_name")[:limit])
    results.works = list(search_works(regex)[:limit])
    results.places = list(search_places(regex).order_by("name")[:limit])
    results.events = list(search_events(regex)[:limit])
    return results
