"""Search across the record: agents, works, places and events.

Matching is case- and accent-insensitive on SQLite and PostgreSQL alike, without
database extensions: the query is normalised ("Dvořák" → "dvorak") and each of its words
becomes a regular expression in which every letter accepts its accented forms
("dvo[rřŕ…][aáà…]k"), anchored at the start of a word (numbers match whole: "5" is not
"54"). A record matches when every word matches one of its names, in any order ("Ma,
Yo-Yo" finds Yo-Yo Ma; "BWV1007" finds "BWV 1007"). When nothing matches, words that are
in no name are replaced by the closest word of the record's names (rapidfuzz), so typos
still find ("Kalmurzayev", "tchaikovsky symfony 5"). Both databases run it with `__iregex`.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db.models import CharField, Count, F, Max, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Concat, Length
from rapidfuzz import fuzz, process

from cadenza.events.models import Event
from cadenza.events.selectors import newest_first
from cadenza.people.models import Agent, AgentInstrument, Alias, Authorship
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


def _word_body(word: str) -> str:
    variants = _variants()
    chars = []
    for char in word:
        extra = variants.get(char, "")
        chars.append(f"[{char}{char.upper()}{extra}]" if char.isalpha() else char)
    return "".join(chars)


def word_pattern(word: str) -> str:
    """One folded word as a regular expression (Python and PostgreSQL), at a word's start."""
    return rf"(^|\W){_word_body(word)}" + (r"(\W|$)" if word.isdigit() else "")


def matches(field_name: str, regex: str) -> Q:
    return Q(**{f"{field_name}__iregex": regex})


def every_word(field_names: list[str], query_words: list[str]) -> Q:
    """Each word matches at the start of a word in at least one of the fields."""
    condition = Q()
    for word in query_words:
        regex = word_pattern(word)
        either = Q()
        for name in field_names:
            either |= matches(name, regex)
        condition &= either
    return condition


_vocabulary_cache: dict[tuple[Any, ...], list[str]] = {}


def _vocabulary() -> list[str]:
    """Every word of the record's names and titles, folded and sorted; kept per process
    until the names change."""
    # Counts, highest ids and the total length of the names: a new, deleted or renamed
    # record changes it (asked only when a query found nothing as typed).
    signature = tuple(
        tuple(
            model.objects.aggregate(n=Count("pk"), top=Max("pk"), size=Sum(Length(field))).values()
        )
        for model, field in ((Agent, "name"), (Alias, "name"), (Work, "title"), (Place, "name"))
    )
    if signature not in _vocabulary_cache:
        found: set[str] = set()
        sources = (
            Agent.objects.values_list("name", flat=True),
            Alias.objects.values_list("name", flat=True),
            Work.objects.values_list("title", flat=True),
            Place.objects.values_list("name", flat=True),
        )
        for names in sources:
            for name in names.iterator():
                found.update(w for w in words(name) if not w.isdigit())
        _vocabulary_cache.clear()
        _vocabulary_cache[signature] = sorted(found)
    return _vocabulary_cache[signature]


def corrected(query_words: list[str]) -> list[str]:
    """The words, each unknown one replaced by the closest known word (when close)."""
    vocabulary = _vocabulary()
    out = []
    for word in query_words:
        at = bisect.bisect_left(vocabulary, word)
        known = at < len(vocabulary) and vocabulary[at].startswith(word)
        if known or word.isdigit() or len(word) < 4:
            out.append(word)
            continue
        best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=75)
        out.append(best[0] if best else word)
    return out


@dataclass
class Results:
    query: str
    corrected: str = ""  # the query as searched, when typos were corrected
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


def search_agents(query_words: list[str]) -> QuerySet[Agent]:
    hit = every_word(["name", "sort_name", "aliases__name"], query_words)
    ids = Agent.objects.filter(hit).values("pk")
    return Agent.objects.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "instruments",
            queryset=AgentInstrument.objects.select_related("instrument").order_by("position"),
        )
    )


def search_works(query_words: list[str]) -> QuerySet[Work]:
    numbered = Concat(
        F("catalogue_numbers__catalogue"),
        Value(" "),
        F("catalogue_numbers__number"),
        output_field=CharField(),
    )
    fields = ["title", "catalogue_label", "authorships__agent__name"]
    ids = (
        Work.objects.annotate(catalogue_label=numbered)
        .filter(every_word(fields, query_words))
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


def search_places(query_words: list[str]) -> QuerySet[Place]:
    ids = Place.objects.filter(every_word(["name", "names__name"], query_words)).values("pk")
    return Place.objects.filter(pk__in=ids).select_related("parent__parent")


def search_events(query_words: list[str]) -> QuerySet[Event]:
    return newest_first(
        Event.objects.filter(every_word(["name"], query_words)).select_related(
            "venue__parent__parent"
        )
    )


def _ranked(rows: list[Any], label: Callable[[Any], str], query: str, limit: int) -> list[Any]:
    """Names (nearly) as typed first, then the most credited, then the closest."""
    wanted = fold(query)

    def key(row: Any) -> tuple[bool, int, float]:
        score = fuzz.token_sort_ratio(wanted, fold(label(row)))
        return (score < 90, -getattr(row, "credit_count", 0), -score)

    rows.sort(key=key)
    return rows[:limit]


def _find(results: Results, query_words: list[str], limit: int) -> None:
    pool = limit * 5  # candidates ranked in Python, so the closest of them come first
    query = " ".join(query_words)
    agents = search_agents(query_words).annotate(credit_count=Count("credits"))
    results.agents = _ranked(list(agents.order_by("sort_name")[:pool]), _name, query, limit)
    results.works = list(search_works(query_words)[:limit])
    results.places = _ranked(
        list(search_places(query_words).order_by("name")[:pool]), _name, query, limit
    )
    results.events = list(search_events(query_words)[:limit])


def _name(row: Any) -> str:
    return str(row.name)


def search_record(query: str, *, limit: int = 20) -> Results:
    """Up to `limit` results of each kind; an empty query finds nothing (and costs nothing)."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = Results(query=query)
    query_words = words(query)
    if not query_words:
        return results
    _find(results, query_words, limit)
    if not results.count:
        fixed = corrected(query_words)
        if fixed != query_words:
            results.corrected = " ".join(fixed)
            _find(results, fixed, limit)
    return results
