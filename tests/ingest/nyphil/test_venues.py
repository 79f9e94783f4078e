"""Venues: halls in cities in countries, from the gazetteer; one city per place, in any order."""

from __future__ import annotations

import pytest
from django.db import transaction

from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.places.models import Place
from tests.ingest.nyphil.helpers import archive_file, content_of, release_program

pytestmark = pytest.mark.django_db


def test_venues_cities_and_the_lincoln_center_hall(imported):
    carnegie = Place.objects.get(name="Carnegie Hall")
    assert carnegie.events.filter(source_ref__startswith="concert").count() == 2
    assert carnegie.capacity is None and carnegie.parent.name == "New York City"
    geffen = Place.objects.get(name="David Geffen Hall")
    assert [(n.name, n.start_year, n.end_year) for n in geffen.names.all()] == [
        ("Philharmonic Hall", 1962, 1973),
        ("Avery Fisher Hall", 1973, 2015),
        ("David Geffen Hall", 2015, None),
    ]
    assert geffen.events.count() == 3
    assert not Place.objects.filter(name__in=["Avery Fisher Hall", "Philharmonic Hall"]).exists()
    auditoriums = Place.objects.filter(name="Municipal Auditorium")
    assert sorted(a.parent.name for a in auditoriums) == ["Lansing", "Sioux City"]
    vancouver = Place.objects.get(name="Vancouver", country_code="CA")
    assert vancouver.timezone == "America/Vancouver"
    assert vancouver.events.get().venue == vancouver  # 'Unknown Venue': the city is known
    vienna = Place.objects.get(name="Musikverein").parent
    assert (vienna.name, vienna.parent.name, vienna.timezone) == (
        "Vienna",
        "Austria",
        "Europe/Vienna",
    )
    seas = Place.objects.get(name="High Seas (International Waters)")
    assert seas.kind == Place.Kind.OTHER and not seas.timezone


def _concert(venue: str, location: str) -> dict:
    return {
        "eventType": "Tour",
        "Venue": venue,
        "Location": location,
        "Date": "1919-05-02T04:00:00Z",
    }


def test_two_cities_of_one_name_stay_two_in_any_order(tmp_path):
    ohio = archive_file(
        tmp_path / "oh.json",
        release_program("g-oh", concerts=[_concert("Memorial Hall", "Springfield, OH")]),
    )
    mass = archive_file(
        tmp_path / "ma.json",
        release_program("g-ma", concerts=[_concert("Municipal Auditorium", "Springfield, MA")]),
    )
    together = content_of([ohio, mass])
    assert content_of([ohio], [mass]) == together
    assert content_of([mass], [ohio]) == together
    with transaction.atomic():
        import_nyphil([mass])
        import_nyphil([ohio])
        halls = {
            p.name: (p.parent.name, round(float(p.parent.longitude), 1))
            for p in Place.objects.filter(kind=Place.Kind.BUILDING).select_related("parent")
        }
        transaction.set_rollback(True)
    assert halls["Memorial Hall"] == ("Springfield", -83.8)  # Ohio
    assert halls["Municipal Auditorium"] == ("Springfield", -72.6)  # Massachusetts
