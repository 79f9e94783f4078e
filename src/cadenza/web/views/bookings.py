"""The booking pages: the manager's dashboard, the list of engagements, a new inquiry and
the engagement page with the forms that move it along. Plain forms, working without
JavaScript; every change goes through the engagements services.

Who may see what is `engagements.access`: an engagement a user may not see is a 404 (its
existence is not told), one they may see but not change is a 403 on every action.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cadenza.accounts.selectors import agents_managed_by
from cadenza.engagements import selectors, states
from cadenza.engagements.access import Sight, engagements_visible_to, sight, sights_for
from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.holds import (
    describe,
    hold_challenge,
    hold_place,
    hold_promote,
    hold_release,
)
from cadenza.engagements.models import Engagement, Hold, State
from cadenza.engagements.publishing import engagement_publish, engagement_unpublish
from cadenza.engagements.services import (
    engagement_create,
    engagement_move,
    engagement_update,
    performance_add,
    programme_set,
)
from cadenza.people.models import Agent
from cadenza.people.services import agent_ensure
from cadenza.places.selectors import place_timezone
from cadenza.repertoire.models import Work
from cadenza.web.booking_forms import (
    ChallengeForm,
    DetailsForm,
    EngagementForm,
    HoldForm,
    MoveForm,
    PerformanceForm,
    ProgrammeLineForm,
    first_error,
)

Error = dict[str, Any]


def signed_in(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def engagement_for(
    request: HttpRequest, pk: int, *, edit: bool = False
) -> tuple[Engagement, Sight]:
    """The engagement with all its page shows, if this user may see it (and change it)."""
    try:
        engagement = selectors.engagement_get(pk=pk)
    except Engagement.DoesNotExist as error:
        raise Http404("No such engagement.") from error
    seen = sight(user=request.user, engagement=engagement)
    if not seen.view:
        raise Http404("No such engagement.")
    if edit and not seen.edit:
        raise PermissionDenied("Only the artist's management may change this engagement.")
    return engagement, seen


def engagement_page(
    request: HttpRequest,
    engagement: Engagement,
    seen: Sight,
    *,
    error: Error | None = None,
    status: int = 200,
    forms_given: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    initial = {"version": engagement.version}
    page_forms: dict[str, forms.Form] = {
        "move": MoveForm(initial=initial, state=engagement.state),
        "hold": HoldForm(initial=initial),
        "performance": PerformanceForm(initial=initial),
        "programme": ProgrammeLineForm(initial=initial),
        "details": DetailsForm(
            initial={
                **initial,
                "title": engagement.title,
                "notes": engagement.notes,
                "cancellation_terms": engagement.cancellation_terms,
                "radius_km": engagement.radius_km,
                "radius_days": engagement.radius_days,
            }
        ),
        **(forms_given or {}),
    }
    programme = list(engagement.programme.all())
    context = {
        "engagement": engagement,
        "sight": seen,
        "forms": page_forms,
        "error": error,
        "programme": programme,
        "running_time": selectors.running_time(programme),
        "figures": selectors.figures_of(engagement) if seen.money else None,
        "deposit": selectors.deposit_of(engagement) if seen.money else None,
        "holds": list(engagement.holds.all()) if seen.holds else [],
        "changes": _changes_seen(engagement, seen),
        "can_publish": engagement.state in (State.COMPLETED, State.SETTLED),
        "zone": place_timezone(engagement.venue) or settings.TIME_ZONE,
    }
    return render(request, "web/bookings/engagement.html", context, status=status)


def _changes_seen(engagement: Engagement, seen: Sight) -> list[Any]:
    """The history, less the lines about money or holds this user may not see."""
    hidden = set()
    if not seen.money:
        hidden |= {"deal", "payment"}
    if not seen.holds:
        hidden.add("hold")
    if not seen.notes:
        hidden.add("details")
    return [c for c in engagement.changes.all() if c.kind not in hidden]


def act(
    request: HttpRequest,
    pk: int,
    name: str,
    form_class: Callable[..., forms.Form],
    do: Callable[[Engagement, dict[str, Any]], str],
    **form_kwargs: Any,
) -> HttpResponse:
    """Run one of the engagement page's forms: check it, call the service, and on an error
    show the page again with the message at that form; nothing is half-saved."""
    engagement, seen = engagement_for(request, pk, edit=True)
    form = form_class(request.POST, request.FILES or None, **form_kwargs)
    problem: Error | None = None
    if form.is_valid():
        try:
            with transaction.atomic():
                said = do(engagement, form.cleaned_data)
        except Stale as stale:
            problem = {"form": name, "field": None, "message": stale.message, "status": 409}
        except Invalid as invalid:
            problem = {"form": name, "field": invalid.field, "message": invalid.message}
        else:
            messages.success(request, said)
            return redirect(engagement)
    else:
        field, message = first_error(form)
        problem = {"form": name, "field": field, "message": message}
    engagement = selectors.engagement_get(pk=pk)
    return engagement_page(
        request,
        engagement,
        seen,
        error=problem,
        status=problem.get("status", 400),
        forms_given={name: form},
    )


@require_GET
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    engagement, seen = engagement_for(request, pk)
    return engagement_page(request, engagement, seen)


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


def _aware(day: Any, time: Any, zone: str) -> datetime:
    return datetime.combine(day, time).replace(tzinfo=ZoneInfo(zone))


@require_POST
def engagement_performance_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        zone = place_timezone(engagement.venue) or settings.TIME_ZONE
        starts = _aware(data["day"], data["starts_at"], zone) if data["starts_at"] else None
        performance_add(
            engagement=engagement,
            day=data["day"],
            starts_at=starts,
            time_note=data["time_note"],
            by=request.user,
            version=data["version"],
        )
        return f"Added a performance on {data['day']:%-d %B %Y}."

    return act(request, pk, "performance", PerformanceForm, do)


def work_named(text: str) -> Work:
    """A work by its number or its exact title; several of one title are told apart."""
    text = text.strip().lstrip("#")
    if text.isdigit():
        work = Work.objects.filter(pk=int(text)).first()
        if work is None:
            raise Invalid(f"There is no work number {text}.", field="work")
        return work
    found = list(Work.objects.filter(title__iexact=text, parent=None)[:6])
    if not found:
        raise Invalid(f"No work is called “{text}”: give its exact title or number.", field="work")
    if len(found) > 1:
        numbers = ", ".join(f"#{w.pk}" for w in found)
        raise Invalid(
            f"Several works are called “{text}” ({numbers}): give its number.", field="work"
        )
    return found[0]


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
        if remove.isdigit() and 1 <= int(remove) <= len(lines):
            del lines[int(remove) - 1]
            said = "Removed a line from the programme."
        elif data["interval"]:
            lines.append(timedelta(minutes=data["interval"]))
            said = "Added an interval."
        elif data["work"]:
            work = work_named(data["work"])
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


class PublishForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    publish = forms.BooleanField(required=False)


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


@transaction.atomic
def _create(request: HttpRequest, data: dict[str, Any]) -> Engagement:
    presenter = agent_ensure(name=data["presenter"], kind=Agent.Kind.ORGANISATION)
    return engagement_create(
        artist=data["artist"],
        presenter=presenter,
        title=data["title"],
        by=request.user,
        notes=data["notes"],
        dates=[data["first_date"]] if data["first_date"] else [],
    )


def engagement_new(request: HttpRequest) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    artists = agents_managed_by(user=request.user)
    if not artists.exists():
        raise PermissionDenied("Only an artist's management may take a new inquiry.")
    form = EngagementForm(request.POST or None, artists=artists)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            engagement = _create(request, form.cleaned_data)
        except (Invalid, ValueError) as invalid:
            error = str(invalid)
        else:
            messages.success(request, f"Took the inquiry “{engagement}”.")
            return redirect(engagement)
    elif request.method == "POST":
        error = first_error(form)[1]
    status = 400 if error else 200
    return render(request, "web/bookings/new.html", {"form": form, "error": error}, status=status)


@require_GET
def bookings_dashboard(request: HttpRequest) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    today = timezone.localdate()
    board = selectors.dashboard(user=request.user, today=today)
    sights = sights_for(user=request.user, engagements=[e for _, _, e in board.money_due])
    board.money_due = [row for row in board.money_due if sights[row[2].pk].money]
    context = {
        "board": board,
        "today": today,
        "can_create": agents_managed_by(user=request.user).exists(),
        "recent": list(selectors.engagements_listed(user=request.user)[:10]),
    }
    return render(request, "web/bookings/dashboard.html", context)


@require_GET
def engagement_list(request: HttpRequest) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    state = request.GET.get("state", "")
    if state and state not in State.values:
        state = ""
    artists = Agent.objects.filter(engagements__in=engagements_visible_to(user=request.user))
    artists = artists.distinct().order_by("sort_name")
    wanted = request.GET.get("artist", "")
    artist = artists.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    found = list(selectors.engagements_listed(user=request.user, artist=artist, state=state)[:200])
    context = {
        "engagements": found,
        "sights": sights_for(user=request.user, engagements=found),
        "artists": artists,
        "artist": artist,
        "state": state,
        "states": State.choices,
    }
    return render(request, "web/bookings/list.html", context)


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
        if action == "release":
            hold_release(hold=hold, by=request.user, reason="Released by the artist's management.")
            return f"Released the {describe(hold)}."
        if action == "promote":
            return f"Promoted to the {describe(hold_promote(hold=hold, by=request.user))}."
        zone = place_timezone(engagement.venue) or settings.TIME_ZONE
        respond_by = data["respond_by"].replace(tzinfo=ZoneInfo(zone))
        hold_challenge(hold=hold, respond_by=respond_by, by=request.user)
        return f"The holds above must answer by {respond_by:%-d %B %Y %H:%M} ({zone})."

    form_class = ChallengeForm if action == "challenge" else forms.Form
    return act(request, hold.engagement_id, "holds", form_class, do)
