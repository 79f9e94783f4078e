"""The page of a place: a hall, a building, a city or a country."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadenza.events.selectors import place_events
from cadenza.places.selectors import place_ancestors, place_get, place_timezone
from cadenza.web.jsonld import place_jsonld
from cadenza.web.views.common import canonical_redirect, paginate, wants_partial


@require_GET
def place_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    place = place_get(pk=pk)
    if redirect := canonical_redirect(request, place, slug):
        return redirect
    page = paginate(request, place_events(place=place))
    if wants_partial(request):
        return render(request, "web/_event_page.html", {"page": page, "target": "place-events"})
    chain = place_ancestors(place)
    timezone = place_timezone(place)
    context = {
        "place": place,
        "chain": chain,
        "timezone": timezone,
        "timezone_from": next((p for p in chain if p.timezone == timezone), None),
        "page": page,
        "jsonld": place_jsonld(request, place),
    }
    return render(request, "web/place.html", context)
