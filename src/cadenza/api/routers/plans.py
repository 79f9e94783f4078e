"""The season planner: submit an artist's season (read from the record, as the page's form)
or an instance in the planning README's format, as a background task (`seasons.runs`);
follow it (status, progress: the best objective and bound so far); read the plan; see what
applying it would do and apply it (`seasons.apply`: all or nothing, a plan made before any
of its engagements changed, else 409).

An artist's plans are their management's (and staff's); an instance's plan is its sender's.
Anyone else is told it does not exist (404), as on the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from cadenza.accounts.selectors import agents_managed_by, user_sees_everything
from cadenza.api.auth import actor, managed_artist
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.pagination import page_of, paginate
from cadenza.api.problems import ApiProblem, bad_parameter
from cadenza.api.refs import CURSOR, LIMIT, Ref, ref
from cadenza.api.routers.booking_types import CHANGE, ID_MAX, KEYED, Day
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Engagement
from cadenza.seasons.apply import apply_steps, plan_apply
from cadenza.seasons.models import PlanRun
from cadenza.seasons.runs import TIME_LIMIT, run_stalled, run_start, run_start_instance

router = Router(tags=["planner"])
ORDERINGS = {"created": ["created"]}


def _runs(request: HttpRequest) -> QuerySet[PlanRun]:
    user = actor(request)
    runs = PlanRun.objects.select_related("artist")
    if user_sees_everything(user=user):
        return runs
    managed = agents_managed_by(user=user).values("pk")
    return runs.filter(Q(artist__in=managed) | Q(artist__isnull=True, created_by=user.pk))


def _run_for(request: HttpRequest, pk: int) -> PlanRun:
    run = _runs(request).filter(pk=pk).first()
    if run is None:
        raise Http404(f"No season plan {pk}.")
    return run


class Progress(Schema):
    seconds: float | None = None
    objective: float | None = Field(None, description="the best plan's so far")
    bound: float | None = Field(None, description="no plan can earn more than this")
    solutions: int | None = None


class PlanItem(Schema):
    id: int
    artist: Ref | None = Field(description="None: an instance sent as it is")
    start: date
    end: date
    status: str = Field(description="queued, running, done, failed")
    progress: Progress
    created: datetime
    applied_at: datetime | None
    url: str = Field(description="this plan in the API")


class OfferOut(Schema):
    engagement: int
    version: int
    title: str
    state: str | None = None


class PlanDetail(PlanItem):
    pinned: list[int]
    excluded: list[int]
    time_limit: float
    stalled: bool = Field(description="open long past its time limit: is a worker running?")
    error: str
    notes: list[dict[str, Any]] = Field(description="what the record could not give the planner")
    currency: str
    offers: dict[str, OfferOut] = Field(description="each offer id's engagement")
    plan: dict[str, Any] | None = Field(
        description="the planning README's output: status, objective, bound, schedule, …"
    )
    instance: dict[str, Any] = Field(description="the planning README's input")


def _item(request: HttpRequest, run: PlanRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "artist": ref(run.artist),
        "start": run.season_start,
        "end": run.season_end,
        "status": run.status,
        "progress": run.progress or {},
        "created": run.created,
        "applied_at": run.applied_at,
        "url": request.build_absolute_uri(f"/api/v1/plans/{run.pk}"),
    }


def _detail(request: HttpRequest, run: PlanRun) -> dict[str, Any]:
    return {
        **_item(request, run),
        "pinned": run.pinned,
        "excluded": run.excluded,
        "time_limit": run.time_limit,
        "stalled": run_stalled(run),
        "error": run.error,
        "notes": run.notes,
        "currency": run.currency,
        "offers": run.offers,
        "plan": run.plan,
        "instance": run.instance,
    }


@router.get("", response=page_of(PlanItem), summary="Season plans", operation_id="plans")
def plans(request: HttpRequest, limit: int = LIMIT, cursor: str | None = CURSOR) -> Any:
    """Your artists' plans and your instances', newest first."""
    rows = _runs(request).defer("instance", "plan")
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering="-created", limit=limit, cursor=cursor
    )
    return {"items": [_item(request, r) for r in page.items], "next": page.next}


class SeasonIn(Schema):
    artist: int = Field(..., ge=1, le=ID_MAX, description="an artist you manage")
    start: Day = Field(..., alias="from")
    end: Day = Field(..., alias="to")
    pins: list[int] = Field([], max_length=500, description="engagements to accept")
    excludes: list[int] = Field([], max_length=500, description="engagements to leave out")
    time_limit: float = Field(TIME_LIMIT, ge=1, le=TIME_LIMIT, description="seconds")


@router.post(
    "",
    response={202: PlanDetail},
    summary="Plan an artist's season",
    operation_id="plan_season",
    openapi_extra=KEYED,
)
def plan_season(
    request: HttpRequest, payload: SeasonIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """Read the season from the record at once (a season that cannot be planned is a 400
    saying why) and queue its solve; follow it at `url`."""
    user = actor(request)
    artist = managed_artist(request, payload.artist, work="plan a season")
    for name, ids in (("pins", payload.pins), ("excludes", payload.excludes)):
        theirs = set(
            Engagement.objects.filter(artist=artist, pk__in=ids).values_list("pk", flat=True)
        )
        if unknown := sorted(set(ids) - theirs):
            raise bad_parameter(name, f"not engagements of {artist}: {unknown[:10]}.")

    def run() -> tuple[int, Any]:
        made = run_start(
            artist=artist,
            start=payload.start,
            end=payload.end,
            by=user,
            pinned=set(payload.pins) - set(payload.excludes),
            excluded=payload.excludes,
            time_limit=payload.time_limit,
        )
        return 202, _detail(request, made)

    return once(request, idempotency_key, PlanDetail, run)


class InstanceIn(Schema):
    instance: dict[str, Any] = Field(description="the planning README's input format")
    time_limit: float = Field(TIME_LIMIT, ge=1, le=TIME_LIMIT, description="seconds")


@router.post(
    "/instances",
    response={202: PlanDetail},
    summary="Plan an instance",
    operation_id="plan_instance",
    openapi_extra=KEYED,
)
def plan_instance(
    request: HttpRequest, payload: InstanceIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """Solve an instance of the planning README's format (no engagement is read or changed);
    one that breaks the format is a 400 naming the field's JSON path. For an artist's
    management and staff: the solver is the server's to spend."""
    user = actor(request)
    if not (user_sees_everything(user=user) or agents_managed_by(user=user).exists()):
        raise ApiProblem(403, "The planner is for an artist's management.", kind="forbidden")

    def run() -> tuple[int, Any]:
        made = run_start_instance(instance=payload.instance, by=user, time_limit=payload.time_limit)
        return 202, _detail(request, made)

    return once(request, idempotency_key, PlanDetail, run)


