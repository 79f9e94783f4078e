"""Small filters of the booking pages: times in the venue's zone, minutes, hold ranks."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import template

from cadenza.engagements.holds import ordinal

register = template.Library()


@register.filter
def local_time(moment: datetime | None, zone: str) -> str:
    """The time as the clock at the venue shows it: "19:30"."""
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(zone)).strftime("%H:%M") if zone else f"{moment:%H:%M}"


@register.filter
def minutes(length: timedelta | None) -> int | str:
    return "" if length is None else round(length.total_seconds() / 60)


@register.filter
def ordinal_rank(rank: int | None) -> str:
    return ordinal(rank)
