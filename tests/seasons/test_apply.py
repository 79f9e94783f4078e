"""Applying a season plan through the engagement services: one step forward for the chosen,
toward release for the declined, logged, all or nothing (seasons/apply.py)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cadenza.engagements.availability import unavailability_add
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Change, Engagement, Hold, State
from cadenza.engagements.services import engagement_update
from cadenza.seasons.apply import apply_steps, plan_apply
from cadenza.seasons.models import PlanRun
from cadenza.seasons.runs import run_solve, run_start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JUNE, AUGUST = date(2027, 6, 1), date(2027, 8, 31)


@pytest.fixture
def season(artist, book):
    """Five offers and a contract; the plan takes three of the offers."""
    vienna = ZoneInfo("Europe/Vienna")
    unavailability_add(  # the second Salzburg day is taken
        artist=artist,
        starts_at=datetime(2027, 7, 22, tzinfo=vienna),
        ends_at=datetime(2027, 7, 23, tzinfo=vienna),
        all_day=True,
    )
    return {
        "salzburg": book("Salzburg", State.HOLD, [date(2027, 7, 20), date(2027, 7, 22)], fee=18000),
        "berlin": book("Berlin", State.OFFERED, [date(2027, 7, 1)], fee=20000),
        "vienna": book("Vienna", State.INQUIRY, [date(2027, 6, 10)], fee=5000),
        "tokyo": book("Tokyo", State.HOLD, [date(2027, 7, 21)], fee=1000),
        "small": book("Berlin", State.OFFERED, [date(2027, 7, 20)], fee=500, title="Small"),
        "contract": book("Vienna", State.CONTRACTED, [date(2027, 8, 10)], fee=9000),
    }


def _planned(artist, user) -> PlanRun:
    run = run_start(artist=artist, start=JUNE, end=AUGUST, by=user)
    run_solve(run.pk)
    run.refresh_from_db()
    assert run.plan["status"] == "optimal"
    return run


def _states(season) -> dict[str, str]:
    return {k: Engagement.objects.get(pk=e.pk).state for k, e in season.items()}


def test_the_steps_say_what_applying_will_do(artist, season):
    run = _planned(artist, UserFactory())
    steps = {s.engagement.pk: s for s in apply_steps(run)}
    salzburg = steps[season["salzburg"].pk]
    assert (salzburg.chosen, salzburg.to_state, salzburg.releases) == (
        date(2027, 7, 20),
        State.OFFERED,
        (date(2027, 7, 22),),
    )
    assert salzburg.summary == "on 20 July 2027; becomes offered; holds let go: 22 Jul"
    assert steps[season["berlin"].pk].to_state == State.CONTRACTED
    assert steps[season["vienna"].pk].to_state == State.HOLD
    assert steps[season["tokyo"].pk].to_state == State.RELEASED
    assert steps[season["small"].pk].to_state == State.DECLINED
    assert season["contract"].pk not in steps  # contracted: nothing to do
    assert [s.chosen for s in apply_steps(run)][:3] == [
        date(2027, 6, 10),
        date(2027, 7, 1),
        date(2027, 7, 20),
    ]


def test_applying_moves_each_engagement_through_the_services_and_logs_it(artist, season):
    manager = UserFactory()
    run = _planned(artist, manager)
    plan_apply(run=run, by=manager)
    assert _states(season) == {
        "salzburg": State.OFFERED,
        "berlin": State.CONTRACTED,
        "vienna": State.HOLD,
        "tokyo": State.RELEASED,
        "small": State.DECLINED,
        "contract": State.CONTRACTED,
    }
    salzburg = season["salzburg"]
    assert list(
        Hold.objects.filter(engagement=salzburg).values_list("date", "status").order_by("date")
    ) == [(date(2027, 7, 20), Hold.Status.ACTIVE), (date(2027, 7, 22), Hold.Status.RELEASED)]
    assert [p.date for p in salzburg.performances.all()] == [date(2027, 7, 20)]
    assert [p.date for p in season["berlin"].performances.all()] == [date(2027, 7, 1)]
    assert Hold.objects.get(engagement=season["vienna"]).date == date(2027, 6, 10)
    declined = Change.objects.filter(
        engagement=season["small"], kind=Change.Kind.STATE, to_value=State.DECLINED
    ).get()
    assert declined.by == manager
    assert declined.reason.startswith(f"Season plan #{run.pk}: ")
    reason = next(d["reason"] for d in run.plan["declined"] if d["id"] == str(season["small"].pk))
    assert declined.reason.endswith(reason)
    run.refresh_from_db()
    assert run.applied_by == manager and run.applied_at is not None


def test_a_plan_is_applied_once(artist, season):
    manager = UserFactory()
    run = _planned(artist, manager)
    plan_apply(run=run, by=manager)
    with pytest.raises(Invalid, match="This plan was applied on"):
        plan_apply(run=run, by=manager)


def test_a_plan_made_before_a_change_is_refused_and_changes_nothing(artist, season):
    manager = UserFactory()
    run = _planned(artist, manager)
    engagement_update(engagement=season["small"], notes="The presenter called back.")
    before = _states(season)
    holds = list(Hold.objects.order_by("pk").values_list("pk", "status"))
    with pytest.raises(Invalid, match="“Small” has changed since this plan was made"):
        plan_apply(run=run, by=manager)
    assert _states(season) == before
    assert list(Hold.objects.order_by("pk").values_list("pk", "status")) == holds
    run.refresh_from_db()
    assert run.applied_at is None


def test_an_unfinished_or_impossible_plan_cannot_be_applied(artist, book):
    book("Berlin", State.CONTRACTED, [date(2027, 7, 1)])
    book("Tokyo", State.CONTRACTED, [date(2027, 7, 2)])  # no one gets there in a day
    run = run_start(artist=artist, start=JUNE, end=AUGUST)
    with pytest.raises(Invalid, match="not finished"):
        apply_steps(run)
    run_solve(run.pk)
    run.refresh_from_db()
    assert run.plan["status"] == "infeasible"
    with pytest.raises(Invalid, match="found no plan"):
        apply_steps(run)


def test_a_step_refused_halfway_undoes_the_steps_before_it(artist, season):
    """Staff deleted an offer's deal in the admin (which moves no version): contracting it is
    refused after the steps before it were made, and every one of them is undone."""
    manager = UserFactory()
    run = _planned(artist, manager)
    season["berlin"].deal.delete()  # Berlin (1 July) comes after Vienna (10 June)
    before = _states(season)
    holds = list(Hold.objects.order_by("pk").values_list("pk", "date", "status"))
    changes = Change.objects.count()
    with pytest.raises(Invalid, match="set the deal first"):
        plan_apply(run=run, by=manager)
    assert _states(season) == before
    assert before["vienna"] == State.INQUIRY  # its step (a hold on 10 June) was undone
    assert list(Hold.objects.order_by("pk").values_list("pk", "date", "status")) == holds
    assert Change.objects.count() == changes
    run.refresh_from_db()
    assert run.applied_at is None
