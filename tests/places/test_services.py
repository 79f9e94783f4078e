import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cadenza.places.models import Place, PlaceName, validate_timezone
from cadenza.places.services import place_ensure, place_name_add

pytestmark = pytest.mark.django_db


def test_place_ensure_creates_once_and_fills_missing_details_without_overwriting():
    city = place_ensure(name="Vienna", kind=Place.Kind.CITY, timezone="Europe/Vienna")
    again = place_ensure(
        name="Vienna", kind=Place.Kind.CITY, timezone="Europe/Berlin", latitude=48.2082
    )
    assert again.pk == city.pk
    again.refresh_from_db()
    assert again.timezone == "Europe/Vienna"
    assert again.latitude == Decimal("48.208200")
    assert Place.objects.count() == 1


def test_same_name_in_different_parents_are_different_places():
    a = place_ensure(name="Springfield", kind=Place.Kind.CITY)
    b_parent = place_ensure(name="Illinois", kind=Place.Kind.REGION)
    b = place_ensure(name="Springfield", kind=Place.Kind.CITY, parent=b_parent)
    assert a.pk != b.pk


def test_place_rejects_unknown_time_zone_and_bad_coordinates():
    with pytest.raises(ValidationError, match="IANA time zone"):
        place_ensure(name="Nowhere", kind=Place.Kind.CITY, timezone="Mars/Olympus")
    with pytest.raises(ValidationError):
        place_ensure(name="Pole", kind=Place.Kind.CITY, latitude=91)
    assert Place.objects.count() == 0


def test_former_names_are_kept_once_with_their_years():
    hall = place_ensure(name="David Geffen Hall", kind=Place.Kind.HALL)
    place_name_add(place=hall, name="Philharmonic Hall", start_year=1962, end_year=1973)
    place_name_add(place=hall, name="Philharmonic Hall", start_year=1962, end_year=1973)
    place_name_add(place=hall, name="Avery Fisher Hall", start_year=1973, end_year=2015)
    assert [str(n) for n in hall.names.all()] == [
        "Philharmonic Hall (1962–1973)",
        "Avery Fisher Hall (1973–2015)",
    ]


def test_a_name_cannot_end_before_it_starts():
    hall = place_ensure(name="Hall", kind=Place.Kind.HALL)
    with pytest.raises(ValidationError):
        place_name_add(place=hall, name="Old Hall", start_year=1990, end_year=1980)
    assert PlaceName.objects.count() == 0


def test_time_zones_are_those_zoneinfo_lists_and_nothing_else():
    for key in zoneinfo.available_timezones():
        validate_timezone(key)
    for wrong in ["America", "america/new_york", "Mars/Olympus", "../etc/passwd", "posixrules"]:
        with pytest.raises(ValidationError, match="IANA time zone"):
            validate_timezone(wrong)
