"""The person page's map: only places with a spot on it are drawn, a country at its
capital; countries and regions named without a venue ("festivals in Europe") are listed
beside the map and not counted as venues."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from cadenza.places.models import Place
from cadenza.web.maps import project
from tests.factories import AgentFactory, CityFactory, CreditFactory, EventFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.find("</section>", start)]


def test_regions_are_listed_not_drawn_and_a_country_is_marked_at_its_capital(client: Client):
    person = AgentFactory(name="Ada Touring")
    new_york = CityFactory(
        name="New York", latitude=Decimal("40.7128"), longitude=Decimal("-74.006")
    )
    carnegie = PlaceFactory(name="Carnegie Hall", kind=Place.Kind.BUILDING, parent=new_york)
    russia = PlaceFactory(name="Russia", kind=Place.Kind.COUNTRY, country_code="RU")
    europe = PlaceFactory(name="Europe", kind=Place.Kind.REGION)
    asia = PlaceFactory(name="Asia", kind=Place.Kind.REGION)
    for venue in (carnegie, carnegie, russia, europe, asia):
        CreditFactory(event=EventFactory(venue=venue), agent=person)

    html = client.get(person.get_absolute_url()).content.decode()
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", _section(html, "figures-h")))
    assert figures["Venues"] == "1"  # Carnegie Hall; not Russia, Europe or Asia
    venues = _section(html, "venues-h")
    assert re.search(r'id="venues-h">Venues <span class="count">1</span>', venues)
    points = {
        label: (float(x), float(y))
        for x, y, label in re.findall(
            r'<circle class="map__point" cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+">'
            r"<title>([^<]+)</title>",
            venues,
        )
    }
    assert set(points) == {"Carnegie Hall, New York (2)", "Russia (1)"}
    moscow, siberia = project(55.75, 37.62), project(60, 100)
    assert points["Russia (1)"] == pytest.approx(moscow, abs=1)
    assert points["Russia (1)"] != pytest.approx(siberia, abs=50)
    areas = venues[venues.index('id="areas-h"') :]
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="count">(\d+)', areas)
    assert sorted(listed) == [("Asia", "1"), ("Europe", "1"), ("Russia", "1")]
