"""Places: countries, cities, buildings and halls nesting through their parents, with
coordinates, time zones, capacities and former names; a place's events counted per season
as its page counts them (`events.selectors.place_event_counts`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from cadenza.api.pagination import page_of, paginate
from cadenza.api.refs import CURSOR, LIMIT, Ref, ordering_param, ref
from cadenza.events.selectors import place_event_counts
from cadenza.places.models import Place
from cadenza.places.selectors import place_ancestors, place_get, place_timezone, place_with_chain

router = Router(tags=["places"])

ORDERINGS = {"name": [Lower("name")], "id": []}
Kind = Literal["country", "region", "city", "building", "hall", "other"]
assert set(Kind.__args__) == set(Place.Kind.values)  # type: ignore[attr-defined]


class PlaceItem(Schema):
    id: int
    name: str
    kind: str
    parent: Ref | None
    country_code: str
    latitude: float | None
    longitude: float | None
    timezone: str = Field(description="IANA, its own or the nearest parent's")
    capacity: int | None
    url: str


class FormerName(Schema):
    name: str
    start_year: int | None
    end_year: int | None
    note: str


class SeasonCount(Schema):
    season: Ref
    count: int


class EventCounts(Schema):
    total: int = Field(description="events here and in the places inside, as its page counts")
    seasons: list[SeasonCount] = Field(description="per season, newest first")


class PlaceDetail(PlaceItem):
    address: str
    description: str
    chain: list[Ref] = Field(description="where it sits, nearest first: building, city, country")
    names: list[FormerName]
    inside: list[Ref] = Field(description="the places inside it")
    events: EventCounts
    event_list: str = Field(description="its events, in this API")


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _item(place: Place) -> dict[str, Any]:
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "parent": ref(place.parent),
        "country_code": place.country_code,
        "latitude": _number(place.latitude),
        "longitude": _number(place.longitude),
        "timezone": place_timezone(place),
        "capacity": place.capacity,
        "url": place.get_absolute_url(),
    }


def _rows() -> QuerySet[Place]:
    return place_with_chain()


@router.get("", response=page_of(PlaceItem), summary="List places", operation_id="places")
def places(
    request: HttpRequest,
    q: str | None = Query(None, max_length=200, description="part of the name, now or former"),
    kind: Kind | None = None,
    within: int | None = Query(None, ge=1, le=2**62, description="directly inside this place"),
    country: str | None = Query(None, min_length=2, max_length=2, description="ISO 3166-1"),
    ordering: str = ordering_param(ORDERINGS, "name"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> Any:
    rows = _rows()
    if q:
        q = q.strip()
        rows = rows.filter(Q(name__icontains=q) | Q(names__name__icontains=q)).distinct()
    if kind:
        rows = rows.filter(kind=kind)
    if within is not None:
        rows = rows.filter(parent_id=within)
    if country:
        rows = rows.filter(country_code__iexact=country)
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
    )
    return {"items": [_item(p) for p in page.items], "next": page.next}


@router.get("/{int:pk}", response=PlaceDetail, summary="One place", operation_id="place")
def place(request: HttpRequest, pk: int) -> Any:
    found = place_get(pk=pk)
    counts = place_event_counts(place=found)
    return {
        **_item(found),
        "address": found.address,
        "description": found.description,
        "chain": [ref(p) for p in place_ancestors(found)],
        "names": [
            {"name": n.name, "start_year": n.start_year, "end_year": n.end_year, "note": n.note}
            for n in found.names.all()
        ],
        "inside": [ref(p) for p in found.children.all()],
        "events": {
            "total": counts.total,
            "seasons": [
                {
                    "season": {"id": s.pk, "name": s.name, "url": reverse("series", args=[s.pk])},
                    "count": s.count,
                }
                for s in counts.seasons
            ],
        },
        "event_list": f"/api/v1/events?venue={found.pk}",
    }
