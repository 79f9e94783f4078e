from __future__ import annotations

import pytest

from cadenza.places.models import Place
from tests.factories import CityFactory, PlaceFactory, PlaceNameFactory

pytestmark = pytest.mark.django_db


def test_place_admin_pages_show_the_place_and_its_former_names(admin_pages, superuser_client):
    city = CityFactory(name="New York")
    hall = PlaceFactory(name="David Geffen Hall", parent=city, timezone="America/New_York")
    PlaceNameFactory(place=hall, name="Avery Fisher Hall", start_year=1973, end_year=2015)

    admin_pages(hall, search="Geffen")

    change = superuser_client.get(f"/admin/places/place/{hall.pk}/change/").content.decode()
    assert "Avery Fisher Hall" in change  # the PlaceName inline
    assert "America/New_York" in change


def test_place_search_finds_a_hall_by_a_former_name(superuser_client):
    hall = PlaceFactory(name="David Geffen Hall")
    PlaceNameFactory(place=hall, name="Philharmonic Hall")
    PlaceFactory(name="Wigmore Hall")

    body = superuser_client.get("/admin/places/place/", {"q": "Philharmonic"}).content.decode()

    assert "David Geffen Hall" in body
    assert "Wigmore Hall" not in body


def test_place_admin_adds_a_hall_with_a_former_name(superuser_client):
    response = superuser_client.post(
        "/admin/places/place/add/",
        {
            "name": "Carnegie Hall",
            "kind": "building",
            "timezone": "America/New_York",
            "capacity": "2804",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-name": "Music Hall",
            "names-0-start_year": "1891",
            "names-0-end_year": "1893",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    hall = Place.objects.get(name="Carnegie Hall")
    assert hall.capacity == 2804
    assert [n.name for n in hall.names.all()] == ["Music Hall"]


def test_place_admin_rejects_an_unknown_time_zone(superuser_client):
    response = superuser_client.post(
        "/admin/places/place/add/",
        {
            "name": "Nowhere Hall",
            "kind": "hall",
            "timezone": "Mars/Olympus_Mons",
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "is not an IANA time zone" in response.content.decode()
    assert not Place.objects.filter(name="Nowhere Hall").exists()


def test_place_name_admin_pages(admin_pages):
    admin_pages(PlaceNameFactory(name="Avery Fisher Hall"), search="Avery")
