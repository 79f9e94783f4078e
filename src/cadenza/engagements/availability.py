"""The days and times an artist cannot work: entered by hand, or read from an .ics file.

An imported file is read with `icalendar` and its recurring events are expanded with
`recurring-ical-events` over `IMPORT_WINDOW` (today to two years ahead, in the artist's
zone): a weekly lesson becomes one row per week, each keyed by the event's UID and the
occurrence's start (`Unavailability.source_uid`), so importing the same file again adds
nothing. Events marked free (TRANSP:TRANSPARENT) or cancelled are not unavailability and
are left out, as are instants (an end equal to the start).

All-day events span the artist's local days: the zone of the place the artist is based in
(`Agent.based_in`), or the site's (`settings.TIME_ZONE`). Times without a zone ("floating")
are read in that zone too.

A file is refused whole, with its line named, when it is not iCalendar, when an event has
no start or ends before it starts, or when a property cannot be read; nothing is imported
from it then (one transaction).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from icalendar.parser import Contentline

from cadenza.engagements.calendar_models import Unavailability
from cadenza.engagements.errors import Invalid
from cadenza.people.models import Agent
from cadenza.places.selectors import place_timezone

IMPORT_WINDOW = timedelta(days=730)
REASON_LENGTH = 200
SOURCE_LENGTH = 300
FILE_LIMIT = 2 * 1024 * 1024  # bytes: a year of a busy personal calendar is far less


@dataclass(frozen=True)
class ImportResult:
    added: int  # occurrences stored now
    known: int  # occurrences imported before
    skipped: int  # occurrences left out: free, cancelled, instants


def artist_zone(artist: Agent) -> ZoneInfo:
    """The artist's own clock: where they are based, or the site's zone."""
    based_in = artist.based_in if artist.based_in_id else None
    return ZoneInfo(place_timezone(based_in) or settings.TIME_ZONE)


def local_days(artist: Agent, first: date, last: date) -> tuple[datetime, datetime]:
    """The days first … last (inclusive) as the artist's clocks count them."""
    zone = artist_zone(artist)
    return (
        datetime.combine(first, time(0), tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone),
    )


def unavailability_of(*, artist: Agent, since: date | None = None) -> QuerySet[Unavailability]:
    """The artist's unavailable times ending on or after `since` (all when None), in order."""
    found = Unavailability.objects.filter(artist=artist)
    if since is not None:
        found = found.filter(ends_at__gt=datetime.combine(since, time(0), tzinfo=ZoneInfo("UTC")))
    return found.order_by("starts_at", "id")


def _check_span(starts_at: datetime, ends_at: datetime) -> None:
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if timezone.is_naive(moment):
            raise Invalid(f"The {name.split('_')[0]} time needs its time zone.", field=name)
    if ends_at <= starts_at:
        raise Invalid(
            f"The end ({ends_at:%Y-%m-%d %H:%M}) must come after the start "
            f"({starts_at:%Y-%m-%d %H:%M}).",
            field="ends_at",
        )


@transaction.atomic
def unavailability_add(
    *,
    artist: Agent,
    starts_at: datetime,
    ends_at: datetime,
    all_day: bool = False,
    reason: str = "",
    by: Any = None,
) -> Unavailability:
    """A time the artist cannot work, entered by hand (aware times; an all-day span runs
    from a local midnight to another: see `local_days`)."""
    _check_span(starts_at, ends_at)
    reason = reason.strip()
    if len(reason) > REASON_LENGTH:
        raise Invalid(
            f"The reason has {len(reason)} characters; at most {REASON_LENGTH}.", field="reason"
        )
    return Unavailability.objects.create(
        artist=artist, starts_at=starts_at, ends_at=ends_at, all_day=all_day, reason=reason
    )


@transaction.atomic
def unavailability_remove(*, unavailability: Unavailability, by: Any = None) -> None:
    Unavailability.objects.filter(pk=unavailability.pk).delete()


@dataclass
class _Block:
    """One VEVENT of the file: the line it begins on and its content lines by number."""

    line: int
    lines: list[tuple[int, str]]

    def line_of(self, name: str) -> int:
        prefix = name.upper()
        for number, text in self.lines:
            head = text.split(":", 1)[0].split(";", 1)[0].upper()
            if head == prefix:
                return number
        return self.line


