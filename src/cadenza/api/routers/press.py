"""Reviews and their quotes, kept word for word: of an event, about someone (the person
page's rule, `press.selectors.agent_review_ids`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from cadenza.api.pagination import page_of, paginate
from cadenza.api.refs import CURSOR, LIMIT, DateOut, Ref, date_out, ordering_param, ref
from cadenza.events.selectors import event_rows
from cadenza.people.selectors import agent_get
from cadenza.press.models import Quote, Review
from cadenza.press.selectors import agent_review_ids, review_date

router = Router(tags=["reviews"])

_UNDATED = 32767  # reviews of unknown date sort last (first, descending)
ORDERINGS = {
    "published": [
        Coalesce("published_year", Value(_UNDATED)),
        Coalesce("published_month", Value(0)),
        Coalesce("published_day", Value(0)),
    ],
    "id": [],
}


class QuoteOut(Schema):
    id: int
    text: str = Field(description="word for word")


class ReviewOut(Schema):
    id: int
    event: Ref | None
    subjects: list[Ref] = Field(description="who it is about")
    publication: str
    critic: str = Field(description="as signed")
    critic_agent: Ref | None
    published: DateOut | None = Field(description="or the event's date, when unknown")
    headline: str
    summary: str
    link: str = Field(description="the review online, when known")
    quotes: list[QuoteOut]


def _rows() -> QuerySet[Review]:
    return Review.objects.select_related("critic_agent").prefetch_related(
        Prefetch("event", queryset=event_rows()),
        "subjects",
        Prefetch("quotes", queryset=Quote.objects.order_by("position", "pk")),
    )


def _out(review: Review) -> dict[str, Any]:
    return {
        "id": review.pk,
        "event": ref(review.event),
        "subjects": [ref(a) for a in review.subjects.all()],
        "publication": review.publication,
        "critic": review.critic,
        "critic_agent": ref(review.critic_agent),
        "published": date_out(review_date(review)),
        "headline": review.headline,
        "summary": review.summary,
        "link": review.url,
        "quotes": [{"id": q.pk, "text": q.text} for q in review.quotes.all()],
    }


@router.get("", response=page_of(ReviewOut), summary="List reviews", operation_id="reviews")
def reviews(
    request: HttpRequest,
    event: int | None = Query(None, ge=1, le=2**62, description="of this event"),
    agent: int | None = Query(
        None, ge=1, le=2**62, description="about this agent, or of an event they played"
    ),
    ordering: str = ordering_param(ORDERINGS, "published"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> Any:
    rows = _rows()
    if event is not None:
        rows = rows.filter(event_id=event)
    if agent is not None:
        rows = rows.filter(pk__in=agent_review_ids(agent=agent_get(pk=agent)))
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
    )
    return {"items": [_out(r) for r in page.items], "next": page.next}


@router.get("/{int:pk}", response=ReviewOut, summary="One review", operation_id="review")
def review(request: HttpRequest, pk: int) -> Any:
    return _out(get_object_or_404(_rows(), pk=pk))
