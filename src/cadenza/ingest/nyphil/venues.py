"""Venues keyed by (Venue, Location), placed in cities from the offline gazetteer.

Venues are noted on a first pass and created together by flush(): countries, then
cities, then halls, each level in one insert.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cadenza.bulkinsert import IdBlocks
from cadenza.places import gazetteer
from cadenza.places.models import Place
from cadenza.places.services import PlaceNameRow, PlaceRow, place_names_insert, places_insert

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
NEAR_DEGREES = 0.5  # a city of the same name this close is the same city
NOWHERE = {"none", ""}


@dataclass(frozen=True)
class _Spec:
    """A place to find or create: its name, kind and parent spec, and what the gazetteer knows."""

    name: str
    kind: str
    parent: _Spec | None = None
    country_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    timezone: str = ""


def _spec_key(spec: _Spec) -> tuple[str, str, tuple[str, ...], str]:
    """Kind and name, then the names up its chain: a total order of the specs of a level."""
    chain: list[str] = []
    node = spec.parent
    while node is not None:
        chain.append(node.name)
        node = node.parent
    return (spec.kind, spec.name, tuple(chain), repr(spec))


@dataclass
class VenueTally:
    added: int = 0
    unchanged: int = 0


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


class VenueResolver:
    def __init__(self, *, ids: IdBlocks) -> None:
        self._blocks = ids
        self._specs: dict[tuple[str, str], _Spec | None] = {}
        self._cities: dict[str, _Spec | None] = {}
        self._places: dict[_Spec, Place] = {}
        self._locations: dict[_Spec, str] = {}
        self._resolved: dict[tuple[str, str], Place | None] = {}
        self._pending: list[_Spec] = []  # noted since the last flush()
        self._existing: dict[tuple[str, str, int | None], list[Place]] = {}
        for place in Place.objects.order_by("pk"):
            self._existing.setdefault((place.name, place.kind, place.parent_id), []).append(place)
        self.tally = VenueTally()

    # First pass ----------------------------------------------------------------------------

    def note(self, venue: str, location: str) -> None:
        key = (venue, location)
        if key not in self._specs:
            city = self._city(location)
            if venue.lower() in UNKNOWN_VENUES:
                self._specs[key] = city  # the archive knows the city, not the hall
                if city is not None:
                    self._pending.append(city)
            else:
                name = HALL_ALIASES.get(key, venue)
                spec = _Spec(
                    name=name,
                    kind=Place.Kind.BUILDING,
                    parent=city,
                    country_code=city.country_code if city else "",
                    timezone=city.timezone if city else "",
                )
                self._specs[key] = spec
                self._locations[spec] = location
                self._pending.append(spec)

    def _city(self, location: str) -> _Spec | None:
        if location not in self._cities:
            self._cities[location] = self._read_location(location)
        return self._cities[location]

    def _read_location(self, location: str) -> _Spec | None:
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
        found = gazetteer.country(country_part)
        if found is None:
            # Not a city in a country ('High Seas (International Waters)'): kept as named.
            return _Spec(name=location, kind=Place.Kind.OTHER)
        code, country_name = found
        country = _Spec(name=country_name, kind=Place.Kind.COUNTRY, country_code=code)
        hit = gazetteer.city(name, country_code=code, admin1=admin1)
        if hit is None and len(parts) == 1:
            hit = gazetteer.city(country_name, country_code=code)  # city-states: Singapore
        if hit is None:
            shown = name.title() if name.isupper() else name
            return _Spec(name=shown, kind=Place.Kind.CITY, parent=country, country_code=code)
        return _Spec(
            name=hit.name,
            kind=Place.Kind.CITY,
            parent=country,
            country_code=code,
            latitude=hit.latitude,
            longitude=hit.longitude,
            timezone=hit.timezone,
        )

    # Writing -------------------------------------------------------------------------------

    def flush(self) -> list[Place]:
        """Create the places noted since the last flush, level by level; returns the new
        ones (for citing)."""
        specs = set(self._pending)
        self._pending.clear()
        levels: list[set[_Spec]] = [set(), set(), set()]
        for spec in specs:
            chain = []
            node: _Spec | None = spec
            while node is not None:
                chain.append(node)
                node = node.parent
            for depth, member in enumerate(reversed(chain)):
                levels[depth].add(member)
        created: list[Place] = []
        for level in levels:
            # Numbered in an order of their own: a set's is the hash seed's, and two halls of
            # one name in two cities would change ids from one run to the next.
            created += self._create(sorted(level, key=_spec_key))
        return created

    def _create(self, specs: list[_Spec]) -> list[Place]:
        new: list[tuple[_Spec, Place]] = []
        for spec in specs:
            if spec in self._places:
                continue
            parent = self._places[spec.parent] if spec.parent else None
            parent_id = parent.pk if parent else None
            found = self._find(spec, spec.kind, parent_id)
            if found is None and spec.kind == Place.Kind.BUILDING:
                found = self._find(spec, Place.Kind.HALL, parent_id)
            if found is not None:
                self._places[spec] = found
                if spec.kind in (Place.Kind.BUILDING, Place.Kind.OTHER):
                    self.tally.unchanged += 1
                continue
            # Not saved here: the rows go to places_insert, and this stands for the place.
            place = Place(
                name=spec.name,
                kind=spec.kind,
                parent_id=parent.pk if parent else None,
                country_code=spec.country_code,
                latitude=_decimal(spec.latitude),
                longitude=_decimal(spec.longitude),
                timezone=spec.timezone,
            )
            new.append((spec, place))
        rows, names = [], []
        for pk, (spec, place) in zip(self._blocks.take(Place, len(new)), new, strict=True):
            place.pk = pk
            rows.append(
                PlaceRow(
                    pk,
                    place.name,
                    place.kind,
                    place.parent_id,
                    place.country_code,
                    place.latitude,
                    place.longitude,
                    place.timezone,
                )
            )
            self._places[spec] = place
            self._existing.setdefault((place.name, place.kind, place.parent_id), []).append(place)
            if spec.kind in (Place.Kind.BUILDING, Place.Kind.OTHER):
                self.tally.added += 1
            history = HALL_HISTORIES.get((spec.name, self._locations.get(spec, "")), ())
            names += [PlaceNameRow(pk, former, start, end) for former, start, end in history]
        if rows:
            places_insert(rows=rows)
        if names:
            place_names_insert(rows=names)
        return [place for _, place in new]

    def _find(self, spec: _Spec, kind: str, parent_id: int | None) -> Place | None:
        """The place in the record that `spec` names. Two cities of one name in one country
        (Springfield, MA and Springfield, OH) are told apart by where they are: a city
        is joined only to one within NEAR_DEGREES, or, where either has no coordinates,
        to one that has none either."""
        for place in self._existing.get((spec.name, kind, parent_id), ()):
            if kind != Place.Kind.CITY:
                return place
            if spec.latitude is None or spec.longitude is None or place.latitude is None:
                if spec.latitude is None and place.latitude is None:
                    return place
                continue
            assert place.longitude is not None
            if (
                abs(float(place.latitude) - spec.latitude) <= NEAR_DEGREES
                and abs(float(place.longitude) - spec.longitude) <= NEAR_DEGREES
            ):
                return place
        return None

    def place(self, venue: str, location: str) -> Place | None:
        """The place for a (Venue, Location) pair noted before flush()."""
        key = (venue, location)
        if key not in self._resolved:
            spec = self._specs[key]
            self._resolved[key] = self._places[spec] if spec is not None else None
        return self._resolved[key]
