"""One calendar event (VEVENT) per commitment of a feed: its UID, times in the zones of
its places, status, summary and description as the feed's audience may see them.
The rules are told in `feeds.py`'s docstring; this module only writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from cadenza.engagements.calendar_models import Feed, HotelStay, ScheduleItem
from cadenza.engagements.commitments import TENTATIVE, Commitment
from cadenza.engagements.models import Deal, Engagement, State
from cadenza.engagements.money import format_money
from cadenza.places.models import Place
from cadenza.places.selectors import place_timezone

Audience = Feed.Audience
UID_DOMAIN = "cadenza"
# The part of a UID that names the row's table: fixed here, so a renamed model keeps it.
UID_KINDS = {
    "Performance": "performance",
    "ScheduleItem": "schedule",
    "Hold": "hold",
    "TravelLeg": "travel",
    "HotelStay": "hotel",
    "Unavailability": "unavailable",
}
ENDED = (State.CANCELLED, State.DECLINED, State.RELEASED)
BUSY = {"TENTATIVE": "TENTATIVE", "CONFIRMED": "BUSY", "CANCELLED": "FREE"}


def _where(place: Place | None) -> str:
    """'Musikverein, Vienna': the place and the buildings and city around it."""
    names = []
    while place is not None:
        names.append(place.name)
        if place.kind in (Place.Kind.CITY, Place.Kind.REGION, Place.Kind.COUNTRY):
            break
        place = place.parent
    return ", ".join(names)


def _status(engagement: Engagement | None) -> str:
    if engagement is None:
        return "CONFIRMED"
    if engagement.state in ENDED:
        return "CANCELLED"
    return "TENTATIVE" if engagement.state in TENTATIVE else "CONFIRMED"


@dataclass
class Context:
    audience: str
    include_fees: bool
    zone: ZoneInfo  # the artist's own, for unavailable days
    sequences: dict[int, int]
    deals: dict[int, Deal]
    stamp: datetime
    zones: set[str] = field(default_factory=set)  # the zones the events use
    # Each engagement's programme, titled as every page titles it (selectors.programme_lines).
    programmes: dict[int, list[str]] = field(default_factory=dict)


def _summary(c: Commitment, ctx: Context) -> str:
    engagement = c.engagement
    record: Any = c.record
    label = c.label
    if c.kind == "performance" and engagement is not None and ctx.audience != Audience.PUBLIC:
        if c.hold_rank:
            label = f"[Hold {c.hold_rank}] {label}"
    elif c.kind == "travel":
        label += "".join(f" · {part}" for part in (record.carrier, record.reference) if part)
    elif c.kind == "unavailable":
        label = f"Unavailable: {record.reason}" if record.reason else "Unavailable"
    return f"[Cancelled] {label}" if _status(engagement) == "CANCELLED" else label


def _description(c: Commitment, ctx: Context) -> str:
    if ctx.audience == Audience.PUBLIC:
        return ""
    record: Any = c.record
    engagement = c.engagement
    lines = []
    if c.kind == "performance" and engagement is not None:
        lines.append(f"State: {engagement.get_state_display()}")
        if record.time_note:
            lines.append(f"Time: {record.time_note}")
        if engagement.dress:
            lines.append(f"Dress: {engagement.dress}")
        if programme := ctx.programmes.get(engagement.pk):
            lines.append(f"Programme: {'; '.join(programme)}")
        deal = ctx.deals.get(engagement.pk)
        if ctx.include_fees and deal is not None:
            fee = format_money(deal.guarantee, deal.currency)
            lines.append(f"Fee: {fee} ({deal.get_kind_display().lower()})")
        if ctx.audience == Audience.MANAGER and engagement.notes:
            lines.append(f"Notes: {engagement.notes}")
    elif isinstance(record, ScheduleItem) and record.approximate:
        lines.append(f"Time: {record.approximate}")
    notes = getattr(record, "notes", "")
    if ctx.audience == Audience.MANAGER and notes and c.kind != "performance":
        lines.append(f"Notes: {notes}")
    return "\n".join(lines)


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def _times(c: Commitment, ctx: Context) -> tuple[date | datetime, date | datetime]:
    if c.kind == "unavailable":
        if c.approximate:  # all day, in the artist's own days
            return c.starts.astimezone(ctx.zone).date(), c.ends.astimezone(ctx.zone).date()
        return c.starts.astimezone(ctx.zone), c.ends.astimezone(ctx.zone)
    if c.approximate:
        first = _local(c.starts, c.zone).date()
        return first, max(_local(c.ends, c.zone).date(), first + timedelta(days=1))
    if c.kind == "travel" and c.origin is not None:
        departs = place_timezone(c.origin) or c.zone
        return _local(c.starts, departs), _local(c.ends, c.zone)
    return _local(c.starts, c.zone), _local(c.ends, c.zone)


def event_of(c: Commitment, ctx: Context) -> list[str]:
    record: Any = c.record
    engagement = c.engagement
    status = _status(engagement)
    starts, ends = _times(c, ctx)
    engagement_id = (
        engagement.pk if engagement is not None else getattr(record, "engagement_id", None)
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{UID_KINDS[type(record).__name__]}-{record.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{ctx.stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART{_when(starts, ctx)}",
        f"DTEND{_when(ends, ctx)}",
        f"SUMMARY:{text(_summary(c, ctx))}",
        f"SEQUENCE:{ctx.sequences.get(engagement_id or 0, 0)}",
        f"STATUS:{status}",
        f"TRANSP:{'TRANSPARENT' if status == 'CANCELLED' else 'OPAQUE'}",
        f"X-MICROSOFT-CDO-BUSYSTATUS:{BUSY[status]}",
    ]
    if where := _where(c.place):
        lines.append(f"LOCATION:{text(where)}")
    if described := _description(c, ctx):
        lines.append(f"DESCRIPTION:{text(described)}")
    lines.append("END:VEVENT")
    return lines


def hotel_event(stay: HotelStay, ctx: Context) -> list[str]:
    """A stay as an all-day event from the check-in day to the check-out day, both shown."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:hotel-{stay.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{ctx.stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART{_when(stay.check_in, ctx)}",
        f"DTEND{_when(stay.check_out + timedelta(days=1), ctx)}",
        f"SUMMARY:{text(f'Hotel: {stay.name}')}",
        f"SEQUENCE:{ctx.sequences.get(stay.engagement_id or 0, 0)}",
        "STATUS:CONFIRMED",
        "TRANSP:TRANSPARENT",
        "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
    ]
    if where := ", ".join(p for p in (stay.address, _where(stay.place)) if p):
        lines.append(f"LOCATION:{text(where)}")
    if stay.reference:
        lines.append(f"DESCRIPTION:{text(f'Reference: {stay.reference}')}")
    lines.append("END:VEVENT")
    return lines


