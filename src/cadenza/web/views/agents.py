"""The page of a person, ensemble or organisation."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadenza.places.gazetteer import country_seat
from cadenza.places.models import Place
from cadenza.places.selectors import place_ancestors
from cadenza.press.selectors import TIMELINE_CATEGORIES, TimelineEntry, timeline_filtered
from cadenza.web.charts import BarChart, bar_chart, labelled_chart
from cadenza.web.jsonld import agent_jsonld
from cadenza.web.maps import WorldMap, world_map
from cadenza.web.selectors import AgentFigures, agent_figures, agent_page
from cadenza.web.views.common import canonical_redirect, wants_partial


@require_safe
def agent_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    page = agent_page(pk=pk, user=request.user, credits_page=request.GET.get("page"))
    agent = page.agent
    if redirect := canonical_redirect(request, agent, slug):
        return redirect
    category = request.GET.get("kind") or None
    timeline, choices = timeline_filtered(page.career.timeline, category)
    timeline = years_in_one_entry(timeline, page.career.credits_page.paginator.per_page)
    timeline_context = {
        "agent": agent,
        "career": page.career,
        "timeline": timeline,
        "choices": choices,
        "category": category if category in TIMELINE_CATEGORIES else None,
    }
    if wants_partial(request):
        if getattr(request, "htmx", None) and request.htmx.target == "timeline":  # type: ignore[attr-defined]
            return render(request, "web/_timeline.html", timeline_context)
        context = {"agent": agent, "career": page.career}
        return render(request, "web/_agent_credits.html", context)
    figures = agent_figures(page)
    context = {
        **timeline_context,
        "page": page,
        "figures": figures,
        "chart": appearances_chart(figures),
        "map": venues_map(figures),
        "birth_chain": place_ancestors(agent.begin_place)[:2] if agent.begin_place else [],
        "jsonld": agent_jsonld(request, agent),
    }
    return render(request, "web/agent.html", context)


def appearances_chart(figures: AgentFigures) -> BarChart:
    """Per season where the archive has seasons, per year otherwise (a told career)."""
    seasons = figures.appearances.seasons
    if seasons:
        return labelled_chart((s.label.removesuffix(" season"), s.count) for s in seasons)
    return bar_chart(figures.appearances.years)


def venues_map(figures: AgentFigures) -> WorldMap:
    """A point per venue with coordinates up its chain; a place known only by its country
    ("festivals in Russia") at the country's capital, or its largest city; a region
    ("Europe") has no spot to mark and is only listed beside the map."""
    points = []
    for v in [*figures.venues, *figures.areas]:
        spot = (v.latitude, v.longitude)
        if (spot[0] is None or spot[1] is None) and v.venue.kind == Place.Kind.COUNTRY:
            seat = country_seat(v.country_code)
            spot = (seat.latitude, seat.longitude) if seat else (None, None)
        if spot[0] is not None and spot[1] is not None:
            label = f"{v.name}, {v.city}" if v.city else v.name
            points.append((label, spot[0], spot[1], v.count))
    return world_map(points)


@dataclass(frozen=True)
class YearSummary:
    """A year of a long career, summed up in the timeline: how many events, and the page
    of the credits (oldest first) where they start."""

    year: int
    count: int
    page: int


def years_in_one_entry(timeline: list[TimelineEntry], per_page: int) -> list[TimelineEntry]:
    """A long career's timeline counts its performances by year (press.selectors): each
    run of such years becomes one entry listing them, each linked to the page of credits
    where its events begin. The credits list events oldest first, the undated last, so a
    year's page follows from the counts of the years before it."""
    out: list[TimelineEntry] = []
    before = 0
    for entry in timeline:
        if entry.kind != "season" or entry.date.year is None:
            out.append(entry)
            continue
        year = YearSummary(entry.date.year, entry.fact, before // per_page + 1)
        before += entry.fact
        if out and out[-1].kind == "years":
            out[-1].fact.append(year)
            out[-1].end = entry.date
        else:
            out.append(TimelineEntry("years", "Performances", entry.date, None, [year], entry.date))
    return out
