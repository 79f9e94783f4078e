"""A biography of a person or ensemble, written from the record in three lengths."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cadenza.people.selectors import agent_get
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import biographies
from cadenza.web.views.common import wants_partial


@require_safe
def agent_biography(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    agent = agent_get(pk=pk)
    if slug != agent.slug:
        return HttpResponsePermanentRedirect(reverse("biography", args=[pk, agent.slug]))
    context = {"agent": agent, "versions": biographies(biography_facts(agent=agent), fmt="html")}
    template = "web/_biography.html" if wants_partial(request) else "web/biography.html"
    return render(request, template, context)
