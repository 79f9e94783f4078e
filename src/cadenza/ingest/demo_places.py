"""Real places the demo record needs: cities with coordinates and zones, Carnegie Hall."""

from __future__ import annotations

from cadenza.places.models import Place
from cadenza.places.services import place_ensure, place_name_add


def load_places() -> dict[str, Place]:
    russia = place_ensure(name="Russia", kind=Place.Kind.COUNTRY, country_code="RU")
    usa = place_ensure(name="United States", kind=Place.Kind.COUNTRY, country_code="US")
    europe = place_ensure(name="Europe", kind=Place.Kind.REGION)
    asia = place_ensure(name="Asia", kind=Place.Kind.REGION)
    moscow = place_ensure(
        name="Moscow",
        kind=Place.Kind.CITY,
        parent=russia,
        country_code="RU",
        latitude=55.755833,
        longitude=37.617222,
        timezone="Europe/Moscow",
    )
    new_york = place_ensure(
        name="New York City",
        kind=Place.Kind.CITY,
        parent=usa,
        country_code="US",
        latitude=40.712778,
        longitude=-74.006111,
        timezone="America/New_York",
    )
    carnegie = place_ensure(
        name="Carnegie Hall",
        kind=Place.Kind.BUILDING,
        parent=new_york,
        country_code="US",
        address="881 Seventh Avenue (57th Street and Seventh Avenue), New York, NY 10019",
        latitude=40.7651,
        longitude=-73.9799,
        timezone="America/New_York",
        description="Concert hall in Midtown Manhattan, opened in 1891.",
    )
    place_name_add(
        place=carnegie,
        name="Music Hall",
        start_year=1891,
        end_year=1893,
        note="Opened as the Music Hall founded by Andrew Carnegie.",
    )
    place_name_add(place=carnegie, name="Carnegie Hall", start_year=1893)
    stern = place_ensure(
        name="Stern Auditorium / Perelman Stage",
        kind=Place.Kind.HALL,
        parent=carnegie,
        country_code="US",
        latitude=40.7651,
        longitude=-73.9799,
        timezone="America/New_York",
        capacity=2804,
        description="Carnegie Hall's main hall, on five levels.",
    )
    place_name_add(place=stern, name="Main Hall", start_year=1891, end_year=1997)
    place_name_add(place=stern, name="Isaac Stern Auditorium", start_year=1997, end_year=2006)
    place_name_add(place=stern, name="Stern Auditorium / Perelman Stage", start_year=2006)
    return {
        "Russia": russia,
        "Europe": europe,
        "Asia": asia,
        "Moscow": moscow,
        "New York City": new_york,
        "Carnegie Hall": carnegie,
        "Stern Auditorium": stern,
    }
