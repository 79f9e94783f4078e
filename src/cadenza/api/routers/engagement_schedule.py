"""An engagement's schedule: rehearsals and other calls, journeys and hotel stays, read by
whoever sees the engagement (notes only with sight of them), changed by its management
through `engagements.schedule`, as the page's schedule forms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from cadenza.api.auth import actor
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.problems import bad_parameter
from cadenza.api.refs import Ref, ref
from cadenza.api.routers.booking_types import (
    CHANGE,
    ID_MAX,
    KEYED,
    Day,
    Moment,
    Text,
    Version,
    engagement_for,
    on_clock,
)
from cadenza.engagements.access import Sight
from cadenza.engagements.models import Engagement, HotelStay, ScheduleItem, TravelLeg
from cadenza.engagements.schedule import (
    hotel_stay_add,
    hotel_stay_remove,
    schedule_item_add,
    schedule_item_remove,
    schedule_of,
    travel_leg_add,
    travel_leg_remove,
)
from cadenza.places.models import Place

router = Router(tags=["schedules"])


class CallOut(Schema):
    id: int
    kind: str
    title: str
    place: Ref | None = Field(description="None: at the venue")
    day: date
    starts_at: datetime | None
    ends_at: datetime | None
    approximate: str
    notes: str | None = Field(description="only with sight of the notes")


class LegOut(Schema):
    id: int
    mode: str
    origin: Ref
    destination: Ref
    departs_at: datetime
    arrives_at: datetime
    carrier: str
    reference: str
    notes: str | None


class StayOut(Schema):
    id: int
    name: str
    place: Ref | None
    address: str
    check_in: date
    check_out: date
    reference: str


class ScheduleOut(Schema):
    version: int = Field(description="the engagement's version, for the next change")
    calls: list[CallOut]
    travel: list[LegOut]
    hotels: list[StayOut]


def _schedule(engagement: Engagement, seen: Sight) -> dict[str, Any]:
    found = schedule_of(engagement)
    notes = seen.notes
    return {
        "version": Engagement.objects.values_list("version", flat=True).get(pk=engagement.pk),
        "calls": [
            {
                "id": i.pk,
                "kind": i.kind,
                "title": i.title,
                "place": ref(i.place),
                "day": i.day,
                "starts_at": i.starts_at,
                "ends_at": i.ends_at,
                "approximate": i.approximate,
                "notes": i.notes if notes else None,
            }
            for i in found.items
        ],
        "travel": [
            {
                "id": leg.pk,
                "mode": leg.mode,
                "origin": ref(leg.origin),
                "destination": ref(leg.destination),
                "departs_at": leg.departs_at,
                "arrives_at": leg.arrives_at,
                "carrier": leg.carrier,
                "reference": leg.reference,
                "notes": leg.notes if notes else None,
            }
            for leg in found.legs
        ],
        "hotels": [
            {
                "id": s.pk,
                "name": s.name,
                "place": ref(s.place),
                "address": s.address,
                "check_in": s.check_in,
                "check_out": s.check_out,
                "reference": s.reference,
            }
            for s in found.stays
        ],
    }


@router.get(
    "/{int:pk}/schedule", response=ScheduleOut, summary="Its schedule", operation_id="schedule"
)
def schedule(request: HttpRequest, pk: int) -> Any:
    """Calls, journeys and hotels; every time in UTC (each place's zone is its own)."""
    return _schedule(*engagement_for(request, pk))


def _place(pk: int | None, field: str) -> Place | None:
    if pk is None:
        return None
    found = Place.objects.filter(pk=pk).first()
    if found is None:
        raise bad_parameter(field, f"no place {pk} in the record.")
    return found


class CallIn(Schema):
    kind: str = Field(..., max_length=30, description="orchestra_rehearsal, piano_rehearsal, …")
    day: Day
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    approximate: Text = Field("", max_length=200, description="'afternoon, to be confirmed'")
    place: int | None = Field(None, ge=1, le=ID_MAX, description="another hall; none: the venue")
    title: Text = Field("", max_length=300)
    notes: Text = Field("", max_length=10_000)
    version: Version


@router.post(
    "/{int:pk}/schedule/calls",
    response={201: ScheduleOut},
    summary="Add a rehearsal or call",
    operation_id="schedule_call_add",
    openapi_extra=KEYED,
)
def call_new(
    request: HttpRequest, pk: int, payload: CallIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    found, seen = engagement_for(request, pk, edit=True)
    place = _place(payload.place, "place")
    where, field = place or found.venue, "place" if place else "starts_at"

    def run() -> tuple[int, Any]:
        schedule_item_add(
            engagement=found,
            kind=payload.kind,
            day=payload.day,
            starts_at=on_clock(where, payload.starts_at, field),
            ends_at=on_clock(where, payload.ends_at, field),
            approximate=payload.approximate,
            place=place,
            title=payload.title,
            notes=payload.notes,
            by=actor(request),
            version=payload.version,
        )
        return 201, _schedule(found, seen)

    return once(request, idempotency_key, ScheduleOut, run)


class LegIn(Schema):
    mode: str = Field(..., max_length=10, description="air, rail or road")
    origin: int = Field(..., ge=1, le=ID_MAX, description="a city of the record")
    destination: int = Field(..., ge=1, le=ID_MAX)
    departs_at: Moment = Field(description="without an offset: the origin's clock")
    arrives_at: Moment = Field(description="without an offset: the destination's clock")
    carrier: Text = Field("", max_length=300)
    reference: Text = Field("", max_length=300)
    notes: Text = Field("", max_length=10_000)
    version: Version


@router.post(
    "/{int:pk}/schedule/travel",
    response={201: ScheduleOut},
    summary="Add a journey",
    operation_id="schedule_travel_add",
    openapi_extra=KEYED,
)
def travel_new(
    request: HttpRequest, pk: int, payload: LegIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    found, seen = engagement_for(request, pk, edit=True)
    origin = _place(payload.origin, "origin")
    destination = _place(payload.destination, "destination")

    def run() -> tuple[int, Any]:
        travel_leg_add(
            artist=found.artist,
            engagement=found,
            mode=payload.mode,
            origin=origin,  # type: ignore[arg-type]
            destination=destination,  # type: ignore[arg-type]
            departs_at=on_clock(origin, payload.departs_at, "origin"),  # type: ignore[arg-type]
            arrives_at=on_clock(destination, payload.arrives_at, "destination"),  # type: ignore[arg-type]
            carrier=payload.carrier,
            reference=payload.reference,
            notes=payload.notes,
            by=actor(request),
            version=payload.version,
        )
        return 201, _schedule(found, seen)

    return once(request, idempotency_key, ScheduleOut, run)


class StayIn(Schema):
    name: Text = Field(..., max_length=300)
    place: int | None = Field(None, ge=1, le=ID_MAX, description="its city")
    address: Text = Field("", max_length=300)
    check_in: Day
    check_out: Day
    reference: Text = Field("", max_length=300)
    version: Version


@router.post(
    "/{int:pk}/schedule/hotels",
    response={201: ScheduleOut},
    summary="Add a hotel stay",
    operation_id="schedule_hotel_add",
    openapi_extra=KEYED,
)
def hotel_new(
    request: HttpRequest, pk: int, payload: StayIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    found, seen = engagement_for(request, pk, edit=True)
    place = _place(payload.place, "place")

    def run() -> tuple[int, Any]:
        hotel_stay_add(
            artist=found.artist,
            engagement=found,
            name=payload.name,
            place=place,
            address=payload.address,
            check_in=payload.check_in,
            check_out=payload.check_out,
            reference=payload.reference,
            by=actor(request),
            version=payload.version,
        )
        return 201, _schedule(found, seen)

    return once(request, idempotency_key, ScheduleOut, run)


_PARTS: dict[str, type[Model]] = {"calls": ScheduleItem, "travel": TravelLeg, "hotels": HotelStay}


@router.delete(
    "/{int:pk}/schedule/{part}/{int:item_id}",
    response=ScheduleOut,
    summary="Remove a call, journey or stay",
    operation_id="schedule_remove",
    openapi_extra=CHANGE,
)
def schedule_remove(
    request: HttpRequest,
    pk: int,
    part: Literal["calls", "travel", "hotels"],
    item_id: int,
    version: int | None = Query(None, ge=1, le=2**31, description="the engagement's version"),
) -> Any:
    """`part` is calls, travel or hotels; `version` (a query parameter) as for every change."""
    found, seen = engagement_for(request, pk, edit=True)
    row = _PARTS[part]._default_manager.filter(pk=item_id, engagement=found).first()
    if row is None:
        raise Http404(f"Engagement {pk} has no {part} {item_id}.")
    by = actor(request)
    if isinstance(row, ScheduleItem):
        schedule_item_remove(item=row, by=by, version=version)
    elif isinstance(row, TravelLeg):
        travel_leg_remove(leg=row, by=by, version=version)
    else:
        hotel_stay_remove(stay=row, by=by, version=version)  # type: ignore[arg-type]
    return _schedule(found, seen)
