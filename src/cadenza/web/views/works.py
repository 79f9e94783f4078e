"""The page of a work or a movement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadenza.events.history_figures import work_concerts, work_performers
from cadenza.events.selectors import events_page, work_events
from cadenza.people.selectors import work_authorships
from cadenza.repertoire.selectors import work_get
from cadenza.web.jsonld import work_jsonld
from cadenza.web.views.common import PAGE_SIZE, canonical_redirect, wants_partial


@require_safe
def work_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    work = work_get(pk=pk)
    if redirect := canonical_redirect(request, work, slug):
        return redirect
    # The count every page gives this work (browse lists, biographies): one selector.
    played = work_concerts(work_pks=[work.pk]).get(work.pk, 0)
    page = events_page(
        work_events(work=work), number=request.GET.get("page"), per_page=PAGE_SIZE, count=played
    )
    if wants_partial(request):
        return render(
            request,
            "web/_event_page.html",
            {"page": page, "target": "work-events", "with_work_credits": True},
        )
    authorships = work_authorships(work=work)
    context = {
        "work": work,
        "authorships": authorships,
        "page": page,
        "jsonld": work_jsonld(request, work, authorships),
        "performers": work_performers(work=work),
    }
    return render(request, "web/work.html", context)
