"""Search across the record, the search page's own (`web.search.results.search_record`):
the same matches in the same order. Ranked, so not paged by cursor: up to `limit` of
each kind, and how many match in all."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from cadenza.api.refs import DateOut, Ref, date_out, ref
from cadenza.events.selectors import event_date
from cadenza.places.selectors import place_label
from cadenza.repertoire.selectors import shown_title
from cadenza.web.search.results import KINDS, search_record
from cadenza.web.search.words import MAX_QUERY_LENGTH

router = Router(tags=["search"])

Kind = Literal["people", "works", "places", "events"]
assert set(Kind.__args__) == set(KINDS)  # type: ignore[attr-defined]
MAX_RESULTS = 100  # the search page's "more of one kind"


class AgentHit(Ref):
    kind: str = Field(description="person, ensemble or organisation")
    instruments: list[str]


class WorkHit(Ref):
    composers: list[str]


class PlaceHit(Ref):
    kind: str


class EventHit(Ref):
    date: DateOut | None


class Totals(Schema):
    people: int = 0
    works: int = 0
    places: int = 0
    events: int = 0


class SearchResults(Schema):
    query: str = Field(description="as searched: spaces folded, at most 200 characters")
    totals: Totals = Field(description="matches per kind, shown or not")
    people: list[AgentHit]
    works: list[WorkHit]
    places: list[PlaceHit]
    events: list[EventHit]


@router.get("", response=SearchResults, summary="Search the record", operation_id="search")
def search(
    request: HttpRequest,
    q: str = Query(..., max_length=MAX_QUERY_LENGTH * 5, description="names, titles, nicknames"),
    kind: Kind | None = Query(None, description="one kind only"),
    limit: int = Query(20, ge=1, le=MAX_RESULTS, description="of each kind"),
) -> Any:
    """Typos, word order, accents and prefixes forgiven, as on the search page."""
    found = search_record(q, limit=limit, kind=kind)
    return {
        "query": found.query,
        "totals": found.totals,
        "people": [
            {
                **(ref(a) or {}),
                "kind": a.kind,
                "instruments": [i.instrument.name for i in a.instruments.all()],
            }
            for a in found.agents
        ],
        "works": [
            {
                **(ref(w, shown_title(w)) or {}),
                "composers": [x.agent.name for x in w.authorships.all() if x.role == "composer"],
            }
            for w in found.works
        ],
        "places": [{**(ref(p, place_label(p)) or {}), "kind": p.kind} for p in found.places],
        "events": [
            {**(ref(e, e.name or e.get_kind_display()) or {}), "date": date_out(event_date(e))}
            for e in found.events
        ],
    }
