"""An engagement's schedule through the API: calls on the hall's clock, journeys read on
each end's clock, hotel stays, removal; notes only with sight of them; each refusal names
its field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cadenza.engagements.models import ScheduleItem
from cadenza.engagements.services import performance_add
from cadenza.places.models import Place
from tests.api.conftest import problem
from tests.factories import CityFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(world: dict[str, Any]) -> dict[str, Place]:
    zurich = CityFactory(name="Zurich", timezone="Europe/Zurich", latitude=47.37, longitude=8.54)
    tokyo = CityFactory(name="Tokyo", timezone="Asia/Tokyo", latitude=35.68, longitude=139.65)
    atlantis = CityFactory(name="Atlantis", timezone="", latitude=None, longitude=None)
    hall = PlaceFactory(name="Tonhalle", parent=zurich)
    engagement = world["engagement"]
    world["callers"]["their manager"].send(
        "patch", f"/api/v1/engagements/{engagement.pk}", {"venue": hall.pk}
    )
    performance_add(engagement=engagement, day=date(2027, 7, 23))
    return {"zurich": zurich, "tokyo": tokyo, "atlantis": atlantis, "hall": hall}


def test_a_schedule_is_kept_and_shown_to_each_role(
    world: dict[str, Any], places: dict[str, Place]
) -> None:
    manager = world["callers"]["their manager"]
    url = f"/api/v1/engagements/{world['engagement'].pk}/schedule"
    call = manager.post(
        f"{url}/calls",
        {
            "kind": "orchestra_rehearsal",
            "day": "2027-07-22",
            "starts_at": "2027-07-22T10:00",
            "ends_at": "2027-07-22T13:00",
            "notes": "Bring the Bach",
        },
        **{"Idempotency-Key": "call"},
    )
    assert call.status_code == 201, call.content
    assert call.json()["calls"][0]["starts_at"] == "2027-07-22T08:00:00Z"  # 10:00 in Zurich
    again = manager.post(
        f"{url}/calls",
        {
            "kind": "orchestra_rehearsal",
            "day": "2027-07-22",
            "starts_at": "2027-07-22T10:00",
            "ends_at": "2027-07-22T13:00",
            "notes": "Bring the Bach",
        },
        **{"Idempotency-Key": "call"},
    )
    assert again.content == call.content and ScheduleItem.objects.count() == 1
    leg = manager.post(
        f"{url}/travel",
        {
            "mode": "air",
            "origin": places["tokyo"].pk,
            "destination": places["zurich"].pk,
            "departs_at": "2027-07-20T10:00",
            "arrives_at": "2027-07-20T16:30",
            "carrier": "LX",
            "reference": "LX 161",
        },
    )
    travel = leg.json()["travel"][0]
    assert (travel["departs_at"], travel["arrives_at"]) == (
        "2027-07-20T01:00:00Z",
        "2027-07-20T14:30:00Z",
    )
    stay = manager.post(
        f"{url}/hotels",
        {
            "name": "Baur au Lac",
            "place": places["zurich"].pk,
            "check_in": "2027-07-20",
            "check_out": "2027-07-24",
        },
    )
    assert stay.json()["hotels"][0]["name"] == "Baur au Lac"
    seen = manager.get(url).json()
    assert seen["calls"][0]["notes"] == "Bring the Bach"
    presenter = world["callers"]["the presenter's user"].get(url).json()
    assert presenter["calls"][0]["notes"] is None and len(presenter["travel"]) == 1
    problem(world["callers"]["another presenter's user"].get(url), 404)
    problem(
        world["callers"]["the presenter's user"].post(
            f"{url}/hotels", {"name": "X", "check_in": "2027-07-20", "check_out": "2027-07-21"}
        ),
        403,
    )
    gone = manager.send("delete", f"{url}/calls/{seen['calls'][0]['id']}?version={seen['version']}")
    assert gone.json()["calls"] == []
    stale = manager.send("delete", f"{url}/travel/{travel['id']}?version={seen['version']}")
    problem(stale, 409)
    problem(manager.send("delete", f"{url}/hotels/999999"), 404)


@pytest.mark.parametrize(
    ("part", "body", "field"),
    [
        ("calls", {"kind": "nap", "day": "2027-07-22"}, "kind"),
        (
            "calls",
            {
                "kind": "press",
                "day": "2027-07-22",
                "starts_at": "2027-07-22T12:00",
                "ends_at": "2027-07-22T11:00",
            },
            "ends_at",
        ),
        (
            "calls",
            {"kind": "press", "day": "2027-07-23", "starts_at": "2027-07-22T12:00"},
            "starts_at",
        ),
        ("calls", {"kind": "dress_rehearsal", "day": "2027-07-25"}, "day"),
        (
            "travel",
            {
                "mode": "air",
                "origin": "atlantis",
                "destination": "zurich",
                "departs_at": "2027-07-20T10:00",
                "arrives_at": "2027-07-20T16:00",
            },
            "origin",
        ),
        (
            "travel",
            {
                "mode": "air",
                "origin": "tokyo",
                "destination": "zurich",
                "departs_at": "2027-07-20T10:00Z",
                "arrives_at": "2027-07-20T09:00Z",
            },
            "arrives_at",
        ),
        (
            "travel",
            {
                "mode": "boat",
                "origin": "tokyo",
                "destination": "zurich",
                "departs_at": "2027-07-20T10:00Z",
                "arrives_at": "2027-07-20T19:00Z",
            },
            "mode",
        ),
        (
            "travel",
            {
                "mode": "air",
                "origin": 999999,
                "destination": "zurich",
                "departs_at": "2027-07-20T10:00Z",
                "arrives_at": "2027-07-20T19:00Z",
            },
            "origin",
        ),
        (
            "hotels",
            {"name": "Baur", "check_in": "2027-07-20", "check_out": "2027-07-20"},
            "check_out",
        ),
    ],
)
def test_a_bad_schedule_line_names_its_field(
    world: dict[str, Any], places: dict[str, Place], part: str, body: dict[str, Any], field: str
) -> None:
    body = {
        k: places[v].pk if k in ("origin", "destination") and isinstance(v, str) else v
        for k, v in body.items()
    }
    url = f"/api/v1/engagements/{world['engagement'].pk}/schedule/{part}"
    response = world["callers"]["their manager"].post(url, body)
    assert problem(response, 400)["errors"][0]["field"] == field
