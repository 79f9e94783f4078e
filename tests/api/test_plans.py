"""The season planner through the API: an artist's season or an instance as a task, its
progress and plan, what applying does, applying it once (with the token in each change),
a stale plan refused with 409; who may plan and see whose plans."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cadenza.accounts.models import ArtistAccess
from cadenza.accounts.services import token_create
from cadenza.engagements.models import Change, Engagement, State
from cadenza.engagements.services import engagement_update
from cadenza.people.models import Agent
from cadenza.seasons.models import PlanRun
from tests.api.bookings import Caller
from tests.api.conftest import problem
from tests.factories import ArtistAccessFactory
from tests.seasons.conftest import artist, book, halls  # noqa: F401

pytestmark = pytest.mark.django_db

INSTANCE = {
    "season": {"start": "2027-06-01", "end": "2027-06-30"},
    "home": {"name": "Vienna", "lat": 48.2082, "lon": 16.3738, "tz": "Europe/Vienna"},
    "travel": {
        "overhead_hours": 4,
        "speed_kmh": 750,
        "hours_per_day": 10,
        "local_km": 50,
        "cost_per_km": 0.25,
        "jetlag_hours_per_rest_day": 6,
    },
    "limits": {"max_performances_per_7_days": 3},
    "unavailable": [],
    "offers": [
        {
            "id": "salzburg",
            "venue": "Felsenreitschule",
            "city": "Salzburg",
            "lat": 47.8,
            "lon": 13.04,
            "tz": "Europe/Vienna",
            "dates": ["2027-06-10", "2027-06-12"],
            "fee": 12000,
            "rehearsal_days": 1,
        }
    ],
}


@pytest.fixture
def season(artist: Agent, book: Any, world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """Anna Planner's summer: two holds on one day (one must go), managed by a user with a
    token; the world's manager manages someone else."""
    near = book("Salzburg", State.HOLD, [date(2031, 7, 10)], title="Salzburg")
    far = book("Tokyo", State.HOLD, [date(2031, 7, 10)], fee=1000, title="Tokyo")
    user = ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.MANAGER).user
    return {
        "manager": Caller(token_create(user=user, name="planner")[1]),
        "near": near,
        "far": far,
        "body": {"artist": artist.pk, "from": "2031-07-01", "to": "2031-07-31"},
    }


