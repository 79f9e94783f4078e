"""The engagement page's schedule: its calls, journeys and hotel stays with every time as
its own place's clocks read it, and the forms that change them (`_schedule.html`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings

from cadenza.engagements.local_times import local_text
from cadenza.engagements.models import Engagement, HotelStay, ScheduleItem, TravelLeg
from cadenza.engagements.schedule import schedule_of
from cadenza.places.selectors import place_timezone
from cadenza.web.schedule_forms import schedule_forms

register = template.Library()


@dataclass(frozen=True)
class Call:
    item: ScheduleItem
    when: str  # 'Fri 23 Jul 2027, 10:00–13:00 (Europe/Zurich)', or the day and a rough word


@dataclass(frozen=True)
class Journey:
    leg: TravelLeg
    departs: str
    arrives: str


def _call(item: ScheduleItem, venue_zone: str) -> Call:
    zone = place_timezone(item.place) or venue_zone
    if item.starts_at is None:
        rough = item.approximate or "time to be fixed"
        return Call(item, f"{item.day:%a %-d %b %Y}, {rough}")
    when = local_text(item.starts_at, zone)
    if item.ends_at is not None:
        # One clock for both ends: "10:00–13:00 (Europe/Zurich)".
        when = when.replace(" (", f"–{item.ends_at.astimezone(ZoneInfo(zone)):%H:%M} (", 1)
    return Call(item, when)


@register.simple_tag(takes_context=True)
def schedule_page(context: template.Context) -> dict[str, Any]:
    """The engagement's calls, journeys and stays (three queries) and the schedule forms,
    one possibly sent back with its error."""
    engagement: Engagement = context["engagement"]
    schedule = schedule_of(engagement)
    venue_zone = place_timezone(engagement.venue) or settings.TIME_ZONE
    stays: list[HotelStay] = schedule.stays
    return {
        "calls": [_call(item, venue_zone) for item in schedule.items],
        "journeys": [
            Journey(
                leg,
                local_text(leg.departs_at, place_timezone(leg.origin) or settings.TIME_ZONE),
                local_text(leg.arrives_at, place_timezone(leg.destination) or settings.TIME_ZONE),
            )
            for leg in schedule.legs
        ],
        "stays": stays,
        "forms": schedule_forms(engagement, context.get("forms") or {}, context.get("error")),
    }
