"""Browsing the record without typing: people by instrument and role, composers and their
works, places from country to hall, seasons and festivals (docs/pages.md)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from cadenza.events import browse
from cadenza.events.models import Credit, Series
from cadenza.events.selectors import events_page
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.web.views.common import PAGE_SIZE, whole_number

LIST_SIZE = 50  # rows of a browse list


def _page(request: HttpRequest, rows: Any, *, prefetch: tuple[str, ...] = ()) -> Page:
    """The page of a browse list the address asks for (?page=)."""
    return browse.page_of(
        rows, number=request.GET.get("page"), per_page=LIST_SIZE, prefetch=prefetch
    )


@require_safe
def browse_index(request: HttpRequest) -> HttpResponse:
    context = {
        "instruments": browse.instruments_played()[:12],
        "roles": browse.roles_credited(),
        "initials": browse.composer_initials(),
        "countries": browse.places_tree()[:12],
        "series_kinds": browse.series_kinds(),
    }
    return render(request, "web/browse/index.html", context)


@require_safe
def browse_people(request: HttpRequest) -> HttpResponse:
    """?instrument=violin or ?role=conductor; &sort=name (else most concerts first)."""
    by_name = request.GET.get("sort") == "name"
    context: dict[str, object] = {"by_name": by_name}
    instrument_name = request.GET.get("instrument", "")
    role = request.GET.get("role", "")
    if instrument_name:
        instrument = browse.instrument_named(instrument_name)
        if instrument is None:
            return redirect("browse-people")
        players = browse.players_of(instrument=instrument, by_name=by_name)
        context |= {
            "instrument": instrument,
            "page": _page(request, players),
        }
    elif role in Credit.Role.values:
        rows = browse.concerts_in_role(role, by_name=by_name)
        page = _page(request, rows)
        context |= {
            "role": role,
            "role_label": Credit.Role(role).label,
            "page": page,
            "credited": browse.credited_agents(list(page.object_list)),
        }
    else:
        context |= {"instruments": browse.instruments_played(), "roles": browse.roles_credited()}
    return render(request, "web/browse/people.html", context)


@require_safe
def browse_composers(request: HttpRequest) -> HttpResponse:
    letter = request.GET.get("letter", "")[:1].upper() or None
    rows = browse.composers(letter=letter)
    context = {
        "letter": letter,
        "initials": browse.composer_initials(),
        "page": _page(request, rows),
    }
    return render(request, "web/browse/composers.html", context)


@require_safe
def browse_works(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A composer's works (or, without one, the works no composer is named for), most
    played first (or ?sort=title)."""
    composer = get_object_or_404(Agent, pk=pk) if pk is not None else None
    by_title = request.GET.get("sort") == "title"
    works = browse.works_of(composer=composer, by_title=by_title)
    context = {
        "composer": composer,
        "by_title": by_title,
        "page": _page(request, works, prefetch=("catalogue_numbers", "aliases")),
    }
    return render(request, "web/browse/works.html", context)


@require_safe
def browse_places(request: HttpRequest) -> HttpResponse:
    """Countries, or the places inside ?within=<place>, each with the places inside it."""
    within_pk = whole_number(request.GET.get("within", ""))
    within = get_object_or_404(Place, pk=within_pk) if within_pk is not None else None
    context = {"within": within, "nodes": browse.places_tree(within=within)}
    return render(request, "web/browse/places.html", context)


@require_safe
def browse_series(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in Series.Kind.values else ""
    rows = browse.series_browsed(kind=kind or None)
    context = {
        "kind": kind,
        "kinds": browse.series_kinds(),
        "page": _page(request, rows),
    }
    return render(request, "web/browse/series.html", context)


@require_safe
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One season or festival: its concerts, newest first, a page at a time."""
    series = get_object_or_404(Series.objects.select_related("place", "parent"), pk=pk)
    events = browse.series_events(series=series)
    page = events_page(events, number=request.GET.get("page"), per_page=PAGE_SIZE)
    context = {"series": series, "page": page, "target": "series-events"}
    return render(request, "web/browse/series_detail.html", context)