def test_a_season_is_planned_followed_and_applied_once(
    season: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    manager = season["manager"]
    with django_capture_on_commit_callbacks(execute=True):
        started = manager.post("/api/v1/plans", season["body"], **{"Idempotency-Key": "p1"})
    assert started.status_code == 202, started.content
    run = started.json()
    assert run["status"] == "queued" and run["artist"]["name"] == "Anna Planner"
    assert set(run["offers"]) and run["instance"]["season"]["start"] == "2031-07-01"
    again = manager.post("/api/v1/plans", season["body"], **{"Idempotency-Key": "p1"})
    assert again.content == started.content and PlanRun.objects.count() == 1
    done = manager.get(f"/api/v1/plans/{run['id']}").json()
    assert done["status"] == "done" and done["plan"]["status"] == "optimal"
    assert done["progress"]["objective"] == pytest.approx(done["plan"]["objective"], abs=0.01)
    chosen = [s["id"] for s in done["plan"]["schedule"]]
    assert [done["offers"][i]["title"] for i in chosen] == ["Salzburg"]
    steps = manager.get(f"/api/v1/plans/{run['id']}/steps").json()
    assert {s["engagement"]["name"]: s["to_state"] for s in steps} == {
        "Salzburg": "offered",
        "Tokyo": "released",
    }
    applied = manager.post(f"/api/v1/plans/{run['id']}/apply")
    assert applied.status_code == 200 and len(applied.json()["steps"]) == 2
    assert Engagement.objects.get(pk=season["far"].pk).state == "released"
    tokens = {
        c.token.name
        for c in Change.objects.filter(engagement=season["far"], kind="state")
        if c.token
    }
    assert tokens == {"planner"}
    assert "applied" in problem(manager.post(f"/api/v1/plans/{run['id']}/apply"), 409)["detail"]
    listed = manager.get("/api/v1/plans").json()["items"]
    assert [p["id"] for p in listed] == [run["id"]]


def test_a_stale_plan_is_refused_and_changes_nothing(
    season: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    manager = season["manager"]
    with django_capture_on_commit_callbacks(execute=True):
        run = manager.post("/api/v1/plans", season["body"]).json()
    engagement_update(engagement=season["near"], notes="Moved on")
    problem(manager.get(f"/api/v1/plans/{run['id']}/steps"), 409)
    refused = problem(manager.post(f"/api/v1/plans/{run['id']}/apply"), 409)
    assert "changed since this plan was made" in refused["detail"]
    assert Engagement.objects.get(pk=season["far"].pk).state == "hold"
    assert PlanRun.objects.get(pk=run["id"]).applied_at is None


def test_who_may_plan_and_see_a_season(season: dict[str, Any], world: dict[str, Any]) -> None:
    manager = season["manager"]
    run = manager.post("/api/v1/plans", season["body"]).json()
    callers = world["callers"]
    other = callers["their manager"]  # manages another artist
    assert (
        problem(other.post("/api/v1/plans", season["body"]), 400)["errors"][0]["field"] == "artist"
    )
    problem(other.get(f"/api/v1/plans/{run['id']}"), 404)
    assert other.get("/api/v1/plans").json()["items"] == []
    assert callers["staff"].get(f"/api/v1/plans/{run['id']}").status_code == 200
    problem(callers["read-only token"].post("/api/v1/plans", season["body"]), 403)
    problem(callers["anonymous"].get("/api/v1/plans"), 401)
    problem(
        callers["the presenter's user"].post("/api/v1/plans/instances", {"instance": INSTANCE}), 403
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"from": "2031-08-01"}, None),  # ends before it starts: the season's own refusal
        ({"from": "2031-13-01"}, "from"),
        ({"pins": [999999]}, "pins"),
        ({"time_limit": 3600}, "time_limit"),
    ],
)
def test_a_season_asked_for_badly_is_named(
    season: dict[str, Any], change: dict[str, Any], field: str | None
) -> None:
    response = season["manager"].post("/api/v1/plans", {**season["body"], **change})
    body = problem(response, 400)
    if field:
        assert body["errors"][0]["field"] == field
    else:
        assert "before it starts" in body["detail"]
    assert not PlanRun.objects.exists()


def test_an_instance_is_planned_and_never_applied(
    season: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    manager = season["manager"]
    with django_capture_on_commit_callbacks(execute=True):
        started = manager.post("/api/v1/plans/instances", {"instance": INSTANCE, "time_limit": 5})
    assert started.status_code == 202, started.content
    run = manager.get(started.json()["url"]).json()
    assert run["artist"] is None and run["plan"]["status"] == "optimal"
    assert [s["id"] for s in run["plan"]["schedule"]] == ["salzburg"]
    problem(manager.post(f"/api/v1/plans/{run['id']}/apply"), 409)
    bad = {**INSTANCE, "offers": [{**INSTANCE["offers"][0], "tz": "Europe/Atlantis"}]}
    refused = problem(manager.post("/api/v1/plans/instances", {"instance": bad}), 400)
    assert "offers[0].tz" in refused["detail"]


@pytest.mark.parametrize("size", [1, 6])
def test_plans_are_listed_in_fixed_queries(
    season: dict[str, Any], django_assert_max_num_queries: Any, size: int
) -> None:
    manager = season["manager"]
    for _ in range(size):
        manager.post("/api/v1/plans", season["body"])
    with django_assert_max_num_queries(5):  # token, its use, whether staff, the page
        listed = manager.get("/api/v1/plans?limit=10").json()["items"]
    assert len(listed) == size and all(p["status"] == "queued" for p in listed)
