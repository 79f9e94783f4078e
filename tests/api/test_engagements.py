"""Engagements through the API: what each role sees of one (as its page), the lists, a new
inquiry, moves from state to state, the history with the token that made each change, and
idempotency keys."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cadenza.engagements.models import Change, Engagement
from tests.api.bookings import HELD, NOTE, ROLES
from tests.api.conftest import problem
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

# role → (sees it, the fee, the commission, the holds, the notes, may change it)
MATRIX = {
    "the artist": (True, False, False, True, False, False),
    "the artist, shown fees": (True, True, True, True, False, False),
    "another artist": (False,) * 6,
    "their manager": (True,) * 6,
    "another roster's manager": (False,) * 6,
    "the presenter's user": (True, True, False, True, False, False),
    "another presenter's user": (False,) * 6,
    "staff": (True,) * 6,
    "read-only token": (True,) * 5 + (False,),
}


@pytest.mark.parametrize("role", MATRIX)
def test_one_engagement_shows_each_role_its_part(world: dict[str, Any], role: str) -> None:
    engagement = world["engagement"]
    response = world["callers"][role].get(f"/api/v1/engagements/{engagement.pk}")
    sees, fee, commission, holds, notes, acts = MATRIX[role]
    if not sees:
        body = problem(response, 404)
        assert "Varga" not in response.content.decode() and body["detail"]
        return
    body = response.json()
    assert response.status_code == 200 and body["title"] == "Varga recital"
    assert body["artist"]["name"] == "Ilse Varga" and body["state"] == "hold"
    assert (body["deal"] is not None) == fee == (body["settlement"] is not None)
    if fee:
        assert body["deal"]["guarantee"] == "12345.00"
        assert body["settlement"]["figures"]["presenter_pays"] == "12345.00"
        parties = {line["party"] for line in body["settlement"]["figures"]["parties"]}
        assert any(p.startswith("Artist") for p in parties) == commission
    if fee and not commission:
        assert body["deal"]["commission_rate"] is None
        assert body["settlement"]["figures"]["artist_net"] is None
    if commission:
        assert body["deal"]["commission_rate"] == "15.0000"
        assert body["settlement"]["figures"]["commission"] == "1851.75"
    assert (body["holds"] is not None) == holds
    if holds:
        assert [(h["date"], h["rank"]) for h in body["holds"]] == [(HELD.isoformat(), 1)]
    assert (body["notes"] == NOTE) == notes and (body["notes"] is None) == (not notes)
    assert body["sight"]["edit"] == (acts or role == "read-only token")
    assert ("12345" in response.content.decode()) == fee
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["anonymous", "expired token"])
def test_no_engagement_without_a_valid_token(world: dict[str, Any], role: str) -> None:
    caller = world["callers"][role]
    problem(caller.get("/api/v1/engagements"), 401)
    problem(caller.get(f"/api/v1/engagements/{world['engagement'].pk}"), 401)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_what_the_role_may_see(
    world: dict[str, Any], role: str, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):  # token, its use, roles in one, the page, dates
        body = world["callers"][role].get("/api/v1/engagements").json()
    titles = {e["title"] for e in body["items"]}
    assert ("Varga recital" in titles) == MATRIX[role][0]
    assert ("Rell duo" in titles) == (
        role in ("another artist", "another roster's manager", "another presenter's user", "staff")
    )
    assert "12345" not in str(body)


def test_lists_are_filtered_ordered_and_paged_in_fixed_queries(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    staff = world["callers"]["staff"]
    manager = world["callers"]["their manager"]
    artist = world["artist"]
    for n in range(7):
        made = manager.post(
            "/api/v1/engagements",
            {
                "artist": artist.pk,
                "presenter": world["presenter"].pk,
                "title": f"Tour {n}",
                "dates": [(date(2028, 1, 1) + timedelta(days=n)).isoformat()],
            },
        )
        assert made.status_code == 201, made.content

    def titles(query: str) -> list[str]:
        return [e["title"] for e in staff.get(f"/api/v1/engagements?{query}").json()["items"]]

    assert titles(f"presenter={world['other'].presenter_id}") == ["Rell duo"]
    assert titles(f"artist={artist.pk}&state=hold") == ["Varga recital"]
    assert titles("from_date=2028-01-02&to_date=2028-01-03&ordering=date") == ["Tour 1", "Tour 2"]
    assert titles("ordering=-date&limit=2") == ["Rell duo", "Varga recital"]  # undated: first
    seen, url = [], "/api/v1/engagements?ordering=date&limit=3"
    while url:
        with django_assert_max_num_queries(6):
            page = staff.get(url).json()
        seen += [e["title"] for e in page["items"]]
        url = page["next"]
    assert seen == [f"Tour {n}" for n in range(7)] + ["Varga recital", "Rell duo"]
    body = problem(staff.get("/api/v1/engagements?from_date=2028-02-01&to_date=2028-01-01"), 400)
    assert body["errors"][0]["field"] == "to_date"
    assert (
        problem(staff.get("/api/v1/engagements?state=dreaming"), 400)["errors"][0]["field"]
        == "state"
    )


def test_a_manager_takes_an_inquiry_once_per_key(world: dict[str, Any]) -> None:
    manager = world["callers"]["their manager"]
    hall = PlaceFactory(name="Wigmore Hall")
    body = {
        "artist": world["artist"].pk,
        "presenter": world["presenter"].pk,
        "title": "Wigmore recital",
        "venue": hall.pk,
        "dates": ["2027-10-03"],
    }
    first = manager.post("/api/v1/engagements", body, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201
    made = first.json()
    assert made["state"] == "inquiry" and made["venue"]["name"].startswith("Wigmore Hall")
    assert made["dates"] == ["2027-10-03"] and made["sight"]["edit"]
    again = manager.post("/api/v1/engagements", body, **{"Idempotency-Key": "k-1"})
    assert again.status_code == 201 and again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Engagement.objects.filter(title="Wigmore recital").count() == 1
    changed = manager.post(
        "/api/v1/engagements", {**body, "title": "Other"}, **{"Idempotency-Key": "k-1"}
    )
    assert problem(changed, 422)["errors"][0]["field"] == "Idempotency-Key"
    # Another user's key of the same name is theirs.
    staff = world["callers"]["staff"]
    assert staff.post("/api/v1/engagements", body, **{"Idempotency-Key": "k-1"}).status_code == 201
    change = Change.objects.get(engagement_id=made["id"])
    assert change.token is not None and change.token.name == "crm"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"artist": 999999}, "artist"),
        ({"presenter": 999999}, "presenter"),
        ({"venue": 999999}, "venue"),
        ({"title": ""}, "title"),
        ({"dates": ["2027-02-30"]}, "dates.0"),
        ({"dates": ["0001-01-01"]}, "dates.0"),
    ],
)
def test_a_bad_inquiry_names_its_field(
    world: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    body = {"artist": world["artist"].pk, "presenter": world["presenter"].pk, "title": "T"}
    response = world["callers"]["their manager"].post("/api/v1/engagements", {**body, **change})
    assert problem(response, 400)["errors"][0]["field"] == field


def test_only_management_takes_inquiries(world: dict[str, Any]) -> None:
    body = {"artist": world["artist"].pk, "presenter": world["presenter"].pk, "title": "T"}
    callers = world["callers"]
    problem(callers["the presenter's user"].post("/api/v1/engagements", body), 403)
    # Another roster's manager may not book someone else's artist: not an artist of theirs.
    response = callers["another roster's manager"].post("/api/v1/engagements", body)
    assert problem(response, 400)["errors"][0]["field"] == "artist"
    assert problem(callers["read-only token"].post("/api/v1/engagements", body), 403)[
        "type"
    ].endswith("read-only-token")
    assert not Engagement.objects.filter(title="T").exists()


def test_an_engagement_moves_to_confirmed_and_each_change_names_the_token(
    world: dict[str, Any],
) -> None:
    manager = world["callers"]["their manager"]
    pk = world["engagement"].pk
    url = f"/api/v1/engagements/{pk}"
    version = manager.get(url).json()["version"]
    wrong = manager.post(f"{url}/transitions", {"to_state": "completed"})
    assert "cannot become completed" in problem(wrong, 400)["detail"]
    stale = manager.post(f"{url}/transitions", {"to_state": "offered", "version": version - 1})
    problem(stale, 409)
    moved = manager.post(f"{url}/transitions", {"to_state": "offered", "version": version})
    assert moved.status_code == 200 and moved.json()["engagement"]["state"] == "offered"
    no_dates = manager.post(f"{url}/transitions", {"to_state": "contracted"})
    assert problem(no_dates, 400)["errors"][0]["field"] == "performances"
    added = manager.post(
        f"{url}/performances", {"date": "2027-06-01", "starts_at": "2027-06-01T19:30:00Z"}
    )
    assert added.status_code == 201, added.content
    for state in ("contracted", "confirmed"):
        response = manager.post(
            f"{url}/transitions", {"to_state": state}, **{"Idempotency-Key": state}
        )
        assert response.status_code == 200 and response.json()["engagement"]["state"] == state
    replay = manager.post(
        f"{url}/transitions", {"to_state": "contracted"}, **{"Idempotency-Key": "contracted"}
    )
    assert replay.status_code == 200 and replay["Idempotent-Replayed"] == "true"
    assert Engagement.objects.get(pk=pk).state == "confirmed"
    history = manager.get(f"{url}/changes").json()
    moves = [
        c for c in history if c["kind"] == "state" and c["to_value"] in ("offered", "confirmed")
    ]
    assert len(moves) == 2
    assert all(c["token"].startswith("crm (") and c["by"] for c in moves)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("the artist", 403),
        ("the presenter's user", 403),
        ("another roster's manager", 404),
        ("another presenter's user", 404),
        ("read-only token", 403),
        ("expired token", 401),
    ],
)
def test_only_management_moves_an_engagement(world: dict[str, Any], role: str, status: int) -> None:
    pk = world["engagement"].pk
    response = world["callers"][role].post(
        f"/api/v1/engagements/{pk}/transitions", {"to_state": "released"}
    )
    problem(response, status)
    assert Engagement.objects.get(pk=pk).state == "hold"


def test_the_history_and_details_as_each_role_may_see_them(world: dict[str, Any]) -> None:
    pk = world["engagement"].pk
    manager, artist = world["callers"]["their manager"], world["callers"]["the artist"]
    changed = manager.send(
        "patch", f"/api/v1/engagements/{pk}", {"notes": "Bring the mute", "radius_km": 100}
    )
    assert problem(changed, 400)["errors"][0]["field"] == "radius_days"
    changed = manager.send(
        "patch", f"/api/v1/engagements/{pk}", {"notes": "Bring the mute", "rehearsal_days": 2}
    )
    assert changed.status_code == 200 and changed.json()["notes"] == "Bring the mute"
    kinds = {c["kind"] for c in manager.get(f"/api/v1/engagements/{pk}/changes").json()}
    assert kinds == {"state", "details", "hold", "deal"}
    seen = artist.get(f"/api/v1/engagements/{pk}/changes").json()
    assert {c["kind"] for c in seen} == {"state", "hold"} and all(c["reason"] is None for c in seen)
    problem(world["callers"]["another artist"].get(f"/api/v1/engagements/{pk}/changes"), 404)


def test_conflicts_are_told_as_the_page_tells_them(world: dict[str, Any]) -> None:
    pk = world["engagement"].pk
    manager = world["callers"]["their manager"]
    assert manager.get(f"/api/v1/engagements/{pk}/conflicts").json() == []
    problem(
        world["callers"]["another presenter's user"].get(f"/api/v1/engagements/{pk}/conflicts"), 404
    )


def test_a_double_booking_is_told_to_the_manager_not_named_to_the_presenter(
    world: dict[str, Any],
) -> None:
    from datetime import UTC, datetime
    from decimal import Decimal

    from cadenza.engagements.deals import deal_set
    from cadenza.engagements.services import engagement_create, engagement_move, performance_add
    from tests.factories import CityFactory, OrganisationFactory

    city = CityFactory(name="Vienna", timezone="Europe/Vienna", latitude=48.2, longitude=16.37)
    ours = world["engagement"]
    hall = PlaceFactory(name="Musikverein", parent=city)
    at = datetime(2027, 6, 1, 17, 30, tzinfo=UTC)
    theirs = engagement_create(
        artist=world["artist"], presenter=OrganisationFactory(), title="Clash", venue=hall
    )
    for engagement in (ours, theirs):
        engagement = Engagement.objects.get(pk=engagement.pk)
        if engagement.venue is None:
            engagement.venue = hall
            engagement.save(update_fields=["venue"])
        performance_add(engagement=engagement, day=date(2027, 6, 1), starts_at=at)
        if not hasattr(engagement, "deal"):
            deal_set(engagement=engagement, currency="EUR", guarantee=Decimal(1))
        for state in ("offered", "contracted"):
            engagement_move(engagement=engagement, to_state=state)
    url = f"/api/v1/engagements/{ours.pk}/conflicts"
    told = world["callers"]["their manager"].get(url).json()
    assert {p["kind"] for p in told} >= {"overlap"}
    assert all(theirs.pk in p["engagements"] for p in told if p["kind"] == "overlap")
    presenter = world["callers"]["the presenter's user"].get(url).json()
    assert all(theirs.pk not in p["engagements"] for p in presenter)
    assert "Clash" not in str(presenter)
