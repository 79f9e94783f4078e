"""Times as a place's clocks read them: the zone of a place (or an `Invalid` naming it), a
local day and clock made an aware moment (the hour the clocks skip refused), and a moment
written in a place's zone with the zone named. Shared by the schedule's services, forms
and pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from cadenza.engagements import travel
from cadenza.engagements.errors import Invalid
from cadenza.places.models import Place
from cadenza.places.selectors import place_timezone


def zone_at(place: Place | None, *, field: str) -> ZoneInfo:
    """The zone of the place's clocks (its own or its nearest parent's), or an `Invalid`
    naming the place and that an IANA time zone was expected."""
    if place is None:
        raise Invalid(
            "No place is known to read this time in: give the place (a hall or a city).",
            field=field,
        )
    name = place_timezone(place)
    if not name:
        raise Invalid(
            f"{place} has no time zone (nor has any place around it): a time zone such as "
            "'Europe/Vienna' was expected; add it to the place first.",
            field=field,
        )
    try:
        return travel.zone(name)
    except ValueError as error:
        raise Invalid(f"The time zone of {place}: {error}", field=field) from error


def at_local(day: date, clock: time, *, place: Place | None, field: str) -> datetime:
    """The moment the place's clocks show `clock` on `day`; a time the clocks skip (the
    hour they go forward) is refused rather than moved."""
    zone = zone_at(place, field=field)
    moment = datetime.combine(day, clock, tzinfo=zone)
    back = moment.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise Invalid(
            f"{clock:%H:%M} on {day:%-d %B %Y} does not exist in {zone.key}: the clocks go "
            "forward that night. Give a time before or after the change.",
            field=field,
        )
    return moment


def local_text(moment: datetime, zone: ZoneInfo | str) -> str:
    """'Sat 24 Jul 2027, 19:30 (Europe/Zurich)': the time as that place's clocks read it."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return f"{moment.astimezone(tz):%a %-d %b %Y, %H:%M} ({tz.key})"
