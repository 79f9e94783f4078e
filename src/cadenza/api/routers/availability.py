"""An artist's unavailable times, for their management (as the availability page): list,
add (whole days on the artist's clock, or times), remove, and import an `.ics` file,
through `engagements.availability`. Anyone else signed in is refused (403), an unknown
artist is a 404, as on the page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from cadenza.accounts.selectors import agents_managed_by
from cadenza.api.auth import actor
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.pagination import page_of, paginate
from cadenza.api.problems import bad_parameter
from cadenza.api.refs import CURSOR, LIMIT
from cadenza.api.routers.booking_types import KEYED, Day, Moment, Text
from cadenza.engagements import travel
from cadenza.engagements.availability import (
    FILE_LIMIT,
    REASON_LENGTH,
    artist_zone,
    local_days,
    unavailability_add,
    unavailability_import,
    unavailability_of,
    unavailability_remove,
)
from cadenza.engagements.models import Unavailability
from cadenza.people.models import Agent

router = Router(tags=["availability"])
ORDERINGS = {"starts_at": ["starts_at"]}
ICS_FILE = File(..., description="an iCalendar file (multipart/form-data, field `file`)")


def managed_artist(request: HttpRequest, pk: int) -> Agent:
    artist = agents_managed_by(user=actor(request)).select_related("based_in").filter(pk=pk).first()
    if artist is not None:
        return artist
    if Agent.objects.filter(pk=pk).exists():
        raise PermissionDenied("Only the artist's management may see their availability.")
    raise Http404(f"No artist {pk}.")


class SpanOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    reason: str
    imported: bool = Field(description="read from an .ics file")


def _span(span: Unavailability) -> dict[str, Any]:
    return {
        "id": span.pk,
        "starts_at": span.starts_at.astimezone(UTC),
        "ends_at": span.ends_at.astimezone(UTC),
        "all_day": span.all_day,
        "reason": span.reason,
        "imported": bool(span.source_uid),
    }


@router.get(
    "/{int:pk}/availability",
    response=page_of(SpanOut),
    summary="An artist's unavailable times",
    operation_id="availability",
)
def availability(
    request: HttpRequest,
    pk: int,
    since: Day | None = Query(None, description="ending on or after this day; default today"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> Any:
    artist = managed_artist(request, pk)
    rows = unavailability_of(artist=artist, since=since or timezone.localdate())
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering="starts_at", limit=limit, cursor=cursor
    )
    return {"items": [_span(s) for s in page.items], "next": page.next}


class SpanIn(Schema):
    """Whole days (`first_day`, `last_day`, on the artist's clock), or two times."""

    first_day: Day | None = None
    last_day: Day | None = None
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    tz: str | None = Field(
        None,
        max_length=64,
        description="IANA zone for times without an offset; default: "
        "the artist's (where they are based)",
    )
    reason: Text = Field("", max_length=REASON_LENGTH)


def _zone(name: str | None, artist: Agent) -> ZoneInfo:
    if not name:
        return artist_zone(artist)
    try:
        return travel.zone(name)
    except (ValueError, OSError):  # a directory's name ("Europe") reads as an OSError
        raise bad_parameter(
            "tz", f"{name!r} is not an IANA time zone such as 'Europe/Vienna'."
        ) from None


def _span_of(payload: SpanIn, artist: Agent) -> tuple[datetime, datetime, bool]:
    if payload.starts_at is None and payload.ends_at is None:
        if payload.first_day is None:
            raise bad_parameter("first_day", "missing: whole days or two times were expected.")
        last = payload.last_day or payload.first_day
        if last < payload.first_day:
            raise bad_parameter("last_day", f"before first_day ({payload.first_day}).")
        starts, ends = local_days(artist, payload.first_day, last)
        return starts, ends, True
    if payload.starts_at is None or payload.ends_at is None:
        missing = "ends_at" if payload.ends_at is None else "starts_at"
        raise bad_parameter(missing, "missing: give both times, or whole days.")
    zone = _zone(payload.tz, artist)
    starts, ends = (
        m if m.tzinfo is not None else m.replace(tzinfo=zone)
        for m in (payload.starts_at, payload.ends_at)
    )
    return starts, ends, False


@router.post(
    "/{int:pk}/availability",
    response={201: SpanOut},
    summary="Mark a time unavailable",
    operation_id="availability_add",
    openapi_extra=KEYED,
)
def availability_new(
    request: HttpRequest,
    pk: int,
    payload: SpanIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    artist = managed_artist(request, pk)
    starts, ends, all_day = _span_of(payload, artist)

    def run() -> tuple[int, Any]:
        span = unavailability_add(
            artist=artist,
            starts_at=starts,
            ends_at=ends,
            all_day=all_day,
            reason=payload.reason,
            by=actor(request),
        )
        return 201, _span(span)

    return once(request, idempotency_key, SpanOut, run)


class Imported(Schema):
    added: int
    known: int = Field(description="imported before: not added again")
    skipped: int = Field(description="free, cancelled or instants: not unavailability")


@router.post(
    "/{int:pk}/availability/ics",
    response=Imported,
    summary="Import an .ics file",
    operation_id="availability_import",
)
def availability_ics(request: HttpRequest, pk: int, file: UploadedFile = ICS_FILE) -> Any:
    """Each event of the file (recurring ones expanded from today to two years ahead) as an
    unavailable time; importing the same file again adds nothing. A bad file is refused
    whole, naming the line."""
    artist = managed_artist(request, pk)
    if file.size and file.size > FILE_LIMIT:
        raise bad_parameter("file", f"{file.size} bytes: at most {FILE_LIMIT} were expected.")
    found = unavailability_import(artist=artist, data=file.read(), filename=file.name or "file.ics")
    return {"added": found.added, "known": found.known, "skipped": found.skipped}


@router.delete(
    "/{int:pk}/availability/{int:span_id}",
    response={204: None},
    summary="Remove an unavailable time",
    operation_id="availability_remove",
)
def availability_delete(request: HttpRequest, pk: int, span_id: int) -> Status[None]:
    artist = managed_artist(request, pk)
    span = Unavailability.objects.filter(pk=span_id, artist=artist).first()
    if span is None:
        raise Http404(f"Artist {pk} has no unavailable time {span_id}.")
    unavailability_remove(unavailability=span, by=actor(request))
    return Status(204, None)