def _content_lines(text: str, filename: str) -> list[tuple[int, str]]:
    """Unfolded content lines (RFC 5545 §3.1), each with the number of its first line."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise Invalid(
            f"{filename}, line {lines[0][0] if lines else 1}: an iCalendar file begins with "
            "BEGIN:VCALENDAR; this is not one.",
            field="file",
        )
    return lines


def _blocks(lines: list[tuple[int, str]], filename: str) -> list[_Block]:
    """Check every line and the nesting of BEGIN and END; the VEVENTs in file order."""
    stack: list[tuple[str, int]] = []
    events: list[_Block] = []
    for number, text in lines:
        try:
            name, _params, value = Contentline(text).parts()
        except ValueError:
            raise Invalid(
                f"{filename}, line {number}: expected a property (NAME:value), "
                f"found {text[:60]!r}.",
                field="file",
            ) from None
        value = str(value).strip().upper()
        if name.upper() == "BEGIN":
            if not stack and lines[0][0] != number:
                raise Invalid(
                    f"{filename}, line {number}: a second calendar; give one per file.",
                    field="file",
                )
            stack.append((value, number))
            if value == "VEVENT":
                events.append(_Block(number, []))
        elif name.upper() == "END":
            if not stack or stack[-1][0] != value:
                opened = f"{stack[-1][0]} (line {stack[-1][1]})" if stack else "nothing"
                raise Invalid(
                    f"{filename}, line {number}: END:{value} closes {opened}.", field="file"
                )
            stack.pop()
        elif stack and stack[-1][0] == "VEVENT":
            events[-1].lines.append((number, text))
    if stack:
        what, number = stack[-1]
        raise Invalid(f"{filename}, line {number}: BEGIN:{what} is never ended.", field="file")
    return events


def _moment(value: date | datetime, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=zone)
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def _check_event(event: Any, block: _Block, filename: str) -> None:
    for prop, problem in event.errors:
        number = block.line_of(prop) if prop else block.line
        raise Invalid(f"{filename}, line {number}: {prop or 'a line'}: {problem}.", field="file")
    if "DTSTART" not in event:
        raise Invalid(
            f"{filename}, line {block.line}: this event has no start (DTSTART).", field="file"
        )
    if "DTEND" in event:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if isinstance(start, datetime) != isinstance(end, datetime):
            raise Invalid(
                f"{filename}, line {block.line_of('DTEND')}: the end is a "
                f"{'date' if not isinstance(end, datetime) else 'time'} and the start is not.",
                field="file",
            )
        utc = ZoneInfo("UTC")
        if _moment(end, utc) < _moment(start, utc):
            raise Invalid(
                f"{filename}, line {block.line_of('DTEND')}: the event ends ({end}) before it "
                f"starts ({start}).",
                field="file",
            )


def _source_uid(uid: str, start: datetime) -> str:
    key = f"{uid}/{start.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}"
    if len(key) <= SOURCE_LENGTH:
        return key
    return f"sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def _read(data: bytes, filename: str) -> icalendar.Calendar:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Invalid(
            f"{filename}, line {line}: not UTF-8 text (iCalendar files are).", field="file"
        ) from None
    blocks = _blocks(_content_lines(text, filename), filename)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise Invalid(
            f"{filename}: not a calendar icalendar can read: {error}", field="file"
        ) from None
    events = list(calendar.walk("VEVENT"))
    for event, block in zip(events, blocks, strict=True):
        _check_event(event, block, filename)
    return calendar


@transaction.atomic
def unavailability_import(*, artist: Agent, data: bytes, filename: str) -> ImportResult:
    """Every event of an .ics file as the artist's unavailable time, recurring ones
    expanded over `IMPORT_WINDOW`; all or nothing."""
    if len(data) > FILE_LIMIT:
        raise Invalid(f"{filename} has {len(data):,} bytes; at most {FILE_LIMIT:,}.", field="file")
    calendar = _read(data, filename)
    zone = artist_zone(artist)
    today = timezone.now().astimezone(zone).date()
    occurrences = recurring_ical_events.of(calendar).between(today, today + IMPORT_WINDOW)
    known = set(
        Unavailability.objects.filter(artist=artist)
        .exclude(source_uid="")
        .values_list("source_uid", flat=True)
    )
    new: dict[str, Unavailability] = {}
    skipped = already = 0
    for event in occurrences:
        free = str(event.get("TRANSP", "")).upper() == "TRANSPARENT"
        if free or str(event.get("STATUS", "")).upper() == "CANCELLED":
            skipped += 1
            continue
        start = event.decoded("DTSTART")
        all_day = not isinstance(start, datetime)
        starts_at = _moment(start, zone)
        ends_at = _moment(event.decoded("DTEND"), zone) if "DTEND" in event else None
        if ends_at is None:
            ends_at = starts_at + (timedelta(days=1) if all_day else timedelta(0))
        if ends_at <= starts_at:
            skipped += 1
            continue
        uid = str(event.get("UID", "")) or hashlib.sha256(event.to_ical()).hexdigest()[:32]
        key = _source_uid(uid, starts_at)
        if key in known:
            already += 1
            continue
        reason = str(event.get("SUMMARY", "")).strip()[:REASON_LENGTH] or filename[:REASON_LENGTH]
        new[key] = Unavailability(
            artist=artist,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            reason=reason,
            source_uid=key,
        )
    Unavailability.objects.bulk_create(new.values())
    return ImportResult(added=len(new), known=already, skipped=skipped)
