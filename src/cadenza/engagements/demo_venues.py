"""The festivals and halls of the bookings demo: real ones, in their cities as GeoNames
places them, each with its country's time zone (as `ingest/demo_places.py` is for the
record's own places)."""

from __future__ import annotations

from typing import NamedTuple

from cadenza.people.models import Agent
from cadenza.people.services import agent_ensure
from cadenza.places.models import Place
from cadenza.places.services import place_ensure

# Each country's name as GeoNames gives it, and its time zone ("" where it has several:
# each hall says its own).
COUNTRIES = {
    "AT": ("Austria", "Europe/Vienna"),
    "CH": ("Switzerland", "Europe/Zurich"),
    "DE": ("Germany", "Europe/Berlin"),
    "FR": ("France", "Europe/Paris"),
    "GB": ("United Kingdom", "Europe/London"),
    "JP": ("Japan", "Asia/Tokyo"),
    "KR": ("South Korea", "Asia/Seoul"),
    "RU": ("Russia", "Europe/Moscow"),
    "SG": ("Singapore", "Asia/Singapore"),
    "US": ("United States", ""),
}


class Venue(NamedTuple):
    """A festival's hall; its city where GeoNames puts it."""

    presenter: str
    building: str
    city: str
    country_code: str
    latitude: float
    longitude: float

    @property
    def timezone(self) -> str:
        return COUNTRIES[self.country_code][1]


VERBIER = Venue("Verbier Festival", "Salle des Combins", "Verbier", "CH", 46.1002, 7.2265)
LUCERNE = Venue("Lucerne Festival", "KKL Luzern", "Luzern", "CH", 47.0505, 8.3064)
RHEINGAU = Venue("Rheingau Musik Festival", "Kloster Eberbach", "Eltville", "DE", 50.0286, 8.1175)
SCHLESWIG_HOLSTEIN = Venue(
    "Schleswig-Holstein Musik Festival", "Musik- und Kongresshalle Lübeck", "Lübeck", "DE",
    53.8689, 10.6873,
)  # fmt: skip
SALZBURG = Venue(
    "Salzburg Festival", "Großer Saal, Stiftung Mozarteum", "Salzburg", "AT", 47.7994, 13.044
)
EDINBURGH = Venue(
    "Edinburgh International Festival", "Usher Hall", "Edinburgh", "GB", 55.9521, -3.1965
)
SAPPORO = Venue(
    "Pacific Music Festival", "Sapporo Concert Hall Kitara", "Sapporo", "JP", 43.0667, 141.35
)
MATSUMOTO = Venue(
    "Seiji Ozawa Matsumoto Festival", "Matsumoto Harmony Hall", "Matsumoto", "JP",
    36.2333, 137.9667,
)  # fmt: skip
PYEONGCHANG = Venue(
    "Music in PyeongChang", "Alpensia Concert Hall", "Pyeongchang", "KR", 37.3703, 128.3931
)
LEIPZIG = Venue("Bachfest Leipzig", "Thomaskirche", "Leipzig", "DE", 51.3396, 12.3713)


def hall_of(venue: Venue) -> Place:
    name = COUNTRIES[venue.country_code][0]
    country = place_ensure(name=name, kind=Place.Kind.COUNTRY, country_code=venue.country_code)
    city = place_ensure(
        name=venue.city,
        kind=Place.Kind.CITY,
        parent=country,
        country_code=venue.country_code,
        latitude=venue.latitude,
        longitude=venue.longitude,
        timezone=venue.timezone,
    )
    return place_ensure(
        name=venue.building,
        kind=Place.Kind.BUILDING,
        parent=city,
        country_code=venue.country_code,
        timezone=venue.timezone,
    )


def presenter_ensure(name: str, based_in: Place | None = None) -> Agent:
    return agent_ensure(name=name, kind=Agent.Kind.ORGANISATION, based_in=based_in)
