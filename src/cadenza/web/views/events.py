"""The page of one event: programme, performers, audience, reviews and sources."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadenza.web.jsonld import event_jsonld
from cadenza.web.selectors import event_page
from cadenza.web.views.common import canonical_redirect


@require_safe
def event_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    page = event_page(pk=pk)
    if redirect := canonical_redirect(request, page.event, slug):
        return redirect
    context = {"page": page, "event": page.event, "jsonld": event_jsonld(request, page.event)}
    return render(request, "web/event.html", context)
