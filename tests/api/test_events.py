"""Events with programmes and credits, narrowed as the pages narrow them; one event as
its page shows it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cadenza.events.models import Event
from tests.api.conftest import problem
from tests.factories import AgentFactory, CreditFactory, EventFactory, SeriesFactory
from tests.web.records import big_event, venue_with_events

pytestmark = pytest.mark.django_db


def test_an_event_as_its_page_shows_it(api_client: Client) -> None:
    event = big_event(2)
    body = api_client.get(f"/api/v1/events/{event.pk}").json()
    assert body["name"] == "Gala" and body["date"]["iso"] == "2024-03-04"
    assert body["venue"]["name"] == "Stern Auditorium, New York"
    assert body["timezone"] == "America/New_York"
    assert body["local_start"].startswith("2024-03-04T19:30:00-05:00")
    assert body["capacity"] == 2804 and body["attendance_share"] == 96
    programme = body["programme"]
    assert [i["kind"] for i in programme] == ["work", "work", "intermission"]
    assert len(programme[0]["movements"]) == 2
    assert programme[0]["credits"][0]["name"] == "Soloist 0"
    conductor = body["credits"][0]
    assert (conductor["agent"], conductor["name"], conductor["role"]) == (
        None,
        "renowned conductors",
        "conductor",
    )
    assert [r["quotes"] for r in body["reviews"]] == [["Word for word 0."], ["Word for word 1."]]
    html = Client().get(event.get_absolute_url()).content.decode()
    assert "renowned conductors" in html and "96" in html


@pytest.mark.parametrize("size", [2, 8])
def test_event_lists_are_paged_in_date_order_in_fixed_queries(
    api_client: Client, django_assert_max_num_queries: Any, size: int
) -> None:
    building = venue_with_events(size)
    with django_assert_max_num_queries(3):  # the place, the page, its credits
        first = api_client.get(f"/api/v1/events?venue={building.pk}&limit=3").json()
    seen = list(first["items"])
    url = first["next"]
    while url:
        body = api_client.get(url).json()
        seen += body["items"]
        url = body["next"]
    assert len(seen) == 2 * size == len({e["id"] for e in seen})
    years = [e["date"]["iso"] for e in seen]
    assert years == sorted(years)
    assert all(any(c["role"] == "conductor" for c in e["credits"]) for e in seen)


def test_events_narrowed_by_agent_season_year_and_kind(api_client: Client) -> None:
    season = SeriesFactory(name="1950-51 season")
    soloist = AgentFactory(name="Isaac Stern")
    played = EventFactory(name="With Stern", date_year=1950, series=season)
    CreditFactory(event=played, agent=soloist)
    EventFactory(name="Without", date_year=1951, series=season, kind=Event.Kind.RECITAL)
    EventFactory(name="Undated")

    def names(query: str) -> list[str]:
        return [e["name"] for e in api_client.get(f"/api/v1/events?{query}").json()["items"]]

    assert names(f"agent={soloist.pk}") == ["With Stern"]
    assert names(f"season={season.pk}") == ["With Stern", "Without"]
    assert names("year=1951") == ["Without"] and names("kind=recital") == ["Without"]
    assert names("") == ["With Stern", "Without", "Undated"]  # the undated last
    assert names("ordering=-date") == ["Undated", "Without", "With Stern"]
    problem(api_client.get("/api/v1/events?kind=opera"), 400)
    problem(api_client.get("/api/v1/events?agent=999999"), 404)
