"""Events with their programmes and credits, narrowed as the pages narrow them (a venue
with the halls inside, a season, a work or its movements, someone credited), through the
pages' own selectors; one event as its page shows it (`web.selectors.event_page`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from cadenza.api.pagination import page_of, paginate
from cadenza.api.refs import CURSOR, LIMIT, DateOut, Ref, date_out, ordering_param, ref
from cadenza.events.models import Credit, Event, Series
from cadenza.events.selectors import agent_events, event_date, event_rows, place_events, work_events
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.selectors import place_label
from cadenza.repertoire.models import Work
from cadenza.repertoire.selectors import shown_title
from cadenza.web.selectors import event_page

router = Router(tags=["events"])

# Undated events ("one day") sort after the dated ones (before them, descending).
_UNDATED = 32767
ORDERINGS = {
    "date": [
        Coalesce("date_year", Value(_UNDATED)),
        Coalesce("date_month", Value(0)),
        Coalesce("date_day", Value(0)),
    ],
    "id": [],
}
Kind = Literal[
    "concert",
    "recital",
    "competition_round",
    "rehearsal",
    "masterclass",
    "festival_performance",
    "other",
]
Status = Literal["planned", "took_place", "cancelled", "postponed"]
assert set(Kind.__args__) == set(Event.Kind.values)  # type: ignore[attr-defined]
assert set(Status.__args__) == set(Event.Status.values)  # type: ignore[attr-defined]
_ID = {"ge": 1, "le": 2**62}


class CreditOut(Schema):
    agent: Ref | None = Field(description="None when the record names nobody")
    name: str = Field(description="the agent's name, or the name as credited")
    credited_as: str
    role: str
    instrument: str | None


class EventItem(Schema):
    id: int
    name: str
    kind: str
    status: str
    date: DateOut | None
    starts_at: datetime | None
    venue: Ref | None = Field(description="named with its city: Carnegie Hall, New York")
    series: Ref | None
    represents_several: bool
    credits: list[CreditOut] = Field(description="on the whole event: conductor, orchestra…")
    url: str


class ItemOut(Schema):
    position: int
    kind: str = Field(description="work, intermission, encore, other")
    work: Ref | None
    title: str = Field(description="as printed on the programme, or the work's title")
    movements: list[Ref] = Field(description="the movements played, when not all")
    notes: str
    credits: list[CreditOut] = Field(description="on this item: the concerto's soloist")


class ReviewRef(Schema):
    id: int
    publication: str
    critic: str
    headline: str
    quotes: list[str]


class EventDetail(EventItem):
    description: str
    narrative_order: int | None
    local_start: datetime | None = Field(description="starts_at on the venue's clock")
    timezone: str
    venue_chain: list[Ref]
    capacity: int | None
    attendance: int | None
    attendance_note: str
    attendance_share: int | None = Field(description="per cent of the seats, when both known")
    programme: list[ItemOut]
    reviews: list[ReviewRef]


def credit_out(credit: Credit) -> dict[str, Any]:
    return {
        "agent": ref(credit.agent),
        "name": credit.name,
        "credited_as": credit.credited_as,
        "role": credit.role,
        "instrument": credit.instrument.name if credit.instrument else None,
    }


def _series(series: Series | None) -> dict[str, Any] | None:
    if series is None:
        return None
    return {"id": series.pk, "name": series.name, "url": reverse("series", args=[series.pk])}


def event_item(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "name": event.name or event.get_kind_display(),
        "kind": event.kind,
        "status": event.status,
        "date": date_out(event_date(event)),
        "starts_at": event.starts_at,
        "venue": ref(event.venue, place_label(event.venue)) if event.venue else None,
        "series": _series(event.series),
        "represents_several": event.represents_several,
        "credits": [credit_out(c) for c in event.credits.all()],
        "url": event.get_absolute_url(),
    }


def _narrowed(
    rows: QuerySet[Event], venue: int | None, work: int | None, agent: int | None
) -> QuerySet[Event]:
    """The pages' selectors for a venue, a work and an agent, each a subquery of ids."""
    if venue is not None:
        place = get_object_or_404(Place, pk=venue)
        rows = rows.filter(pk__in=place_events(place=place).values("pk"))
    if work is not None:
        played = get_object_or_404(Work, pk=work)
        rows = rows.filter(pk__in=work_events(work=played).values("pk"))
    if agent is not None:
        credited = get_object_or_404(Agent, pk=agent)
        rows = rows.filter(pk__in=agent_events(agent=credited).values("pk"))
    return rows


@router.get("", response=page_of(EventItem), summary="List events", operation_id="events")
def events(
    request: HttpRequest,
    venue: int | None = Query(None, **_ID, description="a place: its events and its halls'"),
    season: int | None = Query(None, **_ID, description="a season's (or festival's) id"),
    work: int | None = Query(None, **_ID, description="a work: whole or movements played"),
    agent: int | None = Query(None, **_ID, description="someone credited, on the event or a work"),
    year: int | None = Query(None, ge=-9999, le=9999),
    kind: Kind | None = None,
    status: Status | None = None,
    ordering: str = ordering_param(ORDERINGS, "date"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> Any:
    """Events, oldest first by default (`ordering=-date` for the newest first)."""
    rows = _narrowed(event_rows(), venue, work, agent)
    if season is not None:
        rows = rows.filter(series_id=season)
    if year is not None:
        rows = rows.filter(date_year=year)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
    )
    return {"items": [event_item(e) for e in page.items], "next": page.next}


def _programme(event: Event) -> list[dict[str, Any]]:
    if event.programme is None:
        return []
    out = []
    for item in event.programme.items.all():
        work = item.work
        out.append(
            {
                "position": item.position,
                "kind": item.kind,
                "work": ref(work, shown_title(work)) if work is not None else None,
                "title": str(item),
                "movements": [ref(m, shown_title(m)) for m in item.movements.all()],
                "notes": item.notes,
                "credits": [credit_out(c) for c in item.credits.all()],
            }
        )
    return out


@router.get("/{int:pk}", response=EventDetail, summary="One event", operation_id="event")
def event(request: HttpRequest, pk: int) -> Any:
    """The event page: the programme in order with movements, credits, audience, reviews."""
    page = event_page(pk=pk)
    found = page.event
    return {
        **event_item(found),
        "description": found.description,
        "narrative_order": found.narrative_order,
        "local_start": page.local_start,
        "timezone": page.timezone,
        "venue_chain": [ref(p) for p in page.venue_chain],
        "capacity": page.capacity,
        "attendance": found.attendance,
        "attendance_note": found.attendance_note,
        "attendance_share": page.attendance_share,
        "programme": _programme(found),
        "reviews": [
            {
                "id": r.pk,
                "publication": r.publication,
                "critic": r.critic,
                "headline": r.headline,
                "quotes": [q.text for q in r.quotes.all()],
            }
            for r in page.reviews
        ],
    }
