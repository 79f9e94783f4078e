"""An artist's unavailable times through the API: for their management only, whole days
on the artist's clock or times, an .ics import, removal; each bad input names its field."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cadenza.engagements.models import Unavailability
from tests.api.conftest import problem

pytestmark = pytest.mark.django_db

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:lesson-1@test\r
DTSTART:20270605T100000Z\r
DTEND:20270605T120000Z\r
SUMMARY:Lesson\r
END:VEVENT\r
END:VCALENDAR\r
"""

# role → status of reading the artist's availability
ACCESS = {
    "their manager": 200,
    "staff": 200,
    "read-only token": 200,
    "the artist": 403,
    "another roster's manager": 403,
    "the presenter's user": 403,
    "another presenter's user": 403,
    "expired token": 401,
    "anonymous": 401,
}


@pytest.mark.parametrize("role", ACCESS)
def test_only_the_artists_management_sees_their_availability(
    world: dict[str, Any], role: str
) -> None:
    url = f"/api/v1/artists/{world['artist'].pk}/availability"
    response = world["callers"][role].get(url)
    if ACCESS[role] != 200:
        problem(response, ACCESS[role])
        return
    assert response.json() == {"items": [], "next": None}


def test_a_manager_adds_lists_and_removes_unavailable_times(world: dict[str, Any]) -> None:
    manager = world["callers"]["their manager"]
    url = f"/api/v1/artists/{world['artist'].pk}/availability"
    days = manager.post(
        url, {"first_day": "2030-08-10", "last_day": "2030-08-16", "reason": "Holiday"}
    )
    assert days.status_code == 201 and days.json()["all_day"]
    times = manager.post(
        url,
        {"starts_at": "2030-09-01T09:00", "ends_at": "2030-09-01T12:00", "tz": "Asia/Tokyo"},
        **{"Idempotency-Key": "dentist"},
    )
    assert times.json()["starts_at"] == "2030-09-01T00:00:00Z"
    again = manager.post(
        url,
        {"starts_at": "2030-09-01T09:00", "ends_at": "2030-09-01T12:00", "tz": "Asia/Tokyo"},
        **{"Idempotency-Key": "dentist"},
    )
    assert again.content == times.content and Unavailability.objects.count() == 2
    listed = manager.get(url).json()["items"]
    assert [s["reason"] for s in listed] == ["Holiday", ""]
    gone = manager.send("delete", f"{url}/{listed[0]['id']}")
    assert gone.status_code == 204
    assert [s["id"] for s in manager.get(url).json()["items"]] == [listed[1]["id"]]
    problem(world["callers"]["read-only token"].post(url, {"first_day": "2030-01-01"}), 403)
    problem(world["callers"]["the artist"].post(url, {"first_day": "2030-01-01"}), 403)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"starts_at": "2030-09-01T12:00Z", "ends_at": "2030-09-01T09:00Z"}, "ends_at"),
        (
            {
                "starts_at": "2030-09-01T12:00",
                "ends_at": "2030-09-01T13:00",
                "tz": "Europe/Atlantis",
            },
            "tz",
        ),
        ({"starts_at": "2030-09-01T12:00", "ends_at": "2030-09-01T13:00", "tz": "Europe"}, "tz"),
        ({"starts_at": "2030-09-01T12:00Z"}, "ends_at"),
        ({"first_day": "2030-09-02", "last_day": "2030-09-01"}, "last_day"),
        ({}, "first_day"),
        ({"first_day": "2030-09-02", "reason": "x" * 201}, "reason"),
    ],
)
def test_a_bad_span_names_its_field(
    world: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    url = f"/api/v1/artists/{world['artist'].pk}/availability"
    response = world["callers"]["their manager"].post(url, body)
    assert problem(response, 400)["errors"][0]["field"] == field
    assert not Unavailability.objects.exists()


def test_an_ics_file_is_imported_once(world: dict[str, Any]) -> None:
    manager = world["callers"]["their manager"]
    url = f"/api/v1/artists/{world['artist'].pk}/availability/ics"

    def send(data: bytes) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("lessons.ics", data, content_type="text/calendar")
        return manager.client.post(url, {"file": upload}, headers=manager.headers)

    first = send(ICS)
    assert first.json() == {"added": 1, "known": 0, "skipped": 0}
    assert send(ICS).json() == {"added": 0, "known": 1, "skipped": 0}
    bad = send(ICS.replace(b"DTSTART:20270605T100000Z", b"DTSTART:2027XX05"))
    assert "line 6" in problem(bad, 400)["detail"]
    assert Unavailability.objects.count() == 1
    problem(Client().post(url), 401)


def test_an_unknown_artist_is_a_404(world: dict[str, Any]) -> None:
    problem(world["callers"]["their manager"].get("/api/v1/artists/999999/availability"), 404)


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_is_paged_in_fixed_queries(
    world: dict[str, Any], django_assert_max_num_queries: Any, size: int
) -> None:
    from datetime import UTC, datetime, timedelta

    from cadenza.engagements.availability import unavailability_add

    start = datetime(2030, 1, 1, tzinfo=UTC)
    for n in range(size):
        day = start + timedelta(days=2 * n)
        unavailability_add(artist=world["artist"], starts_at=day, ends_at=day + timedelta(hours=3))
    manager = world["callers"]["their manager"]
    seen, url = [], f"/api/v1/artists/{world['artist'].pk}/availability?limit=5"
    while url:
        with django_assert_max_num_queries(5):  # token, its use, the artist, the page
            page = manager.get(url).json()
        seen += page["items"]
        url = page["next"]
    assert len(seen) == size and [s["starts_at"] for s in seen] == sorted(
        s["starts_at"] for s in seen
    )
