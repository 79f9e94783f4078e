"""Writes for places. Natural keys keep repeated loads from creating duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError

from cadenza import bulkinsert
from cadenza.folding import clean_name
from cadenza.places.models import Place, PlaceName, validate_timezone


def place_ensure(
    *,
    name: str,
    kind: str,
    parent: Place | None = None,
    latitude: float | Decimal | None = None,
    longitude: float | Decimal | None = None,
    **details: Any,
) -> Place:
    """Find a place by (name, kind, parent) or create it; fill in details it lacks.

    Details already present are never overwritten, so edits made by users survive reloads.
    """
    name = clean_name(name)
    place = Place.objects.filter(name=name, kind=kind, parent=parent).first()
    values: dict[str, Any] = dict(details)
    if latitude is not None:
        values["latitude"] = Decimal(str(latitude)).quantize(Decimal("0.000001"))
    if longitude is not None:
        values["longitude"] = Decimal(str(longitude)).quantize(Decimal("0.000001"))
    if place is None:
        place = Place(name=name, kind=kind, parent=parent, **values)
        place.full_clean()
        place.save()
        return place
    changed = [f for f, v in values.items() if v not in (None, "") and not getattr(place, f)]
    for field in changed:
        setattr(place, field, values[field])
    if changed:
        place.full_clean()
        place.save(update_fields=changed)
    return place


def place_name_add(
    *,
    place: Place,
    name: str,
    start_year: int | None = None,
    end_year: int | None = None,
    note: str = "",
) -> PlaceName:
    """Record a name the place carried (a former name, or the current one with its start)."""
    name = clean_name(name)
    existing = PlaceName.objects.filter(place=place, name=name).first()
    if existing is not None:
        return existing
    place_name = PlaceName(
        place=place, name=name, start_year=start_year, end_year=end_year, note=note
    )
    place_name.full_clean()
    place_name.save()
    return place_name


_KINDS = frozenset(Place.Kind.values)  # each importer row is checked against it


def place_problems(place: Place) -> list[str]:
    """What full_clean would reject, checked in Python (full_clean queries per row)."""
    problems = []
    if not place.name.strip() or len(place.name) > 200:
        problems.append(f"name must be 1 to 200 characters, got {place.name!r}")
    if place.kind not in _KINDS:
        problems.append(f"kind must be one of {Place.Kind.values}, not {place.kind!r}")
    if place.timezone:
        try:
            validate_timezone(place.timezone)
        except ValidationError as error:
            problems += error.messages
    if place.latitude is not None and not -90 <= place.latitude <= 90:
        problems.append(f"latitude must be -90 to 90, not {place.latitude}")
    if place.longitude is not None and not -180 <= place.longitude <= 180:
        problems.append(f"longitude must be -180 to 180, not {place.longitude}")
    return problems


class PlaceRow(NamedTuple):
    id: int
    name: str
    kind: str
    parent_id: int | None
    country_code: str
    latitude: Decimal | None
    longitude: Decimal | None
    timezone: str


class PlaceNameRow(NamedTuple):
    place_id: int
    name: str
    start_year: int | None
    end_year: int | None


def places_insert(*, rows: Sequence[PlaceRow]) -> int:
    """Create many places with ids chosen by the caller (importers), checked as
    place_ensure checks them."""
    for row in rows:
        problems = place_problems(Place(**row._asdict()))
        if problems:
            raise ValidationError(f"Place {row.name!r}: {'; '.join(problems)}.")
    return bulkinsert.insert_tuples(Place, rows)


def place_names_insert(*, rows: Sequence[PlaceNameRow]) -> int:
    """Former names of places (importers)."""
    for row in rows:
        if row.start_year and row.end_year and row.end_year < row.start_year:
            raise ValueError(f"Place name {row.name!r}: it ends before it starts.")
    return bulkinsert.insert_tuples(PlaceName, rows)
