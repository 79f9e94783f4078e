"""Applying a season plan to the record: each chosen inquiry, hold or offer goes one step
forward on its chosen day, each declined one toward release, through the engagement
services (so every step is checked and logged as the manager's), all or nothing.

One step forward: an inquiry becomes a hold on the day; a hold keeps only that day and is
offered when it has a deal; an offer is contracted. The other days' holds are let go, and
the performance is put on the chosen day. Declined: an inquiry or an offer is declined, a
hold released, each with the planner's reason. Contracted and confirmed engagements are
not touched, nor those the plan left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cadenza.engagements.errors import Invalid
from cadenza.engagements.holds import hold_place, hold_release
from cadenza.engagements.models import Engagement, Hold, Performance, State
from cadenza.engagements.services import engagement_move, performance_add, performance_remove
from cadenza.places.selectors import place_timezone
from cadenza.seasons.from_record import OPTIONS
from cadenza.seasons.models import PlanRun

FORWARD: dict[str, str] = {
    State.INQUIRY: State.HOLD,
    State.HOLD: State.OFFERED,
    State.OFFERED: State.CONTRACTED,
}
DECLINE: dict[str, str] = {
    State.INQUIRY: State.DECLINED,
    State.HOLD: State.RELEASED,
    State.OFFERED: State.DECLINED,
}


@dataclass(frozen=True)
class Step:
    """What applying the plan does to one engagement."""

    engagement: Engagement
    chosen: date | None  # the performance day, when the plan accepts it
    to_state: str | None  # None: its state stays
    releases: tuple[date, ...]  # the days whose holds are let go
    why: str

    @property
    def summary(self) -> str:
        parts = []
        if self.chosen is not None:
            parts.append(f"on {self.chosen:%-d %B %Y}")
        if self.to_state is not None:
            parts.append(f"becomes {State(self.to_state).label.lower()}")
        if self.releases:
            days = ", ".join(f"{d:%-d %b}" for d in self.releases)
            parts.append(f"holds let go: {days}")
        return "; ".join(parts) or "stays as it is"


def _usable(run: PlanRun) -> dict[str, Any]:
    """The run's plan, if it may be applied."""
    if run.artist_id is None:
        raise Invalid("This plan is of an instance sent as it is: it has no engagement.")
    if run.applied_at is not None:
        when = timezone.localtime(run.applied_at)
        raise Invalid(f"This plan was applied on {when:%Y-%m-%d %H:%M}.", field="plan")
    if run.status != PlanRun.Status.DONE or not run.plan:
        raise Invalid("This plan is not finished.", field="plan")
    if run.plan["status"] not in ("optimal", "feasible"):
        raise Invalid("The planner found no plan to apply.", field="plan")
    return run.plan


def apply_steps(run: PlanRun) -> list[Step]:
    """What applying the run would do, engagement by engagement, in date order."""
    plan = _usable(run)
    chosen = {c["id"]: date.fromisoformat(c["date"]) for c in plan["schedule"]}
    reasons = {d["id"]: d["reason"] for d in plan["declined"]}
    found = (
        Engagement.objects.filter(pk__in=[o["engagement"] for o in run.offers.values()])
        .select_related("deal")
        .prefetch_related("holds")
    )
    by_pk = {e.pk: e for e in found}
    steps = []
    for offer_id, offer in run.offers.items():
        engagement = by_pk.get(offer["engagement"])
        if engagement is None:
            raise Invalid(f"“{offer['title']}” is no longer in the record: plan again.")
        if engagement.version != offer["version"]:
            raise Invalid(
                f"“{engagement.title}” has changed since this plan was made: plan again.",
                field="plan",
            )
        if offer["state"] not in OPTIONS:
            continue
        held = sorted(
            h.date for h in engagement.holds.all() if h.status == Hold.Status.ACTIVE and h.date
        )
        day = chosen.get(offer_id)
        if day is None:
            ending = DECLINE[engagement.state]
            steps.append(Step(engagement, None, ending, tuple(held), reasons.get(offer_id, "")))
            continue
        to_state: str | None = FORWARD[engagement.state]
        why = f"chosen for {day:%-d %B}"
        if to_state == State.OFFERED and not hasattr(engagement, "deal"):
            to_state, why = None, why + "; stays a hold until its fee is set"
        releases = tuple(d for d in held if d != day)
        steps.append(Step(engagement, day, to_state, releases, why))
    return sorted(steps, key=lambda s: (s.chosen is None, s.chosen or date.min, s.engagement.pk))


def _moved(moment: datetime | None, performance: Performance, day: date, zone: str) -> Any:
    """A time of the performance moved to `day`: the same hour on the venue's clocks."""
    if moment is None:
        return None
    local = moment.astimezone(ZoneInfo(zone)) if zone else moment
    return datetime.combine(day + (local.date() - performance.date), local.timetz())


def _perform_on(engagement: Engagement, day: date, by: Any) -> None:
    """Put the engagement's one performance on the chosen day (a series stays)."""
    performances = list(engagement.performances.all())
    if len(performances) > 1 or any(p.date == day for p in performances):
        return
    if not performances:
        performance_add(engagement=engagement, day=day, by=by)
        return
    (old,) = performances
    zone = place_timezone(engagement.venue)
    performance_remove(performance=old, by=by)
    performance_add(
        engagement=engagement,
        day=day,
        starts_at=_moved(old.starts_at, old, day, zone),
        ends_at=_moved(old.ends_at, old, day, zone),
        time_note=old.time_note,
        by=by,
    )


def _apply_step(step: Step, run: PlanRun, by: Any) -> None:
    engagement = step.engagement
    reason = f"Season plan #{run.pk}: {step.why}"
    if step.chosen is None:
        if step.to_state is not None:
            engagement_move(engagement=engagement, to_state=step.to_state, by=by, reason=reason)
        return
    held = {h.date for h in engagement.holds.filter(status=Hold.Status.ACTIVE)}
    if step.chosen not in held and engagement.state in (State.INQUIRY, State.HOLD):
        hold_place(engagement=engagement, dates=[step.chosen], by=by)
    for hold in engagement.holds.filter(status=Hold.Status.ACTIVE, date__in=step.releases):
        hold_release(hold=hold, by=by, reason=reason)
    _perform_on(engagement, step.chosen, by)
    engagement.refresh_from_db()
    if step.to_state is not None and engagement.state != step.to_state:
        engagement_move(engagement=engagement, to_state=step.to_state, by=by, reason=reason)


@transaction.atomic
def plan_apply(*, run: PlanRun, by: Any) -> list[Step]:
    """Apply the plan, all of it or (on any refusal) nothing; the refusal says why."""
    run = PlanRun.objects.select_for_update().get(pk=run.pk)
    ids = [o["engagement"] for o in run.offers.values()]
    list(Engagement.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
    steps = apply_steps(run)
    for step in steps:
        _apply_step(step, run, by)
    run.applied_at, run.applied_by = timezone.now(), by
    run.save(update_fields=["applied_at", "applied_by"])
    return steps
