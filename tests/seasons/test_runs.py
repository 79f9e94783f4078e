"""Season plans as runs: queued, solved in the background with progress, and the real
database queue with its worker (seasons/runs.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cadenza.engagements.models import State
from cadenza.seasons.from_record import SeasonError
from cadenza.seasons.models import PlanRun
from cadenza.seasons.runs import run_solve, run_stalled, run_start
from tests.factories import AgentFactory, UserFactory

pytestmark = pytest.mark.django_db

JUNE, AUGUST = date(2027, 6, 1), date(2027, 8, 31)


def test_a_run_keeps_what_was_asked_and_the_instance_read(artist, book):
    hold = book("Salzburg", State.HOLD, [date(2027, 7, 20)])
    left_out = book("Berlin", State.HOLD, [date(2027, 7, 1)])
    user = UserFactory()
    run = run_start(artist=artist, start=JUNE, end=AUGUST, by=user, excluded=[left_out.pk])
    assert (run.status, run.created_by, run.excluded, run.currency) == (
        "queued",
        user,
        [left_out.pk],
        "EUR",
    )
    assert run.offers == {
        str(hold.pk): {
            "engagement": hold.pk,
            "version": hold.version,
            "title": hold.title,
            "state": State.HOLD,
        }
    }
    assert [o["id"] for o in run.instance["offers"]] == [str(hold.pk)]
    assert run.notes == [
        {
            "engagement_id": left_out.pk,
            "title": left_out.title,
            "text": "excluded from this plan",
            "left_out": True,
        }
    ]


def test_a_season_that_cannot_be_planned_makes_no_run():
    with pytest.raises(SeasonError):
        run_start(artist=AgentFactory(), start=JUNE, end=AUGUST)
    assert not PlanRun.objects.exists()


def test_solving_writes_the_progress_and_the_plan(artist, book):
    book("Salzburg", State.HOLD, [date(2027, 7, 20)], fee=18000)
    book("Berlin", State.OFFERED, [date(2027, 7, 1)], fee=20000)
    run = run_start(artist=artist, start=JUNE, end=AUGUST)
    assert run_solve(run.pk) == PlanRun.Status.DONE
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE and run.started and run.finished
    assert run.plan["status"] == "optimal"
    assert len(run.plan["schedule"]) == 2
    assert run.progress["solutions"] >= 1
    assert run.progress["objective"] == pytest.approx(run.plan["objective"], abs=0.01)
    assert run.progress["seconds"] >= 0


def test_a_task_delivered_twice_solves_once(artist, book):
    book("Salzburg", State.HOLD, [date(2027, 7, 20)])
    run = run_start(artist=artist, start=JUNE, end=AUGUST)
    run_solve(run.pk)
    finished = PlanRun.objects.get(pk=run.pk).finished
    assert run_solve(run.pk) == "already taken"
    assert PlanRun.objects.get(pk=run.pk).finished == finished


def test_a_run_that_fails_says_why_on_the_run(artist, book):
    book("Salzburg", State.HOLD, [date(2027, 7, 20)])
    run = run_start(artist=artist, start=JUNE, end=AUGUST)
    run.instance["offers"][0]["tz"] = "Europe/Atlantis"  # what no reader of the record makes
    run.save()
    assert run_solve(run.pk) == PlanRun.Status.FAILED
    run.refresh_from_db()
    assert run.error.startswith("The planner failed: offers[0].tz: ")
    assert "Europe/Atlantis" in run.error
    assert run.plan is None


def test_a_run_long_past_its_time_limit_is_stalled(artist):
    run = run_start(artist=artist, start=JUNE, end=AUGUST, time_limit=10)
    assert not run_stalled(run)
    PlanRun.objects.filter(pk=run.pk).update(created=timezone.now() - timedelta(minutes=3))
    run.refresh_from_db()
    assert run_stalled(run)
    run_solve(run.pk)
    run.refresh_from_db()
    assert not run_stalled(run)  # finished runs are never stalled


@pytest.mark.django_db(transaction=True)  # the worker commits, and closes its connection
def test_the_database_queue_and_its_worker_solve_a_run(artist, book, settings):
    """The production path: the run is queued in the database when the request commits,
    and `cadenza worker` (django-tasks-db's db_worker) takes it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    book("Salzburg", State.HOLD, [date(2027, 7, 20)], fee=18000)
    run = run_start(artist=artist, start=JUNE, end=AUGUST)
    run.refresh_from_db()
    assert run.status == PlanRun.Status.QUEUED  # queued, not solved in the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE
    assert run.plan["status"] == "optimal" and len(run.plan["schedule"]) == 1
