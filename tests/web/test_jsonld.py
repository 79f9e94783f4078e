"""schema.org JSON-LD on the public pages, read back as a search engine would."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from cadenza.events.models import Event
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

pytestmark = pytest.mark.django_db


def jsonld(client: Client, url: str) -> dict:
    page = client.get(url).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found, f"no JSON-LD on {url}"
    return json.loads(found.group(1))


@pytest.fixture
def demo() -> None:
    load_demo()


def test_a_concert_with_a_sub_event_per_work(client: Client, demo: None):
    event = Event.objects.get(name="Alessio Leonardo Inzaghi at Carnegie Hall")
    data = jsonld(client, event.get_absolute_url())
    assert data["@type"] == "MusicEvent"
    assert data["location"]["name"] in {"Carnegie Hall", "Stern Auditorium / Perelman Stage"}
    (sub,) = data["subEvent"]
    assert sub["@type"] == "MusicEvent"
    assert sub["workPerformed"]["name"] == "Cello Suite No. 1 in G major, BWV 1007"
    assert sub["name"] == "Cello Suite No. 1 in G major, BWV 1007"  # as the page titles it
    assert sub["workPerformed"]["url"].startswith("http://testserver/works/")
    assert sub["performer"] == [{"@type": "Person", "name": "Alessio Leonardo Inzaghi"}]
    assert sub["location"] == data["location"]


def test_person_place_and_work(client: Client, demo: None):
    person = jsonld(client, Agent.objects.get(name="Alessio Kalmurzaev").get_absolute_url())
    assert person["@type"] == "Person"
    assert person["birthPlace"] == {"@type": "Place", "name": "Moscow"}
    hall = Place.objects.filter(capacity__isnull=False, name__startswith="Stern").first()
    assert hall is not None
    place = jsonld(client, hall.get_absolute_url())
    assert place["@type"] == "MusicVenue"
    assert place["maximumAttendeeCapacity"] == 2804
    building = place["containedInPlace"]
    assert (building["@type"], building["name"]) == ("MusicVenue", "Carnegie Hall")
    assert building["containedInPlace"]["name"] == "New York City"
    work = jsonld(client, Work.objects.get(catalogue_numbers__number="1007").get_absolute_url())
    assert work["@type"] == "MusicComposition"
    assert "BWV 1007" in work["identifier"]
    assert work["composer"] == [{"@type": "Person", "name": "Johann Sebastian Bach"}]
