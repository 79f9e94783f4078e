"""Engagements for the signed-in: the list a user may see (by artist, presenter, state and
dates), one engagement as its page shows that user, a new inquiry, its details, its moves
from state to state, its history and its conflicts. Through the booking pages' selectors
and services (`engagements.selectors`, `services`, `access`, `conflicts`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import DateField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from cadenza.api.auth import actor, managed_artist
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.pagination import Orderings, page_of, paginate
from cadenza.api.problems import bad_parameter
from cadenza.api.refs import CURSOR, LIMIT, ordering_param
from cadenza.api.routers.booking_types import (
    CHANGE,
    ID,
    ID_MAX,
    KEYED,
    Day,
    EngagementItem,
    StateName,
    Text,
    Version,
    engagement_for,
    engagement_item,
)
from cadenza.api.routers.engagement_out import EngagementDetail, HoldOut, engagement_detail
from cadenza.engagements import selectors
from cadenza.engagements.conflicts import problems_seen_by
from cadenza.engagements.models import Performance
from cadenza.engagements.services import engagement_create, engagement_move, engagement_update
from cadenza.people.models import Agent
from cadenza.places.models import Place

router = Router(tags=["engagements"])

_FIRST_DAY = Subquery(
    Performance.objects.filter(engagement=OuterRef("pk")).order_by("date").values("date")[:1]
)
ORDERINGS: Orderings = {
    "created": ["created"],
    # Engagements with no date yet sort after the dated ones.
    "date": [Coalesce(_FIRST_DAY, Value(date(9999, 12, 31)), output_field=DateField())],
    "title": ["title"],
}


@router.get(
    "", response=page_of(EngagementItem), summary="List engagements", operation_id="engagements"
)
def engagements(
    request: HttpRequest,
    artist: int | None = Query(None, **ID, description="an artist's id"),
    presenter: int | None = Query(None, **ID, description="a presenter's id"),
    state: StateName | None = None,
    from_date: Day | None = Query(None, description="with a performance on or after this day"),
    to_date: Day | None = Query(None, description="with a performance on or before this day"),
    ordering: str = ordering_param(ORDERINGS, "-created"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> Any:
    """The engagements you may see (newest first by default), as the bookings list."""
    if from_date and to_date and to_date < from_date:
        raise bad_parameter("to_date", f"ends before from_date ({from_date}): a later day.")
    rows = selectors.engagements_listed(user=actor(request), state=state or None)
    if artist is not None:
        rows = rows.filter(artist_id=artist)
    if presenter is not None:
        rows = rows.filter(presenter_id=presenter)
    if from_date or to_date:
        days = Performance.objects.all()
        if from_date:
            days = days.filter(date__gte=from_date)
        if to_date:
            days = days.filter(date__lte=to_date)
        rows = rows.filter(pk__in=days.values("engagement_id"))
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
    )
    return {"items": [engagement_item(e) for e in page.items], "next": page.next}


@router.get(
    "/{int:pk}", response=EngagementDetail, summary="One engagement", operation_id="engagement"
)
def engagement(request: HttpRequest, pk: int) -> Any:
    """As its page shows it to you: holds, money, commission and notes only where your sight
    allows them (see `sight`). One you may not see is a 404."""
    found, seen = engagement_for(request, pk)
    return engagement_detail(found, seen)


class NewEngagement(Schema):
    artist: int = Field(..., ge=1, le=ID_MAX, description="an artist you manage")
    presenter: int = Field(
        ..., ge=1, le=ID_MAX, description="an organisation or ensemble of the record"
    )
    title: Text = Field(..., min_length=1, max_length=200)
    venue: int | None = Field(None, ge=1, le=ID_MAX, description="a place of the record")
    contact: int | None = Field(None, ge=1, le=ID_MAX, description="a person of the record")
    notes: Text = Field("", max_length=10_000)
    dates: list[Day] = Field([], max_length=50, description="performance days, if known")


def _agent(pk: int | None, field: str) -> Agent | None:
    if pk is None:
        return None
    found = Agent.objects.filter(pk=pk).first()
    if found is None:
        raise bad_parameter(field, f"no agent {pk} in the record.")
    return found


def _place(pk: int | None) -> Place | None:
    if pk is None:
        return None
    found = Place.objects.filter(pk=pk).first()
    if found is None:
        raise bad_parameter("venue", f"no place {pk} in the record.")
    return found


@router.post(
    "",
    response={201: EngagementDetail},
    summary="Take a new inquiry",
    operation_id="engagement_create",
    openapi_extra=KEYED,
)
def engagement_new(
    request: HttpRequest, payload: NewEngagement, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """A new inquiry for an artist you manage (as the page's "new inquiry")."""
    user = actor(request)
    artist = managed_artist(request, payload.artist, work="take a new inquiry")

    def run() -> tuple[int, Any]:
        made = engagement_create(
            artist=artist,
            presenter=_agent(payload.presenter, "presenter"),  # type: ignore[arg-type]
            title=payload.title,
            venue=_place(payload.venue),
            contact=_agent(payload.contact, "contact"),
            notes=payload.notes,
            dates=payload.dates,
            by=user,
        )
        return 201, engagement_detail(*engagement_for(request, made.pk))

    return once(request, idempotency_key, EngagementDetail, run)


class DetailsIn(Schema):
    """The details to change; those left out stay."""

    version: Version
    title: Text | None = Field(None, min_length=1, max_length=200)
    venue: int | None = Field(None, ge=1, le=ID_MAX)
    contact: int | None = Field(None, ge=1, le=ID_MAX)
    notes: Text | None = Field(None, max_length=10_000)
    cancellation_terms: Text | None = Field(None, max_length=10_000)
    radius_km: int | None = Field(None, ge=0, le=40_000)
    radius_days: int | None = Field(None, ge=0, le=3650)
    rehearsal_days: int | None = Field(None, ge=0, le=14)


@router.patch(
    "/{int:pk}",
    response=EngagementDetail,
    summary="Change the details",
    operation_id="engagement_update",
    openapi_extra=CHANGE,
)
def engagement_patch(request: HttpRequest, pk: int, payload: DetailsIn) -> Any:
    """Title, venue, contact, notes, cancellation terms, radius clause, rehearsal days.
    A field sent as null clears it (where it may be empty)."""
    found, _ = engagement_for(request, pk, edit=True)
    given = payload.model_dump(exclude_unset=True)
    version = given.pop("version", None)
    if "venue" in given:
        given["venue"] = _place(given["venue"])
    if "contact" in given:
        given["contact"] = _agent(given["contact"], "contact")
    for text in ("title", "notes", "cancellation_terms"):
        if text in given and given[text] is None:
            given[text] = ""
    engagement_update(engagement=found, by=actor(request), version=version, **given)
    return engagement_detail(*engagement_for(request, pk))


class MoveIn(Schema):
    to_state: StateName
    reason: Text = Field("", max_length=2000, description="why; needed to cancel")
    version: Version


class Moved(Schema):
    engagement: EngagementDetail
    other_holds: list[HoldOut] = Field(
        description="other presenters' holds on its days, for its management to release"
    )


@router.post(
    "/{int:pk}/transitions",
    response={200: Moved},
    summary="Move to another state",
    operation_id="engagement_move",
    openapi_extra=KEYED,
)
def engagement_transition(
    request: HttpRequest, pk: int, payload: MoveIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """Offer, contract, confirm, complete, settle, decline, release or cancel, as the page's
    move form (to hold: place a hold, `POST /engagements/{id}/holds`)."""
    found, _ = engagement_for(request, pk, edit=True)

    def run() -> tuple[int, Any]:
        moved = engagement_move(
            engagement=found,
            to_state=payload.to_state,
            by=actor(request),
            reason=payload.reason,
            version=payload.version,
        )
        others: list[dict[str, Any]] = [
            {
                "id": h.pk,
                "date": h.date,
                "rank": h.rank,
                "status": h.status,
                "expires_on": h.expires_on,
                "decision_due": h.decision_due,
                "challenges": [],
            }
            for h in moved.other_holds
        ]
        return 200, {
            "engagement": engagement_detail(*engagement_for(request, pk)),
            "other_holds": others,
        }

    return once(request, idempotency_key, Moved, run)


class ChangeOut(Schema):
    at: datetime
    by: str | None = Field(description="the user; None for Cadenza itself (a timer)")
    token: str | None = Field(description="the API token it was made with: 'name (prefix)'")
    kind: str
    from_value: str
    to_value: str
    reason: str | None = Field(description="only with sight of the notes")


@router.get(
    "/{int:pk}/changes",
    response=list[ChangeOut],
    summary="Its history",
    operation_id="engagement_changes",
)
def engagement_changes(request: HttpRequest, pk: int) -> Any:
    """Who changed what and when, less the lines your sight leaves out (as its page)."""
    found, seen = engagement_for(request, pk)
    return [
        {
            "at": c.at,
            "by": c.by.get_username() if c.by else None,
            "token": f"{c.token.name} ({c.token.prefix})" if c.token else None,
            "kind": c.kind,
            "from_value": c.from_value,
            "to_value": c.to_value,
            "reason": c.reason if seen.notes else None,
        }
        for c in selectors.changes_seen(found, seen)
    ]


class ProblemOut(Schema):
    kind: str = Field(description="overlap, travel, rest, hall, rehearsal, unavailable, radius")
    message: str
    at: datetime = Field(description="when it bites, on its place's clock")
    engagements: list[int]
    on_hold: bool = Field(description="a hold or an offer is involved: not booked yet")


@router.get(
    "/{int:pk}/conflicts",
    response=list[ProblemOut],
    summary="Its conflicts",
    operation_id="engagement_conflicts",
)
def engagement_conflicts(request: HttpRequest, pk: int) -> Any:
    """The conflict checks' problems this engagement is part of, those you may be told of
    (as its page's "Conflicts"); none without sight of its holds or the right to change it."""
    found, seen = engagement_for(request, pk)
    if not (seen.holds or seen.edit):
        return []
    told = problems_seen_by(user=actor(request), engagement=found, manages=seen.edit)
    return [
        {
            "kind": p.kind,
            "message": p.message,
            "at": p.at,
            "engagements": list(p.engagement_ids),
            "on_hold": p.on_hold,
        }
        for p in told
    ]