# Writing the lines: RFC 5545 §3.1 (folding) and §3.3 (values).


def text(value: str) -> str:
    """A TEXT value, escaped (§3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _when(moment: date | datetime, ctx: Context) -> str:
    """';TZID=Europe/Vienna:20270327T193000', ':20270327T183000Z' or ';VALUE=DATE:20270327'
    (with its leading separator), noting the zone for its VTIMEZONE."""
    if not isinstance(moment, datetime):
        return f";VALUE=DATE:{moment:%Y%m%d}"
    zone = getattr(moment.tzinfo, "key", "UTC")
    if zone == "UTC":
        return f":{moment:%Y%m%dT%H%M%SZ}"
    ctx.zones.add(zone)
    return f";TZID={zone}:{moment:%Y%m%dT%H%M%S}"


def fold(line: str) -> str:
    """A content line cut into lines of at most 75 octets, never inside a character."""
    if len(line) <= 75 // 4 or len(line.encode()) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not parts else 74):
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


@lru_cache(maxsize=64)
def vtimezone(zone: str, first_year: int, last_year: int) -> str:
    """The zone's VTIMEZONE from `icalendar`, with its changes over those years only."""
    component = icalendar.Timezone.from_tzid(
        zone, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
    )
    return component.to_ical().decode().strip()
