"""The engagement page's schedule actions: add or remove a rehearsal or other call, a travel
leg, a hotel stay; set the concert dress. Each form posts here and runs one service of
`engagements.schedule` through `act()`, so an error is shown at its form (400, or 409 for a
stale page) with nothing half-saved, and only the artist's management may act."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.local_times import at_local
from cadenza.engagements.models import Engagement, HotelStay, ScheduleItem, TravelLeg
from cadenza.engagements.schedule import (
    engagement_dress_set,
    hotel_stay_add,
    hotel_stay_remove,
    schedule_item_add,
    schedule_item_remove,
    travel_leg_add,
    travel_leg_remove,
)
from cadenza.web.booking_forms import VersionForm
from cadenza.web.schedule_forms import (
    DressForm,
    HotelStayForm,
    ScheduleItemForm,
    TravelLegForm,
    form_field,
)
from cadenza.web.views.bookings import act, signed_in

Do = Callable[[Engagement, dict[str, Any]], str]


def _at_form(name: str, do: Do) -> Do:
    """The service's error, naming the form's own field (or the whole form)."""

    def run(engagement: Engagement, data: dict[str, Any]) -> str:
        try:
            return do(engagement, data)
        except Stale:
            raise
        except Invalid as invalid:
            raise Invalid(invalid.message, field=form_field(name, invalid.field)) from invalid

    return run


@require_POST
def engagement_schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        where = data["place"] or engagement.venue
        field = "place" if data["place"] else "starts_at"
        times = {
            name: at_local(data["day"], data[name], place=where, field=field)
            if data[name]
            else None
            for name in ("starts_at", "ends_at")
        }
        item = schedule_item_add(
            engagement=engagement,
            kind=data["kind"],
            day=data["day"],
            approximate=data["approximate"],
            place=data["place"],
            title=data["title"],
            notes=data["notes"],
            by=request.user,
            version=data["version"],
            **times,
        )
        return f"Added the {item} on {item.day:%-d %B %Y}."

    return act(request, pk, "schedule", ScheduleItemForm, _at_form("schedule", do))


@require_POST
def engagement_travel_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        origin, destination = data["origin"], data["destination"]
        leg = travel_leg_add(
            artist=engagement.artist,
            engagement=engagement,
            mode=data["mode"],
            origin=origin,
            destination=destination,
            departs_at=at_local(
                data["departs_day"], data["departs_time"], place=origin, field="origin"
            ),
            arrives_at=at_local(
                data["arrives_day"], data["arrives_time"], place=destination, field="destination"
            ),
            carrier=data["carrier"],
            reference=data["reference"],
            by=request.user,
            version=data["version"],
        )
        return f"Added the journey {leg}."

    return act(request, pk, "travel", TravelLegForm, _at_form("travel", do))


@require_POST
def engagement_hotel_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        stay = hotel_stay_add(
            artist=engagement.artist,
            engagement=engagement,
            name=data["name"],
            place=data["city"],
            address=data["address"],
            check_in=data["check_in"],
            check_out=data["check_out"],
            reference=data["reference"],
            by=request.user,
            version=data["version"],
        )
        return f"Added the stay at {stay}."

    return act(request, pk, "hotel", HotelStayForm, _at_form("hotel", do))


@require_POST
def engagement_dress_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        row = engagement_dress_set(
            engagement=engagement, dress=data["dress"], by=request.user, version=data["version"]
        )
        return f"Concert dress: {row.dress}." if row.dress else "No concert dress is asked."

    return act(request, pk, "dress", DressForm, _at_form("dress", do))


def _removal(
    request: HttpRequest, model: type[Model], pk: int, remove: Callable[[Any, Any, int], str]
) -> HttpResponse:
    """Remove one row of an engagement's schedule, from its list on the engagement page."""
    if (login := signed_in(request)) is not None:
        return login
    row = model._default_manager.filter(pk=pk).first()
    engagement_id = getattr(row, "engagement_id", None)
    if row is None or engagement_id is None:
        raise Http404("Nothing of an engagement's schedule has that number.")

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        return remove(row, request.user, data["version"])

    return act(request, engagement_id, "schedule-remove", VersionForm, do)


@require_POST
def schedule_item_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    def remove(item: ScheduleItem, by: Any, version: int) -> str:
        schedule_item_remove(item=item, by=by, version=version)
        return f"Removed the {item} on {item.day:%-d %B %Y}."

    return _removal(request, ScheduleItem, pk, remove)


@require_POST
def travel_leg_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    def remove(leg: TravelLeg, by: Any, version: int) -> str:
        travel_leg_remove(leg=leg, by=by, version=version)
        return f"Removed the journey {leg}."

    return _removal(request, TravelLeg, pk, remove)


@require_POST
def hotel_stay_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    def remove(stay: HotelStay, by: Any, version: int) -> str:
        hotel_stay_remove(stay=stay, by=by, version=version)
        return f"Removed the stay at {stay}."

    return _removal(request, HotelStay, pk, remove)
