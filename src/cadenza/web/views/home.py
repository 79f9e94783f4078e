"""Home page and search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadenza.events.selectors import artists_in_record, recent_events
from cadenza.press.selectors import notable_events
from cadenza.web.search.results import KINDS, search_record
from cadenza.web.views.common import wants_partial

SEARCH_LIMIT = 20
SUGGESTION_LIMIT = 4
KIND_LIMIT = 100  # "more" of one kind


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "artists": artists_in_record(),
        "notable": notable_events(),
        "recent": recent_events(),
    }
    return render(request, "web/home.html", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    if wants_partial(request):
        results = search_record(query, limit=SUGGESTION_LIMIT)
        return render(request, "web/_search_suggestions.html", {"results": results})
    kind = request.GET.get("kind")
    kind = kind if kind in KINDS else None  # an unknown kind shows every kind
    limit = KIND_LIMIT if kind else SEARCH_LIMIT
    results = search_record(query, limit=limit, kind=kind)
    context = {"query": results.query, "results": results, "kind": kind}
    return render(request, "web/search.html", context)
