"""Search: the search page's own matches, by kind."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import problem
from tests.factories import AgentFactory, EventFactory, PlaceFactory, WorkFactory

pytestmark = pytest.mark.django_db(transaction=False)


def test_search_finds_each_kind_as_the_page_does(api_client: Client) -> None:
    AgentFactory(name="Isaac Stern")
    WorkFactory(title="Stern Variations")
    PlaceFactory(name="Stern Auditorium")
    EventFactory(name="Stern at Carnegie Hall", date_year=1960)
    body = api_client.get("/api/v1/search?q=stern").json()
    assert body["totals"] == {"people": 1, "works": 1, "places": 1, "events": 1}
    assert body["people"][0]["name"] == "Isaac Stern"
    assert body["events"][0]["date"]["iso"] == "1960"
    page = Client().get("/search/?q=stern").content.decode()
    assert all(hit[0]["url"] in page for hit in (body["people"], body["works"], body["places"]))
    only = api_client.get("/api/v1/search?q=stern&kind=works").json()
    assert only["people"] == [] and [w["name"] for w in only["works"]] == ["Stern Variations"]
    assert api_client.get("/api/v1/search?q=%20").json()["totals"] == {
        "people": 0,
        "works": 0,
        "places": 0,
        "events": 0,
    }
    problem(api_client.get("/api/v1/search"), 400)
    problem(api_client.get("/api/v1/search?q=x&kind=gossip"), 400)
