"""Holds, performances, the deal, payments and the settlement through the API: as the
engagement page's forms, each refusal naming its field, each part shown only to those
whose sight allows it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cadenza.engagements.models import Engagement, Hold
from cadenza.engagements.services import engagement_move, performance_add
from tests.api.conftest import problem
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

# role → what `GET …/settlement` answers
SETTLEMENT = {
    "their manager": 200,
    "staff": 200,
    "the artist, shown fees": 200,
    "the presenter's user": 200,
    "read-only token": 200,
    "the artist": 403,
    "another artist": 404,
    "another roster's manager": 404,
    "another presenter's user": 404,
    "expired token": 401,
}


@pytest.mark.parametrize("role", SETTLEMENT)
def test_the_settlement_is_shown_to_those_shown_the_fee(world: dict[str, Any], role: str) -> None:
    response = world["callers"][role].get(
        f"/api/v1/engagements/{world['engagement'].pk}/settlement"
    )
    if SETTLEMENT[role] != 200:
        problem(response, SETTLEMENT[role])
        return
    body = response.json()
    assert body["entered"] is False and body["figures"]["fee"] == "12345.00"
    commission = role not in ("the presenter's user",)
    assert (body["figures"]["commission"] is not None) == commission
    assert (body["notes"] is not None) == (role in ("their manager", "staff", "read-only token"))


def test_holds_are_placed_ranked_and_released(world: dict[str, Any]) -> None:
    manager = world["callers"]["their manager"]
    rival = EngagementFactory(artist=world["artist"], title="Rival")
    url = f"/api/v1/engagements/{rival.pk}/holds"
    taken = manager.post(url, {"date": "2027-06-01", "rank": 1})
    assert "already taken" in problem(taken, 400)["detail"]
    placed = manager.post(url, {"date": "2027-06-01"}, **{"Idempotency-Key": "h"})
    assert placed.status_code == 201
    assert [(h["rank"], h["status"]) for h in placed.json()["holds"]] == [(2, "active")]
    assert (
        manager.post(url, {"date": "2027-06-01"}, **{"Idempotency-Key": "h"}).content
        == placed.content
    )
    assert Hold.objects.filter(engagement=rival).count() == 1
    first = Hold.objects.get(engagement=world["engagement"])
    release = f"/api/v1/engagements/{world['engagement'].pk}/holds/{first.pk}/actions"
    problem(manager.post(release, {"action": "challenge"}), 400)  # the 1st cannot challenge
    assert manager.post(release, {"action": "release"}).json()["holds"][0]["status"] == "released"
    promoted = manager.get(f"/api/v1/engagements/{rival.pk}").json()["holds"]
    assert promoted[0]["rank"] == 1  # moved up when the 1st went
    problem(
        manager.post(
            f"/api/v1/engagements/{rival.pk}/holds/{first.pk}/actions", {"action": "release"}
        ),
        404,
    )
    problem(world["callers"]["the presenter's user"].post(release, {"action": "promote"}), 403)


def test_a_challenge_reads_its_deadline_on_the_venues_clock(world: dict[str, Any]) -> None:
    manager = world["callers"]["their manager"]
    rival = EngagementFactory(artist=world["artist"], title="Rival")
    second = manager.post(f"/api/v1/engagements/{rival.pk}/holds", {"date": "2027-06-01"}).json()
    hold = second["holds"][0]["id"]
    url = f"/api/v1/engagements/{rival.pk}/holds/{hold}/actions"
    assert (
        problem(manager.post(url, {"action": "challenge"}), 400)["errors"][0]["field"]
        == "respond_by"
    )
    later = (date.today() + timedelta(days=10)).isoformat()
    done = manager.post(url, {"action": "challenge", "respond_by": f"{later}T12:00:00Z"})
    assert done.json()["holds"][0]["challenges"][0]["outcome"] == "open"


@pytest.mark.parametrize(
    ("deal", "field"),
    [
        ({"currency": "EUX"}, "currency"),
        ({"guarantee": "10.001"}, "guarantee"),
        ({"guarantee": "-1"}, "guarantee"),
        ({"guarantee": "NaN"}, "guarantee"),
        ({"kind": "share"}, "kind"),
        ({"deposit_due": "2027-05-01", "balance_due": "2027-04-01"}, "deposit_due"),
        ({"withholdings": [{"jurisdiction": "", "rate": "30"}]}, "withholdings.0.jurisdiction"),
        ({"version": 1}, None),  # stale: a 409
    ],
)
def test_a_bad_deal_names_its_field(
    world: dict[str, Any], deal: dict[str, Any], field: str | None
) -> None:
    body = {"currency": "USD", "guarantee": "9000", **deal}
    response = world["callers"]["their manager"].send(
        "put", f"/api/v1/engagements/{world['engagement'].pk}/deal", body
    )
    if field is None:
        problem(response, 409)
    else:
        assert problem(response, 400)["errors"][0]["field"] == field
    assert Engagement.objects.get(pk=world["engagement"].pk).deal.guarantee == 12345


def test_the_deal_replaced_and_the_concert_settled(world: dict[str, Any]) -> None:
    manager = world["callers"]["their manager"]
    pk = world["engagement"].pk
    url = f"/api/v1/engagements/{pk}"
    body = {
        "currency": "JPY",
        "guarantee": "1500000",
        "commission_rate": "10",
        "withholdings": [{"jurisdiction": "Japan", "rate": "20.42"}],
    }
    deal = manager.send("put", f"{url}/deal", body).json()["deal"]
    assert deal["guarantee"] == "1500000" and deal["withholdings"][0]["rate"] == "20.4200"
    early = manager.send("put", f"{url}/settlement", {"bonus_earned": False})
    assert problem(early, 400)["errors"][0]["field"] == "state"
    engagement = Engagement.objects.get(pk=pk)
    performance_add(engagement=engagement, day=date.today() - timedelta(days=3))
    for state in ("offered", "contracted", "confirmed", "completed"):
        engagement_move(engagement=engagement, to_state=state)
    paid = manager.post(
        f"{url}/payments", {"paid_on": date.today().isoformat(), "amount": "500000"}
    )
    assert paid.status_code == 201 and paid.json()["figures"]["paid"] == "500000"
    future = manager.post(f"{url}/payments", {"paid_on": "2100-01-01", "amount": "1"})
    assert problem(future, 400)["errors"][0]["field"] == "paid_on"
    settled = manager.send(
        "put",
        f"{url}/settlement",
        {"settled_on": date.today().isoformat(), "notes": "Paid in cash"},
    )
    assert settled.json()["entered"] and settled.json()["notes"] == "Paid in cash"
    moved = manager.post(f"{url}/transitions", {"to_state": "settled"})
    assert moved.json()["engagement"]["state"] == "settled"
    presenter = world["callers"]["the presenter's user"].get(f"{url}/settlement").json()
    assert presenter["notes"] is None and presenter["figures"]["artist_net"] is None


def test_performances_are_added_on_the_venues_clock_and_removed(world: dict[str, Any]) -> None:
    from tests.factories import PlaceFactory

    manager = world["callers"]["their manager"]
    hall = PlaceFactory(name="Musikverein", timezone="Europe/Vienna")
    pk = world["engagement"].pk
    manager.send("patch", f"/api/v1/engagements/{pk}", {"venue": hall.pk})
    url = f"/api/v1/engagements/{pk}/performances"
    added = manager.post(url, {"date": "2027-03-28", "starts_at": "2027-03-28T19:30"})
    assert added.json()["performances"][0]["starts_at"] == "2027-03-28T17:30:00Z"
    skipped = manager.post(url, {"date": "2027-03-28", "starts_at": "2027-03-28T02:30"})
    assert "does not exist in Europe/Vienna" in problem(skipped, 400)["detail"]
    wrong_day = manager.post(url, {"date": "2027-03-29", "starts_at": "2027-03-28T19:30"})
    assert problem(wrong_day, 400)["errors"][0]["field"] == "starts_at"
    one = added.json()["performances"][0]["id"]
    assert manager.send("delete", f"{url}/{one}").json()["performances"] == []
    problem(manager.send("delete", f"{url}/{one}"), 404)
