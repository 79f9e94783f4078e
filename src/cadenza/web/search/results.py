"""Search's results: agents, works, places and events, as the search page shows them.

The ids come from PostgreSQL's full-text and trigram search there (`postgres`) and from an
in-process word index elsewhere (`word_index`), with one contract (`words`): typos, word
order, prefixes while typing. This module fetches those rows with what the pages show and
puts exact names before prefixes before the rest. See docs/search.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Prefetch, QuerySet

from cadenza.events.models import Event
from cadenza.people.models import Agent, AgentInstrument, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from cadenza.web.search import postgres, word_index
from cadenza.web.search.words import MAX_QUERY_LENGTH, terms, words

# The kinds as the page names them ("?kind=people") → the index and attribute names.
KINDS = {"people": "agents", "works": "works", "places": "places", "events": "events"}
HEADINGS = {
    "people": "People and ensembles",
    "works": "Works",
    "places": "Places",
    "events": "Events",
}


@dataclass
class Results:
    query: str
    agents: list[Agent] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # matches per kind, shown or not

    @property
    def count(self) -> int:
        return sum(self.totals.values())

    @property
    def groups(self) -> list[tuple[str, str, list[Any], int]]:
        """(anchor, heading, rows, total) for each kind that found something."""
        groups = [
            (anchor, HEADINGS[anchor], getattr(self, KINDS[anchor]), self.totals.get(anchor, 0))
            for anchor in KINDS
        ]
        return [g for g in groups if g[2]]


def agents_with_details(ids: Any) -> QuerySet[Agent]:
    return Agent.objects.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "instruments",
            queryset=AgentInstrument.objects.select_related("instrument").order_by("position"),
        )
    )


def works_with_details(ids: Any) -> QuerySet[Work]:
    return (
        Work.objects.filter(pk__in=ids)
        .select_related("parent")
        .prefetch_related(
            "catalogue_numbers",
            "aliases",
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("agent").order_by("position"),
            ),
        )
        .order_by(F("parent_id").asc(nulls_first=True), "title")  # whole works first
    )


def _rank(row: Agent | Work | Place | Event, folded_query: str) -> int:
    """0 exact, 1 a name starts with the query, 2 a word does, 3 found otherwise."""
    if isinstance(row, Agent):
        names = [row.name, row.sort_name]
    elif isinstance(row, Work):  # "eroica" is the symphony's name too
        names = [row.title, *(alias.name for alias in row.aliases.all())]
    else:
        names = [row.name]
    if isinstance(row, Event):
        return 0  # events keep the index's order: best match, then newest
    folded = [" ".join(words(name)) for name in names]
    if folded_query in folded:
        return 0
    if any(name.startswith(folded_query) for name in folded):
        return 1
    if any(f" {folded_query}" in f" {name}" for name in folded):
        return 2
    return 3


def _found(kind: str, ids: list[int], query: str, limit: int) -> list[Any]:
    """The rows of `ids`: exact names, then prefixes, then the order the ids came in."""
    rows: Any
    if kind == "agents":
        rows = agents_with_details(ids)
    elif kind == "works":
        rows = works_with_details(ids)
    elif kind == "places":
        rows = Place.objects.filter(pk__in=ids).select_related("parent__parent")
    else:
        rows = Event.objects.filter(pk__in=ids).select_related("venue__parent__parent")
    order = {pk: position for position, pk in enumerate(ids)}
    folded_query = " ".join(term[0] for term in terms(query))
    ranked = sorted(rows, key=lambda row: (_rank(row, folded_query), order[row.pk]))
    return ranked[:limit]


def find_ids(query: str, kinds: list[str], *, limit: int) -> dict[str, tuple[list[int], int]]:
    """Up to `limit` ids of each of `kinds` ("agents", "works", "places", "events"), best
    first, and how many match in all: by PostgreSQL's search there, else the word index."""
    if connection.vendor == "postgresql":
        return postgres.find_all(terms(query), kinds, limit=limit)
    found = word_index.indexes()
    return {kind: found[kind].find(query, limit=limit) for kind in kinds}


def search_record(query: str, *, limit: int = 20, kind: str | None = None) -> Results:
    """Up to `limit` results of each kind (or of `kind` only, one of KINDS); an empty query
    finds nothing (and costs nothing)."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = Results(query=query)
    if not words(query):
        return results
    wanted = {name: anchor for anchor, name in KINDS.items() if kind is None or kind == anchor}
    # A few more than shown, so exact names can come up from just below the cut.
    found = find_ids(query, list(wanted), limit=limit + 5)
    for name, anchor in wanted.items():
        ids, results.totals[anchor] = found[name]
        setattr(results, name, _found(name, ids, query, limit) if ids else [])
    return results
