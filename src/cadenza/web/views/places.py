"""The page of a place: a hall, a building, a city or a country."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from cadenza.events.history_figures import place_performers, place_works_played
from cadenza.events.selectors import (
    EventFilter,
    event_filter,
    events_page,
    place_event_counts,
    place_events,
)
from cadenza.places.selectors import place_ancestors, place_get, place_timezone
from cadenza.web.jsonld import place_jsonld
from cadenza.web.views.common import PAGE_SIZE, canonical_redirect, wants_partial, whole_number


def _season(request: HttpRequest) -> int | None:
    value = request.GET.get("season", "")
    return whole_number(value)


def _narrowed(request: HttpRequest, season: int | None) -> EventFilter:
    """The list's filters from the address: ?season=, ?conductor=, ?soloist=, ?work= (ids)
    and ?sort=oldest."""
    return event_filter(
        season=season,
        **{
            name: whole_number(request.GET.get(name, ""))
            for name in ("conductor", "soloist", "work")
        },
        oldest=request.GET.get("sort") == "oldest",
    )


@require_safe
def place_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    place = place_get(pk=pk)
    if redirect := canonical_redirect(request, place, slug):
        return redirect
    # One grouped query counts the events in all and per season, so the list of one
    # page of events needs no count of its own.
    counts = place_event_counts(place=place)
    season = counts.of_season(_season(request))
    narrow = _narrowed(request, season.pk if season else None)
    events = place_events(place=place, narrow=narrow)
    # The counts per season are known; a list narrowed further is counted by its page.
    known = not (narrow.conductor or narrow.soloist or narrow.work)
    total = (season.count if season else counts.total) if known else None
    page = events_page(events, number=request.GET.get("page"), per_page=PAGE_SIZE, count=total)
    list_context = {
        "page": page,
        "target": "place-events",
        "season": season,
        "narrow": narrow,
        "with_highlights": True,
    }
    if wants_partial(request):
        return render(request, "web/_event_page.html", list_context)
    chain = place_ancestors(place)
    timezone = place_timezone(place)
    context = {
        **list_context,
        "place": place,
        "chain": chain,
        "timezone": timezone,
        "timezone_from": next((p for p in chain if p.timezone == timezone), None),
        "counts": counts,
        "jsonld": place_jsonld(request, place, chain),
    }
    return render(request, "web/place.html", context)


@require_safe
def place_history(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The works played most at a place and who performed there most: a part of the place
    page that htmx loads when it comes into view, and a page of its own without it."""
    place = place_get(pk=pk)
    if slug != place.slug:
        return redirect("place-history", pk=place.pk, slug=place.slug, permanent=True)
    context = {
        "place": place,
        "played": place_works_played(place=place),
        "performers": place_performers(place=place),
    }
    template = "web/_place_history.html" if wants_partial(request) else "web/place_history.html"
    return render(request, template, context)
