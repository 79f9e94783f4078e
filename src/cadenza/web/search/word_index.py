"""A word index for search that forgives typos, accents and word order, on any database.

Agents (names, aliases, hyphenated names run together, instruments), works (title, composers,
catalogue numbers, nicknames; weighed by how often they were played) and places (names,
former names) are read once per process into an inverted index of folded words. Each word
of a query matches index words exactly, as a prefix (so suggestions work while typing) or,
for words of five letters or more, by edit similarity through rapidfuzz ("kalmurzayev" →
kalmurzaev, "symfony" → symphony). A row matches when every query word does; rows are
scored by how well. Numbers and short words match exactly or as a prefix only, so "BWV
1007" does not find BWV 1008.

The index is rebuilt when the record version (`web.selectors.record_version`) moved: every
committed write to the record, by any process, moves it, so an import, an edit or a rename
is seen by the next search.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from rapidfuzz import fuzz, process

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.people.models import Agent, AgentInstrument, Alias, Authorship
from cadenza.places.models import Place, PlaceName
from cadenza.repertoire.models import CatalogueNumber, Work, WorkAlias
from cadenza.web.search.words import (
    FUZZY_CUTOFF,
    FUZZY_MIN_LENGTH,
    FUZZY_WORDS,
    joined,
    terms,
    words,
)
from cadenza.web.selectors import record_version


@dataclass
class Index:
    keys: list[int]
    weights: list[int]  # breaks ties: credits per agent, the date of an event
    postings: dict[str, set[int]]
    vocab: list[str]  # sorted, for prefix lookups

    @classmethod
    def build(cls, docs: dict[int, list[str]], weights: dict[int, int]) -> Index:
        keys = list(docs)
        postings: dict[str, set[int]] = {}
        for position, pk in enumerate(keys):
            for text in docs[pk]:
                for word in words(text):
                    postings.setdefault(word, set()).add(position)
        return cls(keys, [weights.get(pk, 0) for pk in keys], postings, sorted(postings))

    def _term_hits(self, term: tuple[str, ...]) -> dict[int, float]:
        """The rows one query term matches (any of its words), with the best score."""
        matched: dict[str, float] = {}
        for word in term:
            if word in self.postings:
                matched[word] = 100.0
            start = bisect.bisect_left(self.vocab, word)
            for candidate in self.vocab[start : start + 200]:
                if not candidate.startswith(word):
                    break
                matched.setdefault(candidate, 90.0)
        # Only a term the record does not contain, even as a prefix, is taken as a typo.
        if not matched:
            for word in term:
                if len(word) < FUZZY_MIN_LENGTH or word.isdigit():
                    continue
                for candidate, score, _ in process.extract(
                    word,
                    self.vocab,
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    limit=FUZZY_WORDS,
                ):
                    matched[candidate] = max(matched.get(candidate, 0.0), score * 0.85)
        hits: dict[int, float] = {}
        for candidate, score in matched.items():
            for position in self.postings[candidate]:
                if hits.get(position, 0.0) < score:
                    hits[position] = score
        return hits

    def find(self, query: str, *, limit: int) -> tuple[list[int], int]:
        """The best `limit` ids, and how many rows match in all."""
        total: dict[int, float] | None = None
        for term in terms(query):
            hits = self._term_hits(term)
            if total is None:
                total = hits
            else:
                total = {p: s + hits[p] for p, s in total.items() if p in hits}
            if not total:
                return [], 0
        if not total:
            return [], 0
        scores = total
        best = heapq.nsmallest(
            limit, scores, key=lambda p: (-scores[p], -self.weights[p], self.keys[p])
        )
        return [self.keys[p] for p in best], len(scores)


def _agents() -> Index:
    docs: dict[int, list[str]] = {}
    for pk, name, sort_name in Agent.objects.values_list("pk", "name", "sort_name"):
        docs[pk] = [name, sort_name, joined(name)]
    for pk, name in Alias.objects.values_list("agent_id", "name"):
        docs.setdefault(pk, []).extend((name, joined(name)))
    # What they play, stated or credited: "stern violin" is Isaac Stern.
    for pk, name in AgentInstrument.objects.values_list("agent_id", "instrument__name"):
        docs.setdefault(pk, []).append(name)
    weights: dict[int, int] = {}
    for model in (Credit, Authorship):
        counted = model.objects.values_list("agent_id").annotate(n=Count("pk")).order_by()
        for pk, n in counted:
            if pk is not None:
                weights[pk] = weights.get(pk, 0) + n
    return Index.build(docs, weights)


def _works() -> Index:
    docs: dict[int, list[str]] = {
        pk: [title] for pk, title in Work.objects.values_list("pk", "title")
    }
    for work_id, name in Authorship.objects.values_list("work_id", "agent__name"):
        docs.setdefault(work_id, []).append(name)
    numbers = CatalogueNumber.objects.values_list("work_id", "catalogue", "number")
    for work_id, catalogue, number in numbers:
        docs.setdefault(work_id, []).append(f"{catalogue} {number}")
    for work_id, name in WorkAlias.objects.values_list("work_id", "name"):
        docs.setdefault(work_id, []).append(name)  # nicknames: "Emperor", "Eroica"
    # Among equals, the works played most first ("beethoven fifth": the symphony).
    played = ProgrammeItem.objects.values_list("work_id").annotate(n=Count("pk")).order_by()
    return Index.build(docs, {pk: n for pk, n in played if pk is not None})


def _places() -> Index:
    docs: dict[int, list[str]] = {
        pk: [name] for pk, name in Place.objects.values_list("pk", "name")
    }
    for pk, name in PlaceName.objects.values_list("place_id", "name"):
        docs.setdefault(pk, []).append(name)
    return Index.build(docs, {})


def _events() -> Index:
    docs: dict[int, list[str]] = {}
    newest: dict[int, int] = {}
    rows = Event.objects.values_list(
        "pk", "name", "series__name", "venue__name", "date_year", "date_month", "date_day"
    )
    for pk, name, series, venue, year, month, day in rows:
        docs[pk] = [name, series or "", venue or "", str(year or "")]
        newest[pk] = (year or 0) * 10000 + (month or 0) * 100 + (day or 0)
    return Index.build(docs, newest)


_BUILDERS: dict[str, Callable[[], Index]] = {
    "agents": _agents,
    "works": _works,
    "places": _places,
    "events": _events,
}
_lock = threading.Lock()
# The record version the indexes were built at, and the indexes.
_cache: dict[int, dict[str, Index]] = {}


def indexes() -> dict[str, Index]:
    """Every kind's index: one query for the version, and a rebuild when it moved."""
    # Read before the rows: a write committed while they are read moves it past the index.
    version = record_version()
    with _lock:
        if version in _cache:
            return _cache[version]
        built = {kind: build() for kind, build in _BUILDERS.items()}
        _cache.clear()
        _cache[version] = built
    # The index is hundreds of thousands of objects that live until the next rebuild:
    # out of the cycle collector's sight, its full passes no longer scan them in the
    # middle of requests (long pauses with the archive loaded). An old index is
    # still freed, by reference counting, when it is replaced.
    gc.collect()  # nothing cyclic that is already garbage is frozen with it
    gc.freeze()
    return built


def forget() -> None:
    """Drop every index. Tests do: a rolled-back test takes the version back with its rows,
    and the next test's writes bring it to the same numbers with other rows."""
    with _lock:
        _cache.clear()
