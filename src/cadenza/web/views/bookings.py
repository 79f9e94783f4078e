"""The booking pages: the manager's dashboard, the list of engagements, a new inquiry and
the engagement page with the forms that move it along. Plain forms, working without
JavaScript; every change goes through the engagements services.

Who may see what is `engagements.access`: an engagement a user may not see is a 404 (its
existence is not told), one they may see but not change is a 403 on every action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cadenza.accounts.selectors import agents_managed_by
from cadenza.engagements import selectors, states
from cadenza.engagements.access import Sight, engagements_visible_to, sight, sights_for
from cadenza.engagements.conflicts import problems_seen_by
from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.holds import HOLDABLE
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.publishing import PUBLISHABLE
from cadenza.engagements.services import (
    engagement_create,
)
from cadenza.people.models import Agent
from cadenza.people.selectors import agents_named
from cadenza.people.services import agent_ensure
from cadenza.places.selectors import place_timezone
from cadenza.web.booking_forms import (
    DetailsForm,
    EngagementForm,
    HoldForm,
    MoveForm,
    PerformanceForm,
    ProgrammeLineForm,
    first_error,
)
from cadenza.web.views.common import wants_partial, whole_number

Error = dict[str, Any]


Response = TypeVar("Response", bound=HttpResponseBase)


def private(response: Response) -> Response:
    """Booking pages and files hold fees and holds: no shared cache or browser history may
    keep them."""
    patch_cache_control(response, private=True, no_store=True)
    return response


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
                "venue": engagement.venue.name if engagement.venue else "",
                "notes": engagement.notes,
                "cancellation_terms": engagement.cancellation_terms,
                "radius_km": engagement.radius_km,
                "radius_days": engagement.radius_days,
                "rehearsal_days": engagement.rehearsal_days,
            }
        ),
        **(forms_given or {}),
    }
    programme = list(engagement.programme.all())
    figures, money_error = None, ""
    try:
        figures = selectors.figures_of(engagement) if seen.money else None
    except Invalid as invalid:  # a stored deal that cannot be settled as it stands
        money_error = invalid.message
    context = {
        "engagement": engagement,
        "sight": seen,
        "forms": page_forms,
        "error": error,
        "programme": programme,
        "running_time": selectors.running_time(programme),
        "figures": figures,
        "money_error": money_error,
        "parties": selectors.parties_seen(figures, seen),
        "deposit": selectors.deposit_of(engagement) if seen.money else None,
        "holds": list(engagement.holds.all()) if seen.holds else [],
        "other_holds": (
            selectors.other_holds_on_days(engagement)
            if seen.edit and engagement.state in states.DEAL_FIXED
            else []
        ),
        "changes": selectors.changes_seen(engagement, seen),
        "can_publish": engagement.state in PUBLISHABLE,
        "can_hold": engagement.state in HOLDABLE,
        "zone": place_timezone(engagement.venue) or settings.TIME_ZONE,
        "problems": (
            problems_seen_by(user=request.user, engagement=engagement, manages=seen.edit)
            if seen.holds or seen.edit
            else []
        ),
    }
    return private(render(request, "web/bookings/engagement.html", context, status=status))


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


@require_safe
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    engagement, seen = engagement_for(request, pk)
    return engagement_page(request, engagement, seen)


@transaction.atomic
def _create(request: HttpRequest, data: dict[str, Any]) -> Engagement:
    named = [a for a in agents_named(name=data["presenter"]) if a.kind != Agent.Kind.PERSON]
    presenter = named[0] if named else None
    if presenter is None:
        presenter = agent_ensure(name=data["presenter"], kind=Agent.Kind.ORGANISATION)
    return engagement_create(
        artist=data["artist"],
        presenter=presenter,
        title=data["title"],
        venue=data["venue"],
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


@require_safe
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
        "managed": list(agents_managed_by(user=request.user).order_by("sort_name")[:30]),
        "recent": list(selectors.engagements_listed(user=request.user)[:10]),
    }
    return private(render(request, "web/bookings/dashboard.html", context))


@require_safe
def engagement_list(request: HttpRequest) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    state = request.GET.get("state", "")
    if state and state not in State.values:
        state = ""
    artists = Agent.objects.filter(engagements__in=engagements_visible_to(user=request.user))
    artists = artists.distinct().order_by("sort_name")
    wanted = request.GET.get("artist", "")
    number = whole_number(wanted)
    artist = artists.filter(pk=number).first() if number is not None else None
    found = list(selectors.engagements_listed(user=request.user, artist=artist, state=state)[:200])
    context = {
        "engagements": found,
        "sights": sights_for(user=request.user, engagements=found),
        "artists": artists,
        "artist": artist,
        "state": state,
        "states": State.choices,
    }
    template = "web/bookings/_table.html" if wants_partial(request) else "web/bookings/list.html"
    return private(render(request, template, context))
