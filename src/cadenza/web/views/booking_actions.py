"""The engagement page's actions: each form posts here, runs one service through `act()`
and comes back to the page (with its error at the form when there is one)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from cadenza.engagements import states
from cadenza.engagements.errors import Invalid
from cadenza.engagements.holds import (
    describe,
    hold_challenge,
    hold_place,
    hold_promote,
    hold_release,
)
from cadenza.engagements.local_times import at_local
from cadenza.engagements.models import Engagement, Hold
from cadenza.engagements.publishing import engagement_publish, engagement_unpublish
from cadenza.engagements.services import (
    engagement_move,
    engagement_update,
    performance_add,
    programme_set,
)
from cadenza.places.selectors import place_timezone
from cadenza.repertoire.models import Work
from cadenza.web.booking_forms import (
    ChallengeForm,
    DetailsForm,
    HoldActionForm,
    HoldForm,
    MoveForm,
    PerformanceForm,
    ProgrammeLineForm,
    PublishForm,
)
from cadenza.web.views.bookings import act, signed_in
from cadenza.web.views.common import whole_number


@require_POST
def engagement_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    state = Engagement.objects.filter(pk=pk).values_list("state", flat=True).first() or ""

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        moved = engagement_move(
            engagement=engagement,
            to_state=data["to_state"],
            by=request.user,
            reason=data["reason"],
            version=data["version"],
        )
        said = f"“{engagement}” is now {states.label(data['to_state']).lower()}."
        if moved.other_holds:
            others = ", ".join(f"“{h.engagement}”" for h in moved.other_holds)
            said += f" Other holds on its days, to release: {others}."
        return said

    return act(request, pk, "move", MoveForm, do, state=state)


@require_POST
def engagement_hold_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        (hold,) = hold_place(
            engagement=engagement,
            dates=[data["date"]],
            by=request.user,
            rank=data["rank"],
            expires_on=data["expires_on"],
            decision_due=data["decision_due"],
            version=data["version"],
        )
        return f"Placed the {describe(hold)}."

    return act(request, pk, "hold", HoldForm, do)


@require_POST
def engagement_performance_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        # Read on the venue's clocks (one the clocks skip is refused): the schedule's rule.
        starts, ends = (
            at_local(data["day"], data[name], place=engagement.venue, field=name)
            if data[name]
            else None
            for name in ("starts_at", "ends_at")
        )
        performance_add(
            engagement=engagement,
            day=data["day"],
            starts_at=starts,
            ends_at=ends,
            time_note=data["time_note"],
            by=request.user,
            version=data["version"],
        )
        return f"Added a performance on {data['day']:%-d %B %Y}."

    return act(request, pk, "performance", PerformanceForm, do)


@require_POST
def engagement_programme_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    remove = request.POST.get("remove", "")

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        lines: list[Work | timedelta] = [
            e.work if e.work is not None else e.interval  # type: ignore[misc]
            for e in engagement.programme.all()
        ]
        line = whole_number(remove)
        if line is not None and 1 <= line <= len(lines):
            del lines[line - 1]
            said = "Removed a line from the programme."
        elif data["interval"]:
            lines.append(timedelta(minutes=data["interval"]))
            said = "Added an interval."
        elif data["work"] is not None:
            work = data["work"]
            lines.append(work)
            said = f"Added {work} to the programme."
        else:
            raise Invalid("Give a work or an interval's length.", field="work")
        programme_set(
            engagement=engagement, entries=lines, by=request.user, version=data["version"]
        )
        return said

    return act(request, pk, "programme", ProgrammeLineForm, do)


@require_POST
def engagement_details_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        version = data.pop("version")
        engagement_update(engagement=engagement, by=request.user, version=version, **data)
        return "Saved the details."

    return act(request, pk, "details", DetailsForm, do)


@require_POST
def engagement_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        if data["publish"]:
            events = engagement_publish(
                engagement=engagement, by=request.user, version=data["version"]
            )
            return f"Published: {len(events)} performance(s) now on the public record."
        engagement_unpublish(engagement=engagement, by=request.user, version=data["version"])
        return "Taken off the public record."

    return act(request, pk, "publish", PublishForm, do)


HOLD_ACTIONS = ("release", "promote", "challenge")


@require_POST
def hold_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Release, promote or challenge one hold, from the holds table of its engagement."""
    if (login := signed_in(request)) is not None:
        return login
    hold = Hold.objects.filter(pk=pk).first()
    if hold is None or action not in HOLD_ACTIONS:
        raise Http404("No such hold.")

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        version = data.get("version")
        if action == "release":
            reason = "Released by the artist's management."
            hold_release(hold=hold, by=request.user, reason=reason, version=version)
            return f"Released the {describe(hold)}."
        if action == "promote":
            promoted = hold_promote(hold=hold, by=request.user, version=version)
            return f"Promoted to the {describe(promoted)}."
        zone = place_timezone(engagement.venue) or settings.TIME_ZONE
        respond_by = data["respond_by"].replace(tzinfo=ZoneInfo(zone))
        hold_challenge(hold=hold, respond_by=respond_by, by=request.user, version=version)
        return f"The holds above must answer by {respond_by:%-d %B %Y %H:%M} ({zone})."

    form_class = ChallengeForm if action == "challenge" else HoldActionForm
    return act(request, hold.engagement_id, "holds", form_class, do)
