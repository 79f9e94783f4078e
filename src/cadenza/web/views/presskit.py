"""An artist's press kit: biographies in three lengths, quotes, repertoire, recent dates."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cadenza.accounts.selectors import user_can_view_private
from cadenza.events.models import Event
from cadenza.events.selectors import agent_appearance_events, newest_first
from cadenza.people.selectors import agent_get
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import biographies
from cadenza.press.performance_facts import latest_first, name_then
from cadenza.press.selectors import agent_quotes

RECENT = 8


@require_safe
def press_kit(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    agent = agent_get(pk=pk)
    if slug != agent.slug:
        return HttpResponsePermanentRedirect(reverse("press-kit", args=[pk, agent.slug]))
    facts = biography_facts(agent=agent)
    versions = biographies(facts)
    recent = newest_first(agent_appearance_events(agent=agent).filter(date_year__isnull=False))
    recent = recent.select_related("venue__parent").prefetch_related("venue__names")
    context = {
        "agent": agent,
        "versions": versions,
        "quotes": agent_quotes(agent=agent),
        "repertoire": facts.works,
        "recent": [(event, _venue_then(event)) for event in recent[:RECENT]],
        "facts": facts,
        "can_view_private": user_can_view_private(user=request.user, agent=agent),
    }
    return render(request, "web/presskit.html", context)


def _venue_then(event: Event) -> str:
    """'Avery Fisher Hall (now David Geffen Hall), New York City' for a concert of 1998."""
    place = event.venue
    if place is None:
        return ""
    told = name_then(place.name, latest_first(place.names.all()), event.date_year)
    return f"{told}, {place.parent.name}" if place.parent else told
