"""Works and movements, with catalogue numbers, composers and nicknames; a work's
performances per year and who performed it most, from the work page's own selectors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from cadenza.api.pagination import page_of, paginate
from cadenza.api.refs import CURSOR, LIMIT, Ref, YearCount, ordering_param, ref
from cadenza.events.history_figures import work_performers
from cadenza.events.selectors import work_event_years
from cadenza.people.models import Authorship
from cadenza.people.selectors import work_authorships
from cadenza.repertoire.models import Work
from cadenza.repertoire.selectors import shown_title, work_get

router = Router(tags=["works"])

ORDERINGS = {"title": [Lower("title")], "id": []}


class CatalogueOut(Schema):
    catalogue: str = Field(description="BWV, K., Op., Hob.")
    number: str
    text: str = Field(description="as written: BWV 1007")


class AuthorOut(Schema):
    agent: Ref
    role: str = Field(description="composer, arranger, orchestrator, librettist, lyricist")


class WorkItem(Schema):
    id: int
    title: str = Field(description="as every page shows it, with its catalogue numbers")
    catalogue_numbers: list[CatalogueOut]
    composers: list[Ref]
    parent: Ref | None = Field(description="the whole work, for a movement")
    position: int | None = Field(description="the movement's place in the whole work")
    url: str


class Performer(Schema):
    agent: Ref
    count: int = Field(description="events together, as the work page counts them")


class Performers(Schema):
    conductors: list[Performer]
    ensembles: list[Performer]
    soloists: list[Performer]


class WorkDetail(WorkItem):
    key: str
    duration_seconds: int | None
    composed_year: int | None
    composed_year_end: int | None
    form: str
    instrumentation: str
    instruments: list[str]
    nicknames: list[str]
    authors: list[AuthorOut]
    movements: list[WorkItem]
    performances_per_year: list[YearCount]
    performers: Performers
    events: str = Field(description="the events that played it, in this API")


def _rows() -> QuerySet[Work]:
    composers = Authorship.objects.filter(role=Authorship.Role.COMPOSER).select_related("agent")
    return Work.objects.select_related("parent").prefetch_related(
        "catalogue_numbers",
        Prefetch("authorships", queryset=composers.order_by("position", "pk")),
    )


def _numbers(work: Work) -> list[dict[str, str]]:
    return [
        {"catalogue": n.catalogue, "number": n.number, "text": str(n)}
        for n in work.catalogue_numbers.all()
    ]


def _item(work: Work, composers: list[Any] | None = None) -> dict[str, Any]:
    if composers is None:
        composers = [a.agent for a in work.authorships.all()]
    return {
        "id": work.pk,
        "title": shown_title(work),
        "catalogue_numbers": _numbers(work),
        "composers": [ref(c) for c in composers],
        "parent": ref(work.parent, shown_title(work.parent)) if work.parent else None,
        "position": work.position,
        "url": work.get_absolute_url(),
    }


def _seconds(duration: timedelta | None) -> int | None:
    return int(duration.total_seconds()) if duration is not None else None


@router.get("", response=page_of(WorkItem), summary="List works", operation_id="works")
def works(
    request: HttpRequest,
    q: str | None = Query(None, max_length=200, description="part of the title or a nickname"),
    composer: int | None = Query(None, ge=1, le=2**62, description="a composer's id"),
    catalogue: str | None = Query(None, max_length=60, description="e.g. BWV 1007"),
    movements: bool = Query(False, description="include movements (else whole works only)"),
    ordering: str = ordering_param(ORDERINGS, "title"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> Any:
    rows = _rows()
    if not movements:
        rows = rows.filter(parent=None)
    if q:
        q = q.strip()
        rows = rows.filter(Q(title__icontains=q) | Q(aliases__name__icontains=q)).distinct()
    if composer is not None:
        wrote = Authorship.objects.filter(agent_id=composer, role=Authorship.Role.COMPOSER)
        rows = rows.filter(pk__in=wrote.values("work_id"))
    if catalogue:
        name, _, number = catalogue.strip().rpartition(" ")
        rows = rows.filter(
            catalogue_numbers__catalogue__iexact=name.strip(),
            catalogue_numbers__number__iexact=number,
        )
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
    )
    return {"items": [_item(w) for w in page.items], "next": page.next}


@router.get("/{int:pk}", response=WorkDetail, summary="One work", operation_id="work")
def work(request: HttpRequest, pk: int) -> Any:
    """The work page's facts: numbers, composers, movements in order, performances per
    year, and who performed it most."""
    found = work_get(pk=pk)
    authorships = work_authorships(work=found)
    composers = [a.agent for a in authorships if a.role == Authorship.Role.COMPOSER]
    performers = work_performers(work=found)
    return {
        **_item(found, composers),
        "key": found.key,
        "duration_seconds": _seconds(found.duration),
        "composed_year": found.composed_year,
        "composed_year_end": found.composed_year_end,
        "form": found.form,
        "instrumentation": found.instrumentation,
        "instruments": [i.name for i in found.instruments.all()],
        "nicknames": [a.name for a in found.aliases.all()],
        "authors": [{"agent": ref(a.agent), "role": a.role} for a in authorships],
        "movements": [
            _item(m, composers) for m in _rows().filter(parent=found).order_by("position", "pk")
        ],
        "performances_per_year": [{"year": y, "count": n} for y, n in work_event_years(work=found)],
        "performers": {
            group: [{"agent": ref(c.agent), "count": c.count} for c in getattr(performers, group)]
            for group in ("conductors", "ensembles", "soloists")
        },
        "events": f"/api/v1/events?work={found.pk}",
    }
