"""People, ensembles and organisations: one Agent table with a kind, so one module makes
the three routers. A detail carries the career in figures the person page shows, from the
page's own selectors (`web.selectors.agent_page`, `agent_figures`): nothing is counted
twice. Only the public record: never private notes, engagements, fees or holds."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from cadenza.api.auth import actor
from cadenza.api.pagination import page_of, paginate
from cadenza.api.refs import CURSOR, LIMIT, DateOut, Ref, YearCount, date_out, ordering_param, ref
from cadenza.people.models import Agent, AgentInstrument
from cadenza.people.selectors import agent_get
from cadenza.places.selectors import place_label
from cadenza.web.selectors import AgentPage, agent_figures, agent_page

ORDERINGS = {"name": [Lower("sort_name")], "id": []}
ORDERING = ordering_param(ORDERINGS, "name")


class AgentItem(Schema):
    id: int
    kind: str
    name: str
    sort_name: str
    begin: DateOut | None = Field(description="born, or founded")
    end: DateOut | None = Field(description="died, or dissolved")
    instruments: list[str] = Field(description="main first")
    url: str


class AliasOut(Schema):
    name: str
    kind: str


class InstrumentOut(Schema):
    name: str
    stated: bool = Field(description="a source states it (else: credited on concerts)")
    concerts: int = Field(description="the archive's concerts they are credited with it on")


class Tally(Schema):
    label: str
    count: int


class Figures(Schema):
    """The person page's "In figures", from the same selectors."""

    appearances: int
    first: str = Field(description="first season (or year) with an appearance")
    last: str
    seasons: list[Tally] = Field(description="appearances per season, oldest first")
    years: list[YearCount] = Field(description="appearances per year")
    works: int
    venues: int
    cities: int


class AgentDetail(Schema):
    id: int
    kind: str
    name: str
    sort_name: str
    pronouns: str
    begin: DateOut | None
    begin_place: Ref | None
    end: DateOut | None
    end_place: Ref | None
    based_in: Ref | None
    summary: str
    background: str
    aliases: list[AliasOut]
    instruments: list[InstrumentOut]
    figures: Figures
    url: str
    timeline: str = Field(description="the career's timeline in this API")
    biography: str = Field(description="the biography written from the record, in this API")
    events: str = Field(description="the events they are credited on, in this API")


def _rows(kind: str) -> QuerySet[Agent]:
    main_first = AgentInstrument.objects.select_related("instrument").order_by(
        "position", "instrument__name"
    )
    return Agent.objects.filter(kind=kind).prefetch_related(
        Prefetch("instruments", queryset=main_first)
    )


def _item(agent: Agent) -> dict[str, Any]:
    return {
        "id": agent.pk,
        "kind": agent.kind,
        "name": agent.name,
        "sort_name": agent.sort_name,
        "begin": date_out(agent.begin),
        "end": date_out(agent.end),
        "instruments": [i.instrument.name for i in agent.instruments.all()],
        "url": agent.get_absolute_url(),
    }


def _place(place: Any) -> dict[str, Any] | None:
    return ref(place, place_label(place)) if place is not None else None


def figures_of(page: AgentPage) -> dict[str, Any]:
    figures = agent_figures(page)
    a = figures.appearances
    return {
        "appearances": a.total,
        "first": a.first,
        "last": a.last,
        "seasons": [{"label": s.label, "count": s.count} for s in a.seasons],
        "years": [{"year": y, "count": n} for y, n in a.years],
        "works": figures.works_played.total,
        "venues": len(figures.venues),
        "cities": figures.cities,
    }


def agent_of_kind(request: HttpRequest, pk: int, kind: str) -> AgentPage:
    """The person page's data for the agent, if it is of this kind (else a 404)."""
    page = agent_page(pk=pk, user=actor(request))
    if page.agent.kind != kind:
        raise Http404(f"No {kind} {pk}.")
    return page


def agent_of_kind_only(pk: int, kind: str) -> Agent:
    """The agent alone (no page), if it is of this kind (else a 404)."""
    agent = agent_get(pk=pk)
    if agent.kind != kind:
        raise Http404(f"No {kind} {pk}.")
    return agent


def _detail(request: HttpRequest, page: AgentPage, base: str) -> dict[str, Any]:
    agent = page.agent
    return {
        **_item(agent),
        "pronouns": agent.pronouns,
        "begin_place": _place(agent.begin_place),
        "end_place": _place(agent.end_place),
        "based_in": _place(agent.based_in),
        "summary": agent.summary,
        "background": agent.background,
        "aliases": [{"name": a.name, "kind": a.kind} for a in agent.aliases.all()],
        "instruments": [
            {"name": i.instrument.name, "stated": i.stated, "concerts": i.concerts}
            for i in agent.instruments.all()
        ],
        "figures": figures_of(page),
        "timeline": f"{base}/{agent.pk}/timeline",
        "biography": f"{base}/{agent.pk}/biography",
        "events": f"/api/v1/events?agent={agent.pk}",
    }


def _router(kind: str, plural: str) -> Router:
    router = Router(tags=[plural])
    base = f"/api/v1/{plural}"

    @router.get("", response=page_of(AgentItem), summary=f"List {plural}", operation_id=plural)
    def agents(
        request: HttpRequest,
        q: str | None = Query(None, max_length=200, description="part of the name"),
        instrument: str | None = Query(None, max_length=100, description="e.g. violin"),
        ordering: str = ORDERING,
        limit: int = LIMIT,
        cursor: str | None = CURSOR,
    ) -> Any:
        rows = _rows(kind)
        if q:
            rows = rows.filter(name__icontains=q.strip())
        if instrument:
            rows = rows.filter(instruments__instrument__name__iexact=instrument.strip())
        page = paginate(
            request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
        )
        return {"items": [_item(a) for a in page.items], "next": page.next}

    @router.get(
        "/{int:pk}", response=AgentDetail, summary=f"One of the {plural}", operation_id=kind
    )
    def agent(request: HttpRequest, pk: int) -> Any:
        return _detail(request, agent_of_kind(request, pk, kind), base)

    return router


people = _router(Agent.Kind.PERSON, "people")
ensembles = _router(Agent.Kind.ENSEMBLE, "ensembles")
organisations = _router(Agent.Kind.ORGANISATION, "organisations")
