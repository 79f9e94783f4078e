"""Writes for places. Natural keys keep repeated loads from creating duplicates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cadenza.places.models import Place, PlaceName


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
    existing = PlaceName.objects.filter(place=place, name=name).first()
    if existing is not None:
        return existing
    place_name = PlaceName(
        place=place, name=name, start_year=start_year, end_year=end_year, note=note
    )
    place_name.full_clean()
    place_name.save()
    return place_name
