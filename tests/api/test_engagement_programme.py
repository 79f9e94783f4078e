"""The programme and publishing through the API: read by whoever sees the engagement,
replaced and published by its management only, as the engagement page's forms; each
change logged with the token it was made with."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cadenza.engagements.models import Engagement
from cadenza.engagements.services import engagement_move, performance_add, programme_set
from cadenza.events.models import Credit, Event
from tests.api.conftest import problem
from tests.factories import WorkFactory

pytestmark = pytest.mark.django_db

# role → what `GET …/programme` answers, and `PUT …/programme`
READ = {
    "their manager": 200,
    "staff": 200,
    "the artist": 200,
    "the artist, shown fees": 200,
    "the presenter's user": 200,
    "read-only token": 200,
    "another artist": 404,
    "another roster's manager": 404,
    "another presenter's user": 404,
    "expired token": 401,
    "anonymous": 401,
}
WRITE = {
    **READ,
    "the artist": 403,
    "the artist, shown fees": 403,
    "the presenter's user": 403,
    "read-only token": 403,
}


@pytest.fixture
def works(world: dict[str, Any]) -> dict[str, Any]:
    sonata = WorkFactory(title="Sonata in B minor", duration=timedelta(minutes=31))
    unknown = WorkFactory(title="Nocturne of no length")
    programme_set(engagement=world["engagement"], entries=[sonata, timedelta(minutes=20), unknown])
    return {"sonata": sonata, "unknown": unknown}


@pytest.mark.parametrize("role", READ)
def test_the_programme_is_read_by_whoever_sees_the_engagement(
    world: dict[str, Any], works: dict[str, Any], role: str
) -> None:
    response = world["callers"][role].get(f"/api/v1/engagements/{world['engagement'].pk}/programme")
    if READ[role] != 200:
        problem(response, READ[role])
        return
    body = response.json()
    assert [
        (e["position"], e["duration_minutes"], e["interval_minutes"]) for e in body["entries"]
    ] == [
        (1, 31, None),
        (2, None, 20),
        (3, None, None),
    ]
    assert body["entries"][0]["work"]["name"] == "Sonata in B minor"
    assert body["entries"][1]["work"] is None
    assert body["running_minutes"] == 51
    assert body["unknown_lengths"] == ["Nocturne of no length"]
    assert body["version"] == Engagement.objects.get(pk=world["engagement"].pk).version


@pytest.mark.parametrize("role", WRITE)
def test_only_the_management_replaces_the_programme(
    world: dict[str, Any], works: dict[str, Any], role: str
) -> None:
    pk = world["engagement"].pk
    before = Engagement.objects.get(pk=pk).version
    body = {"entries": [{"work": works["unknown"].pk}], "version": before}
    response = world["callers"][role].send("put", f"/api/v1/engagements/{pk}/programme", body)
    if WRITE[role] != 200:
        problem(response, WRITE[role])
        assert Engagement.objects.get(pk=pk).version == before
        assert Engagement.objects.get(pk=pk).programme.count() == 3
        return
    assert [e["work"]["id"] for e in response.json()["entries"]] == [works["unknown"].pk]
    assert response.json()["version"] == before + 1


def test_a_programme_change_is_checked_versioned_and_logged_with_its_token(
    world: dict[str, Any], works: dict[str, Any]
) -> None:
    manager = world["callers"]["their manager"]
    pk = world["engagement"].pk
    url = f"/api/v1/engagements/{pk}/programme"
    version = manager.get(url).json()["version"]
    both = manager.send(
        "put", url, {"entries": [{"work": works["sonata"].pk, "interval_minutes": 5}]}
    )
    assert problem(both, 400)["errors"][0]["field"] == "entries.0"
    neither = manager.send("put", url, {"entries": [{}]})
    assert problem(neither, 400)["errors"][0]["field"] == "entries.0"
    missing = manager.send("put", url, {"entries": [{"work": 10**9}]})
    assert problem(missing, 400)["errors"][0]["field"] == "entries.0.work"
    long = manager.send("put", url, {"entries": [{"interval_minutes": 121}]})
    assert problem(long, 400)["errors"][0]["field"] == "entries.0.interval_minutes"
    stale = manager.send("put", url, {"entries": [], "version": version - 1})
    problem(stale, 409)
    assert manager.get(url).json()["version"] == version  # nothing changed
    cleared = manager.send("put", url, {"entries": [{"interval_minutes": 15}], "version": version})
    assert cleared.json()["running_minutes"] == 15
    changes = manager.get(f"/api/v1/engagements/{pk}/changes").json()
    line = next(c for c in changes if c["to_value"] == "programme of 1 lines")
    assert line["by"] == world["users"]["their manager"].get_username()
    assert line["token"].startswith("crm (")
    page = world["callers"]["their manager"].get(f"/api/v1/engagements/{pk}").json()
    assert page["running_minutes"] == 15  # the engagement says the same


def _completed(world: dict[str, Any]) -> Engagement:
    engagement = Engagement.objects.get(pk=world["engagement"].pk)
    performance_add(engagement=engagement, day=date.today() - timedelta(days=3))
    for state in ("offered", "contracted", "confirmed", "completed"):
        engagement_move(engagement=engagement, to_state=state)
    return Engagement.objects.get(pk=engagement.pk)


def test_an_open_engagement_is_not_published(world: dict[str, Any]) -> None:
    pk = world["engagement"].pk
    refused = world["callers"]["their manager"].post(f"/api/v1/engagements/{pk}/publish")
    body = problem(refused, 400)
    assert body["errors"][0]["field"] == "state" and "completed" in body["detail"]
    assert not Event.objects.filter(name="Varga recital").exists()


@pytest.mark.parametrize("role", [r for r, status in WRITE.items() if status != 200])
def test_only_the_management_publishes(world: dict[str, Any], role: str) -> None:
    engagement = _completed(world)
    response = world["callers"][role].post(f"/api/v1/engagements/{engagement.pk}/publish")
    problem(response, WRITE[role])
    assert not Engagement.objects.get(pk=engagement.pk).published
    assert not Event.objects.filter(name="Varga recital").exists()


def test_a_completed_engagement_is_published_once_with_its_token_logged(
    world: dict[str, Any],
) -> None:
    engagement = _completed(world)
    manager = world["callers"]["their manager"]
    url = f"/api/v1/engagements/{engagement.pk}/publish"
    problem(manager.post(url, {"version": engagement.version - 1}), 409)
    done = manager.post(url, {"version": engagement.version}, **{"Idempotency-Key": "pub"})
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["engagement"]["published"] is True
    (event,) = Event.objects.filter(name="Varga recital")
    assert [e["id"] for e in body["events"]] == [event.pk]
    assert event.status == Event.Status.TOOK_PLACE
    assert set(event.credits.values_list("agent_id", "role")) >= {
        (world["presenter"].pk, Credit.Role.PRESENTER)
    }
    again = manager.post(url, {"version": engagement.version}, **{"Idempotency-Key": "pub"})
    assert again.content == done.content and again["Idempotent-Replayed"] == "true"
    twice = manager.post(url, {})
    assert problem(twice, 409)["errors"][0]["field"] == "published"
    assert Event.objects.filter(name="Varga recital").count() == 1
    changes = manager.get(f"/api/v1/engagements/{engagement.pk}/changes").json()
    line = next(c for c in changes if c["kind"] == "published")
    assert line["to_value"] == "published" and line["token"].startswith("crm (")


def test_a_published_engagement_is_taken_off_the_record_by_its_management_only(
    world: dict[str, Any],
) -> None:
    engagement = _completed(world)
    manager = world["callers"]["their manager"]
    url = f"/api/v1/engagements/{engagement.pk}/publish"
    never = manager.send("delete", url)
    assert problem(never, 400)["errors"][0]["field"] == "published"
    version = manager.post(url).json()["engagement"]["version"]
    for role, status in WRITE.items():
        if status != 200:
            problem(world["callers"][role].send("delete", url), status)
    assert Event.objects.filter(name="Varga recital").count() == 1
    problem(manager.send("delete", f"{url}?version={version - 1}"), 409)
    taken = manager.send("delete", f"{url}?version={version}")
    assert taken.status_code == 200 and taken.json()["published"] is False
    assert not Event.objects.filter(name="Varga recital").exists()
    changes = manager.get(f"/api/v1/engagements/{engagement.pk}/changes").json()
    line = next(c for c in changes if c["to_value"] == "unpublished")
    assert line["token"].startswith("crm (")
