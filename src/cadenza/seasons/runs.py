"""Season plans as runs: started from a page or a command (the instance is read from the
record at once, so a season that cannot be planned is said at once), solved by a background
task that writes its progress as it goes, read back by the page.

The solve runs in a thread of the task so that the task's own thread can write the
progress: CP-SAT reports new solutions from its worker threads, which must not open
database connections of their own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from cadenza.engagements.planning.instance import load_instance
from cadenza.engagements.planning.solver import Plan, solve
from cadenza.people.models import Agent
from cadenza.seasons.from_record import season_read
from cadenza.seasons.models import PlanRun

TIME_LIMIT = 30.0  # seconds: the 200-offer season is within 1 % of its bound by then
PROGRESS_EVERY = 0.5  # seconds between two writes of the progress
STALLED_AFTER = timedelta(minutes=2)  # past its time limit: the worker must have stopped


def run_start(
    *,
    artist: Agent,
    start: date,
    end: date,
    by: Any = None,
    pinned: Iterable[int] = (),
    excluded: Iterable[int] = (),
    time_limit: float = TIME_LIMIT,
) -> PlanRun:
    """Read the season from the record and queue its solve; raises `SeasonError` when the
    season cannot be planned as asked."""
    pinned, excluded = sorted(set(pinned)), sorted(set(excluded))
    season = season_read(artist=artist, start=start, end=end, pinned=pinned, excluded=excluded)
    with transaction.atomic():
        run = PlanRun.objects.create(
            artist=artist,
            season_start=start,
            season_end=end,
            pinned=pinned,
            excluded=excluded,
            time_limit=time_limit,
            instance=season.data,
            offers=season.offers,
            notes=[asdict(note) for note in season.notes],
            currency=season.currency,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        # Queued once the run is committed, so the worker finds it.
        transaction.on_commit(lambda: plan_run_solve.enqueue(run.pk))
    return run


def run_start_instance(
    *, instance: dict[str, Any], by: Any = None, time_limit: float = TIME_LIMIT
) -> PlanRun:
    """Queue the solve of an instance sent as it is (the planning README's format): no
    artist, no engagement, so its plan is read but never applied. Raises `InstanceError`
    naming the field's JSON path when the instance breaks the format."""
    inst = load_instance(instance)
    with transaction.atomic():
        run = PlanRun.objects.create(
            artist=None,
            season_start=inst.season_start,
            season_end=inst.season_end,
            time_limit=time_limit,
            instance=instance,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        transaction.on_commit(lambda: plan_run_solve.enqueue(run.pk))
    return run


@task()
def plan_run_solve(run_id: int) -> str:
    """The background task: solve the run, keeping its progress and its plan."""
    return run_solve(run_id)


class _Progress:
    """The best plan and bound so far, as CP-SAT's threads report them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.objective: float | None = None
        self.bound: float | None = None
        self.solutions = 0

    def update(self, objective: float, bound: float) -> None:
        with self.lock:
            self.objective, self.bound = objective, bound
            self.solutions += 1

    def read(self, started: float) -> dict[str, Any]:
        with self.lock:
            return {
                "seconds": round(time.monotonic() - started, 1),
                "objective": self.objective,
                "bound": self.bound,
                "solutions": self.solutions,
            }


def run_solve(run_id: int) -> str:
    """Solve a queued run; a run already taken (a task delivered twice) is left alone."""
    taken = PlanRun.objects.filter(pk=run_id, status=PlanRun.Status.QUEUED).update(
        status=PlanRun.Status.RUNNING, started=timezone.now()
    )
    if not taken:
        return "already taken"
    run = PlanRun.objects.get(pk=run_id)
    progress = _Progress()
    outcome: list[Plan | BaseException] = []

    def work() -> None:
        try:
            inst = load_instance(run.instance)
            outcome.append(solve(inst, time_limit=run.time_limit, on_progress=progress.update))
        except BaseException as error:  # told on the page, not lost in a thread
            outcome.append(error)

    started = time.monotonic()
    solver = threading.Thread(target=work, name=f"plan-run-{run_id}", daemon=True)
    solver.start()
    while solver.is_alive():
        solver.join(PROGRESS_EVERY)
        PlanRun.objects.filter(pk=run_id).update(progress=progress.read(started))
    result = outcome[0] if outcome else RuntimeError("the planner stopped without a plan")
    done: dict[str, Any] = {"finished": timezone.now(), "progress": progress.read(started)}
    if isinstance(result, Plan):
        done |= {"status": PlanRun.Status.DONE, "plan": result.to_json()}
    else:
        done |= {"status": PlanRun.Status.FAILED, "error": f"The planner failed: {result}"}
    PlanRun.objects.filter(pk=run_id).update(**done)
    return str(done["status"])


def run_stalled(run: PlanRun) -> bool:
    """An open run that should long have finished: its worker stopped or never ran."""
    since = run.started or run.created
    return run.is_open and timezone.now() - since > timedelta(seconds=run.time_limit) + (
        STALLED_AFTER
    )


def runs_of(*, artists: Iterable[Agent], limit: int = 20) -> list[PlanRun]:
    """The latest runs for these artists, newest first."""
    return list(
        PlanRun.objects.filter(artist__in=list(artists))
        .select_related("artist", "created_by")
        .defer("instance", "plan")[:limit]
    )
