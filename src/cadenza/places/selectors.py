"""Reads for places: one place with where it sits, its names and what is inside it."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cadenza.places.models import Place, PlaceName

# Hall → building → city → region → country: enough levels to reach the country in one query.
PARENT_CHAIN = "parent__parent__parent__parent"


def place_with_chain() -> QuerySet[Place]:
    """Places with their parents up to the country joined in, for labels and time zones."""
    return Place.objects.select_related(PARENT_CHAIN)


def place_get(*, pk: int) -> Place:
    """One place with its parent chain, former names and the places inside it."""
    return get_object_or_404(
        place_with_chain().prefetch_related(
            Prefetch("names", queryset=PlaceName.objects.order_by("start_year", "name")),
            Prefetch("children", queryset=Place.objects.order_by("kind", "name")),
        ),
        pk=pk,
    )


def place_ancestors(place: Place) -> list[Place]:
    """Where the place sits, nearest first (hall → building → city → country).

    Uses the parents already joined by `place_with_chain`; deeper levels cost a query each.
    """
    chain: list[Place] = []
    current = place.parent
    seen = {place.pk}
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def place_city(place: Place) -> Place | None:
    """The city the place is in (itself when it is one)."""
    return next((p for p in place_ancestors(place) if p.kind == Place.Kind.CITY), None)


def place_label(place: Place | None) -> str:
    """ "Carnegie Hall, New York": the place and the city it is in (parents joined in)."""
    if place is None:
        return ""
    city = place_city(place)
    return f"{place.name}, {city.name}" if city is not None else place.name


def place_timezone(place: Place | None) -> str:
    """The place's IANA time zone, or the nearest parent's (a hall takes its city's)."""
    while place is not None:
        if place.timezone:
            return place.timezone
        place = place.parent
    return ""


def place_capacity(place: Place | None) -> int | None:
    """Seats in the place, or in the building around it when only the building knows."""
    while place is not None:
        if place.capacity:
            return place.capacity
        if place.kind not in (Place.Kind.HALL, Place.Kind.BUILDING, Place.Kind.OTHER):
            return None
        place = place.parent
    return None


VENUE_KINDS = (Place.Kind.HALL, Place.Kind.BUILDING, Place.Kind.OTHER)


def venues_named(*, name: str) -> list[Place]:
    """Halls and buildings called `name`, now or formerly, with their cities joined in
    (several when two cities have a hall of one name: the caller asks which)."""
    name = " ".join(name.split())
    return list(
        place_with_chain()
        .filter(Q(name__iexact=name) | Q(names__name__iexact=name), kind__in=VENUE_KINDS)
        .distinct()
        .order_by("name", "pk")[:10]
    )


def cities_named(*, name: str) -> list[Place]:
    """Cities called `name`, now or formerly, with their countries joined in; when none is,
    those whose name begins so ('New York' finds 'New York City'). Several: the caller asks."""
    name = " ".join(name.split())
    if not name:
        return []
    cities = place_with_chain().filter(kind=Place.Kind.CITY)
    exact = cities.filter(Q(name__iexact=name) | Q(names__name__iexact=name)).distinct()
    return list(exact.order_by("name", "pk")[:10]) or list(
        cities.filter(name__istartswith=name).order_by("name", "pk")[:10]
    )