@router.get("/{int:pk}", response=PlanDetail, summary="One plan", operation_id="plan")
def plan(request: HttpRequest, pk: int) -> Any:
    """While it runs: its status and progress; once done: the plan (`plan.status` optimal,
    feasible or infeasible, the schedule and each declined offer's reason)."""
    return _detail(request, _run_for(request, pk))


class StepOut(Schema):
    engagement: Ref
    chosen: date | None = Field(description="the performance day, when accepted")
    to_state: str | None = Field(description="None: its state stays")
    releases: list[date] = Field(description="the days whose holds are let go")
    why: str
    summary: str


def _refused(refusal: Invalid) -> ApiProblem:
    # As the page: a plan that cannot be applied (stale, applied, unfinished) is a conflict.
    return ApiProblem(409, refusal.message, kind="plan-not-applicable")


def _steps(steps: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "engagement": ref(s.engagement),
            "chosen": s.chosen,
            "to_state": s.to_state,
            "releases": list(s.releases),
            "why": s.why,
            "summary": s.summary,
        }
        for s in steps
    ]


@router.get(
    "/{int:pk}/steps",
    response=list[StepOut],
    summary="What applying does",
    operation_id="plan_steps",
    openapi_extra=CHANGE,
)
def plan_steps(request: HttpRequest, pk: int) -> Any:
    """Engagement by engagement, what applying the plan would do; 409 when it cannot be
    applied (not finished, applied already, or an engagement changed since)."""
    run = _run_for(request, pk)
    try:
        return _steps(apply_steps(run))
    except Invalid as refusal:
        raise _refused(refusal) from refusal


class Applied(Schema):
    steps: list[StepOut]


@router.post(
    "/{int:pk}/apply",
    response=Applied,
    summary="Apply the plan",
    operation_id="plan_apply",
    openapi_extra=KEYED,
)
def plan_apply_now(
    request: HttpRequest, pk: int, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """All of it or nothing, through the engagement services, each change logged as yours
    (and your token's) with the plan's reason. A stale plan is a 409: plan again."""
    found = _run_for(request, pk)

    def run() -> tuple[int, Any]:
        try:
            return 200, {"steps": _steps(plan_apply(run=found, by=actor(request)))}
        except Invalid as refusal:
            raise _refused(refusal) from refusal

    return once(request, idempotency_key, Applied, run)
