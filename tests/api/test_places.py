"""Places nesting through their parents, with coordinates, time zones and former names;
their events counted as the place page counts them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from cadenza.places.models import Place
from tests.api.conftest import problem
from tests.factories import CityFactory, PlaceFactory
from tests.web.records import venue_with_events

pytestmark = pytest.mark.django_db


def test_a_place_with_its_chain_names_inside_and_events(api_client: Client) -> None:
    building = venue_with_events(3)
    body = api_client.get(f"/api/v1/places/{building.pk}").json()
    assert body["name"] == "Musikverein" and body["kind"] == "building"
    assert [p["name"] for p in body["chain"]] == ["Vienna"]
    assert body["timezone"] == "Europe/Vienna"  # its city's
    assert body["names"][0]["name"] == "Gesellschaft der Musikfreunde"
    assert [p["name"] for p in body["inside"]] == ["Golden Hall"]
    html = Client().get(building.get_absolute_url()).content.decode()
    assert body["events"]["total"] == 6
    assert re.search(rf"\b{body['events']['total']}\b", html)
    events = api_client.get(body["event_list"] + "&limit=4").json()
    assert len(events["items"]) == 4 and events["next"]
    assert {e["venue"]["name"].split(",")[0] for e in events["items"]} <= {
        "Musikverein",
        "Golden Hall",
    }


@pytest.mark.parametrize("size", [2, 12])
def test_a_list_of_places_costs_one_query(
    api_client: Client, django_assert_num_queries: Any, size: int
) -> None:
    city = CityFactory(name="Vienna")
    for n in range(size):
        PlaceFactory(
            name=f"Hall {n:02}", parent=PlaceFactory(kind=Place.Kind.BUILDING, parent=city)
        )
    with django_assert_num_queries(1):  # parents joined up to the country
        body = api_client.get("/api/v1/places?kind=hall").json()
    assert len(body["items"]) == size and body["items"][0]["timezone"] == "Europe/Vienna"


def test_places_are_listed_and_filtered(api_client: Client) -> None:
    city = CityFactory(name="Vienna", country_code="AT", latitude="48.2082", longitude="16.3738")
    PlaceFactory(name="Konzerthaus", parent=city)
    PlaceFactory(name="Musikverein", kind=Place.Kind.BUILDING, parent=city)
    CityFactory(name="Graz", country_code="AT")
    halls = api_client.get(f"/api/v1/places?within={city.pk}").json()["items"]
    assert [p["name"] for p in halls] == ["Konzerthaus", "Musikverein"]
    assert halls[0]["parent"]["name"] == "Vienna" and halls[0]["timezone"] == "Europe/Vienna"
    cities = api_client.get("/api/v1/places?kind=city&country=at").json()["items"]
    assert [(p["name"], p["latitude"]) for p in cities] == [("Graz", None), ("Vienna", 48.2082)]
    problem(api_client.get("/api/v1/places?kind=planet"), 400)
