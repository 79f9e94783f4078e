"""An engagement's programme (read by whoever sees the engagement, replaced by its
management through `services.programme_set`) and its publishing on the public record
(`publishing.engagement_publish`, `engagement_unpublish`), as the engagement page's
programme and publish forms."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from cadenza.api.auth import actor
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.problems import ApiProblem, bad_parameter
from cadenza.api.refs import Ref, ref
from cadenza.api.routers.booking_types import CHANGE, ID_MAX, KEYED, Version, engagement_for
from cadenza.api.routers.engagement_out import EngagementDetail, engagement_detail
from cadenza.engagements import selectors
from cadenza.engagements.models import Engagement
from cadenza.engagements.publishing import PUBLISHABLE, engagement_publish, engagement_unpublish
from cadenza.engagements.services import programme_set
from cadenza.repertoire.models import Work
from cadenza.repertoire.selectors import shown_title

router = Router(tags=["engagements"])
# The page's programme form: an interval of 1 to 120 minutes.
INTERVAL_MAX = 120
LINES_MAX = 100


def _minutes(length: timedelta | None) -> int | None:
    return None if length is None else round(length.total_seconds() / 60)


class EntryOut(Schema):
    position: int
    work: Ref | None = Field(description="None for an interval")
    duration_minutes: int | None = Field(description="the work's length, if known")
    interval_minutes: int | None = Field(description="an interval's length")


class ProgrammeOut(Schema):
    version: int = Field(description="the engagement's version, for the next change")
    entries: list[EntryOut]
    running_minutes: int = Field(description="the works' and intervals' lengths added up")
    unknown_lengths: list[str] = Field(description="works whose length is not known")


def _programme(engagement: Engagement) -> dict[str, Any]:
    entries = list(engagement.programme.all())
    running = selectors.running_time(entries)
    return {
        "version": engagement.version,
        "entries": [
            {
                "position": e.position,
                "work": ref(e.work, shown_title(e.work)) if e.work is not None else None,
                "duration_minutes": _minutes(e.work.duration) if e.work is not None else None,
                "interval_minutes": _minutes(e.interval),
            }
            for e in entries
        ],
        "running_minutes": running.minutes,
        "unknown_lengths": list(running.unknown),
    }


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _programme(engagement_for(request, pk)[0])


@router.get(
    "/{int:pk}/programme",
    response=ProgrammeOut,
    summary="Its programme",
    operation_id="programme",
)
def programme(request: HttpRequest, pk: int) -> Any:
    """The works in order with their lengths, the intervals, and the running time, as the
    engagement page shows them (to whoever sees the engagement)."""
    found, _ = engagement_for(request, pk)
    return _programme(found)


class LineIn(Schema):
    """A work of the record, or an interval: one of the two."""

    work: int | None = Field(None, ge=1, le=ID_MAX, description="a work's id")
    interval_minutes: int | None = Field(None, ge=1, le=INTERVAL_MAX)


class ProgrammeIn(Schema):
    entries: list[LineIn] = Field(..., max_length=LINES_MAX, description="the whole programme")
    version: Version


def _lines(entries: list[LineIn]) -> list[Work | timedelta]:
    ids = {line.work for line in entries if line.work is not None}
    works = Work.objects.in_bulk(ids) if ids else {}
    lines: list[Work | timedelta] = []
    for i, line in enumerate(entries):
        if (line.work is None) == (line.interval_minutes is None):
            raise bad_parameter(f"entries.{i}", "a work or an interval's length, one of the two.")
        if line.interval_minutes is not None:
            lines.append(timedelta(minutes=line.interval_minutes))
        elif line.work not in works:
            raise bad_parameter(f"entries.{i}.work", f"no work {line.work} in the record.")
        else:
            lines.append(works[line.work])
    return lines


@router.put(
    "/{int:pk}/programme",
    response=ProgrammeOut,
    summary="Replace the programme",
    operation_id="programme_set",
    openapi_extra=CHANGE,
)
def programme_put(request: HttpRequest, pk: int, payload: ProgrammeIn) -> Any:
    """The whole programme, in order (an empty list clears it); only while the engagement is
    open (a completed or cancelled one's programme no longer changes: 400 naming `state`)."""
    found, _ = engagement_for(request, pk, edit=True)
    programme_set(
        engagement=found,
        entries=_lines(payload.entries),
        by=actor(request),
        version=payload.version,
    )
    return _fresh(request, pk)


class PublishIn(Schema):
    version: Version


class Published(Schema):
    engagement: EngagementDetail
    events: list[Ref] = Field(description="the events of the public record it now tells")


@router.post(
    "/{int:pk}/publish",
    response=Published,
    summary="Publish it on the public record",
    operation_id="engagement_publish",
    openapi_extra=KEYED,
)
def publish(
    request: HttpRequest, pk: int, payload: PublishIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """As the page's publish button: a completed (or settled) engagement's performances
    become concerts of the public record, cited to it, with its programme and credits. Any
    other state is a 400 naming `state`; one already published is a 409."""
    found, _ = engagement_for(request, pk, edit=True)

    def run() -> tuple[int, Any]:
        if found.state in PUBLISHABLE and found.published:
            raise ApiProblem(
                409,
                "This engagement is already published: its performances are on the public record.",
                kind="already-published",
                errors=[("published", "already published")],
            )
        events = engagement_publish(engagement=found, by=actor(request), version=payload.version)
        return 200, {
            "engagement": engagement_detail(*engagement_for(request, pk)),
            "events": [ref(e) for e in events],
        }

    return once(request, idempotency_key, Published, run)


@router.delete(
    "/{int:pk}/publish",
    response=EngagementDetail,
    summary="Take it off the public record",
    operation_id="engagement_unpublish",
    openapi_extra=CHANGE,
)
def unpublish(
    request: HttpRequest,
    pk: int,
    version: int | None = Query(None, ge=1, le=2**31, description="the engagement's version"),
) -> Any:
    """As the page's "take it off the public record": the events only this engagement told
    go; events other sources tell lose only its citations. One not published: 400 naming
    `published`."""
    found, _ = engagement_for(request, pk, edit=True)
    engagement_unpublish(engagement=found, by=actor(request), version=version)
    return engagement_detail(*engagement_for(request, pk))
