"""Venues keyed by (Venue, Location), placed in cities from the offline gazetteer."""

from __future__ import annotations

from dataclasses import dataclass

from cadenza.places import gazetteer
from cadenza.places.models import Place
from cadenza.places.services import place_ensure, place_name_add

NEW_YORK_BOROUGHS = {"manhattan", "brooklyn", "queens", "bronx", "staten island"}
# One hall, three names (Lincoln Center): the archive uses whichever name was current.
HALL_HISTORIES = {
    ("David Geffen Hall", "Manhattan, NY"): (
        ("Philharmonic Hall", 1962, 1973),
        ("Avery Fisher Hall", 1973, 2015),
        ("David Geffen Hall", 2015, None),
    ),
}
HALL_ALIASES = {
    (former, location): current
    for (current, location), names in HALL_HISTORIES.items()
    for former, _, _ in names
}
UNKNOWN_VENUES = {"unknown venue", ""}
NOWHERE = {"none", ""}


@dataclass
class VenueTally:
    added: int = 0
    unchanged: int = 0
    without_coordinates: int = 0


class VenueResolver:
    """Finds or creates the Place for each (Venue, Location), each pair once per run."""

    def __init__(self) -> None:
        self._places: dict[tuple[str, str], Place | None] = {}
        self._cities: dict[str, Place | None] = {}
        self.tally = VenueTally()

    def resolve(self, venue: str, location: str) -> Place | None:
        key = (venue, location)
        if key not in self._places:
            self._places[key] = self._resolve(venue, location)
        return self._places[key]

    def _resolve(self, venue: str, location: str) -> Place | None:
        city = self.city(location)
        if venue.lower() in UNKNOWN_VENUES:
            return city  # the archive knows the city, not the hall
        name = HALL_ALIASES.get((venue, location), venue)
        existing = Place.objects.filter(name=name, parent=city).first()
        if existing is not None:
            self.tally.unchanged += 1
            return existing
        place = place_ensure(
            name=name,
            kind=Place.Kind.BUILDING,
            parent=city,
            country_code=city.country_code if city else "",
            timezone=city.timezone if city else "",
        )
        for former, start, end in HALL_HISTORIES.get((name, location), ()):
            place_name_add(place=place, name=former, start_year=start, end_year=end)
        self.tally.added += 1
        return place

    def city(self, location: str) -> Place | None:
        if location not in self._cities:
            self._cities[location] = self._city(location)
        return self._cities[location]

    def _city(self, location: str) -> Place | None:
        if location.lower() in NOWHERE:
            return None
        parts = [p.strip() for p in location.split(",") if p.strip()]
        name, country_part, admin1 = parts[0], parts[-1], ""
        if len(parts) >= 2 and len(country_part) == 2 and country_part.isupper():
            admin1, country_part = country_part, "US"
        if len(parts) == 3 and parts[1].endswith(" de"):
            name = f"{parts[1]} {parts[0]}"  # 'Tenerife, Santa Cruz de' is Santa Cruz de Tenerife
        if admin1 == "NY" and name.lower() in NEW_YORK_BOROUGHS:
            name = "New York City"
        found_country = gazetteer.country(country_part)
        if found_country is None:
            # Not a city in a country ('High Seas (International Waters)'): kept as named.
            self.tally.without_coordinates += 1
            return place_ensure(name=location, kind=Place.Kind.OTHER)
        code, country_name = found_country
        country = place_ensure(name=country_name, kind=Place.Kind.COUNTRY, country_code=code)
        hit = gazetteer.city(name, country_code=code, admin1=admin1)
        if hit is None and len(parts) == 1:
            hit = gazetteer.city(country_name, country_code=code)  # city-states: Singapore
        if hit is None:
            self.tally.without_coordinates += 1
            return place_ensure(
                name=name.title() if name.isupper() else name,
                kind=Place.Kind.CITY,
                parent=country,
                country_code=code,
            )
        return place_ensure(
            name=hit.name,
            kind=Place.Kind.CITY,
            parent=country,
            country_code=code,
            latitude=hit.latitude,
            longitude=hit.longitude,
            timezone=hit.timezone,
        )
