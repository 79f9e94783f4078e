"""The season planner's pages, for an artist's management: ask for a season, follow the
solve as it runs in the background, read the proposal (calendar, map, figures, each
declined offer's reason), pin or exclude offers and plan again, and apply the plan through
the engagement services after confirming it (seasons/apply.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from cadenza.accounts.selectors import agents_managed_by
from cadenza.engagements.errors import Invalid
from cadenza.people.models import Agent
from cadenza.seasons.apply import apply_steps, plan_apply
from cadenza.seasons.from_record import SeasonError
from cadenza.seasons.models import PlanRun
from cadenza.seasons.proposal import proposal_of
from cadenza.seasons.runs import run_stalled, run_start, runs_of
from cadenza.web.booking_forms import DATE, first_error
from cadenza.web.maps import project, world_map
from cadenza.web.views.bookings import private, signed_in
from cadenza.web.views.common import wants_partial


class SeasonForm(forms.Form):
    artist = forms.TypedChoiceField(coerce=int)
    start = forms.DateField(widget=DATE, label="From")
    end = forms.DateField(widget=DATE, label="To")

    def __init__(self, *args: Any, artists: list[Agent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["artist"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, a.name) for a in artists]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The season ends before it starts.")
        return data


def _next_summer() -> dict[str, date]:
    today = timezone.localdate()
    year = today.year if today < date(today.year, 6, 1) else today.year + 1
    return {"start": date(year, 6, 1), "end": date(year, 8, 31)}


def _artists(request: HttpRequest) -> list[Agent]:
    artists = list(agents_managed_by(user=request.user).order_by("sort_name"))
    if not artists:
        raise PermissionDenied("Seasons are planned by an artist's management.")
    return artists


@require_http_methods(["GET", "HEAD", "POST"])
def plans_view(request: HttpRequest) -> HttpResponse:
    """The form that starts a plan, and the latest plans of the user's artists."""
    if (login := signed_in(request)) is not None:
        return login
    artists = _artists(request)
    form = SeasonForm(request.POST or None, artists=artists, initial=_next_summer())
    error = ""
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            artist = next(a for a in artists if a.pk == data["artist"])
            try:
                run = run_start(
                    artist=artist, start=data["start"], end=data["end"], by=request.user
                )
            except SeasonError as refused:
                error = str(refused)
            else:
                return redirect("season-plan", pk=run.pk)
        else:
            error = first_error(form)[1]
    context = {"form": form, "error": error, "runs": runs_of(artists=artists)}
    status = 400 if error else 200
    return private(render(request, "web/bookings/plans.html", context, status=status))


def _run_for(request: HttpRequest, pk: int) -> PlanRun:
    """The plan, if the user manages its artist; else 404, as for an engagement one may not
    see, so that plan numbers cannot be probed."""
    managed = agents_managed_by(user=request.user).values("pk")
    run = (
        PlanRun.objects.select_related("artist", "created_by", "applied_by")
        .filter(pk=pk, artist__in=managed)
        .first()
    )
    if run is None:
        raise Http404("No such season plan.")
    return run


def _route(stops: list[Any]) -> tuple[Any, str]:
    drawn = world_map((s.name, s.lat, s.lon, 1) for s in stops)
    line = " ".join("{},{}".format(*project(s.lat, s.lon)) for s in stops)
    return drawn, line


def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan: its progress while it runs, then the proposal."""
    if (login := signed_in(request)) is not None:
        return login
    run = _run_for(request, pk)
    if wants_partial(request) and request.GET.get("part") == "progress":
        if not run.is_open:  # finished: the whole page shows the proposal
            return HttpResponseClientRefresh()
        context = {"run": run, "stalled": run_stalled(run)}
        return private(render(request, "web/bookings/_plan_progress.html", context))
    proposal = proposal_of(run)
    drawn, line = _route(proposal.stops)
    context = {
        "run": run,
        "proposal": proposal,
        "stalled": run_stalled(run),
        "map": drawn,
        "route_line": line,
        "map_title": f"World map of the route from {run.instance['home']['name']} through "
        f"{len(proposal.accepted)} cities and back; the list beside it names them",
        "can_apply": run.status == PlanRun.Status.DONE
        and run.applied_at is None
        and (run.plan or {}).get("status") in ("optimal", "feasible"),
    }
    return private(render(request, "web/bookings/plan.html", context))


@require_POST
def plan_again_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The same season again, with the offers pinned and excluded as the form says."""
    if (login := signed_in(request)) is not None:
        return login
    run = _run_for(request, pk)
    known = {o["engagement"] for o in run.offers.values()} | set(run.excluded)

    def ids(name: str) -> set[int]:
        given = {int(v) for v in request.POST.getlist(name) if v.isdigit() and len(v) < 19}
        return given & known

    pinned, excluded = ids("pin"), ids("exclude")
    assert run.artist is not None  # the pages show artists' plans only (`_run_for`)
    try:
        again = run_start(
            artist=run.artist,
            start=run.season_start,
            end=run.season_end,
            by=request.user,
            pinned=pinned - excluded,
            excluded=excluded,
        )
    except SeasonError as refused:
        messages.error(request, str(refused))
        return redirect("season-plan", pk=run.pk)
    return redirect("season-plan", pk=again.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def plan_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What applying the plan does, engagement by engagement; applied when confirmed."""
    if (login := signed_in(request)) is not None:
        return login
    run = _run_for(request, pk)
    error, status, steps = "", 200, []
    try:
        if request.method == "POST":
            done = plan_apply(run=run, by=request.user)
            messages.success(
                request, f"Applied the plan: {len(done)} engagements moved, each logged."
            )
            return redirect("season-plan", pk=run.pk)
        steps = apply_steps(run)
    except Invalid as refused:
        error, status = refused.message, 409
    context = {"run": run, "steps": steps, "error": error}
    return private(render(request, "web/bookings/plan_apply.html", context, status=status))
