"""A person's (or an ensemble's) career timeline and the biography written from the
record: the person page's own timeline (`press.selectors.agent_career` through
`web.selectors.agent_page`, with the page's limit past which performances are counted by
year) and the biography page's writer (`press.biography_writer.biographies`)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from cadenza.api.refs import DateOut, Ref, date_out, ref
from cadenza.api.routers.agents import agent_of_kind, agent_of_kind_only
from cadenza.people.models import Agent
from cadenza.places.selectors import place_label
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import LENGTHS, biographies
from cadenza.press.selectors import TIMELINE_CATEGORIES, TimelineEntry, timeline_filtered

Category = Literal["training", "competitions", "performances", "reviews", "positions", "milestones"]
assert set(Category.__args__) == set(TIMELINE_CATEGORIES)  # type: ignore[attr-defined]


class Words(IntEnum):
    """The biography's lengths (`press.biography_writer.LENGTHS`)."""

    SHORT = 50
    MEDIUM = 150
    LONG = 400


assert {w.value for w in Words} == set(LENGTHS)


class Entry(Schema):
    kind: str = Field(description="milestone, relationship, award, performance, season, review")
    category: str = Field(
        description="what the page's filter calls it: " + ", ".join(TIMELINE_CATEGORIES)
    )
    label: str
    date: DateOut | None = Field(description="None: undated, placed by narrative_order")
    end: DateOut | None
    narrative_order: int | None
    text: str = Field(description="the fact in words, as the page tells it")
    agent: Ref | None = Field(description="the teacher, school, ensemble… of a tie")
    event: Ref | None = Field(description="the event of a performance")
    place: Ref | None
    count: int | None = Field(description="a year's performances, when the career is summed up")


class CategoryCount(Schema):
    category: str
    heading: str
    count: int


class Timeline(Schema):
    agent: Ref
    summarised: bool = Field(description="past the page's limit, performances counted by year")
    categories: list[CategoryCount]
    entries: list[Entry]


class Biography(Schema):
    words: int
    text: str
    note: str = Field(description="why it is shorter than asked, when it is")


class Biographies(Schema):
    agent: Ref
    format: str
    versions: list[Biography]


def _text(entry: TimelineEntry) -> tuple[str, Any, Any, Any]:
    """(words, agent, event, place) of one entry, as `_timeline_entry.html` tells it."""
    fact = entry.fact
    if entry.kind == "milestone":
        return fact.text, None, None, fact.place
    if entry.kind == "relationship":
        other = fact.subject if entry.inbound else fact.target
        role = f"{fact.role}, " if fact.role and not entry.inbound else ""
        instrument = f" ({fact.instrument.name})" if fact.instrument else ""
        return f"{role}{other.name}{instrument}", other, None, None
    if entry.kind == "award":
        competition = fact.competition.name if fact.competition else fact.competition_as_stated
        return ", ".join(p for p in (fact.prize, competition) if p), None, None, None
    if entry.kind == "performance":
        event = fact.event
        where = place_label(event.venue) if event.venue else ""
        told = event.name or event.get_kind_display()
        works = "; ".join(item.label for item in fact.items if item.work is not None)
        parts = [told, where, "; ".join(fact.roles), works]
        return " · ".join(p for p in parts if p), None, event, event.venue
    if entry.kind == "season":
        return f"{fact} events", None, None, None
    if entry.kind == "review":
        text = fact.headline or fact.summary
        by = ", ".join(p for p in (fact.critic, fact.publication) if p)
        return (f"{text} — {by}" if by else text), None, fact.event, None
    return entry.label, None, None, None


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    text, agent, event, place = _text(entry)
    return {
        "kind": entry.kind,
        "category": entry.category,
        "label": entry.label,
        "date": date_out(entry.date),
        "end": date_out(entry.end),
        "narrative_order": entry.narrative_order,
        "text": text,
        "agent": ref(agent),
        "event": ref(event),
        "place": ref(place, place_label(place)) if place is not None else None,
        "count": entry.fact if entry.kind == "season" else None,
    }


def _router(kind: str, plural: str) -> Router:
    router = Router(tags=[plural])

    @router.get(
        "/{int:pk}/timeline",
        response=Timeline,
        summary="The career's timeline",
        operation_id=f"{kind}_timeline",
    )
    def timeline(
        request: HttpRequest,
        pk: int,
        category: Category | None = Query(None, description="one kind of fact only"),
    ) -> Any:
        """Dated and undated facts in the story's order, as the page shows them."""
        page = agent_of_kind(request, pk, kind)
        entries, choices = timeline_filtered(page.career.timeline, category)
        return {
            "agent": ref(page.agent),
            "summarised": page.career.summarised,
            "categories": [{"category": c, "heading": h, "count": n} for c, h, n in choices],
            "entries": [_entry(e) for e in entries],
        }

    @router.get(
        "/{int:pk}/biography",
        response=Biographies,
        summary="The biography written from the record",
        operation_id=f"{kind}_biography",
    )
    def biography(
        request: HttpRequest,
        pk: int,
        format: Literal["text", "markdown", "html"] = "text",
        words: Words | None = Query(None, description="one length only"),
    ) -> Any:
        """About 50, 150 and 400 words, only recorded facts, vague ones kept vague."""
        agent = agent_of_kind_only(pk, kind)
        versions = biographies(biography_facts(agent=agent), fmt=format)
        return {
            "agent": ref(agent),
            "format": format,
            "versions": [
                {"words": v.words, "text": v.text, "note": v.note or ""}
                for v in versions
                if words is None or v.words == words
            ],
        }

    return router


people = _router(Agent.Kind.PERSON, "people")
ensembles = _router(Agent.Kind.ENSEMBLE, "ensembles")
