"""Travel and rest between two places: the one model the conflict checks and the season
planner share (DESIGN.md, "Background work, time and money").

- distance: great-circle, haversine, Earth radius 6371.0088 km (the planning README's);
- door to door, in hours, for the calendar: below `ground_km` by rail or road at
  `ground_kmh` plus `ground_overhead_hours`; beyond it by air, `air_overhead_hours` of
  airports and transfers plus distance / `air_kmh`; nothing within `local_km`;
- travel days, for the planner: 0 when local, else ceil((overhead + distance / speed) /
  hours a day of travel);
- the time difference between two zones at a moment (daylight saving included, fractions
  kept: India is +5.5), and the rest days a journey across it needs: floor(|difference| /
  `jetlag_hours_per_rest_day`), 0 when local.

Pure Python on zoneinfo: it reads no model, so the planner can use it on an instance file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    """A place as travel sees it: where it is and its IANA time zone."""

    lat: float
    lon: float
    tz: str


@dataclass(frozen=True)
class Model:
    """The door-to-door model's figures; the defaults are Cadenza's (docs/calendar.md)."""

    air_overhead_hours: float = 3.0
    air_kmh: float = 800.0
    ground_km: float = 500.0
    ground_kmh: float = 90.0
    ground_overhead_hours: float = 0.5
    local_km: float = 50.0
    hours_per_day: float = 10.0
    jetlag_hours_per_rest_day: float = 6.0

    def __post_init__(self) -> None:
        for name in ("air_kmh", "ground_kmh", "hours_per_day", "jetlag_hours_per_rest_day"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Travel model: {name} must be above 0.")


DEFAULT = Model()


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance by the haversine formula."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def is_local(a: Point, b: Point, model: Model = DEFAULT) -> bool:
    return distance_km(a, b) <= model.local_km


def door_to_door(a: Point, b: Point, model: Model = DEFAULT) -> timedelta:
    """How long getting from a to b takes, from door to door (zero when local)."""
    km = distance_km(a, b)
    if km <= model.local_km:
        return timedelta(0)
    if km < model.ground_km:
        hours = model.ground_overhead_hours + km / model.ground_kmh
    else:
        hours = model.air_overhead_hours + km / model.air_kmh
    return timedelta(hours=hours)


def travel_days(
    a: Point,
    b: Point,
    *,
    overhead_hours: float,
    speed_kmh: float,
    hours_per_day: float,
    local_km: float,
) -> int:
    """The planner's whole days of travel (planning README: travel_days)."""
    km = distance_km(a, b)
    if km <= local_km:
        return 0
    return math.ceil((overhead_hours + km / speed_kmh) / hours_per_day)


def zone(name: str) -> ZoneInfo:
    """The IANA zone, or a ValueError naming what was expected."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"{name!r} is not an IANA time zone such as 'Europe/Vienna'.") from error


def utc_offset_hours(name: str, at: datetime) -> float:
    """The zone's offset from UTC at that moment, in hours (daylight saving included)."""
    offset = at.astimezone(zone(name)).utcoffset()
    assert offset is not None  # a ZoneInfo always answers
    return offset.total_seconds() / 3600


def time_difference_hours(a: Point, b: Point, at: datetime) -> float:
    """b's clock minus a's at that moment: positive going east."""
    return utc_offset_hours(b.tz, at) - utc_offset_hours(a.tz, at)


def rest_days(
    a: Point, b: Point, day: date, *, jetlag_hours_per_rest_day: float, local_km: float
) -> int:
    """Days of rest a journey from a to b needs, offsets read at 12:00 UTC on `day`
    (planning README: rest_days)."""
    if distance_km(a, b) <= local_km:
        return 0
    noon = datetime.combine(day, time(12), tzinfo=UTC)
    return math.floor(abs(time_difference_hours(a, b, noon)) / jetlag_hours_per_rest_day)


def rest_needed(a: Point, b: Point, at: datetime, model: Model = DEFAULT) -> timedelta:
    """The calendar's rule: whole days of rest after arriving in b from a."""
    day = at.astimezone(UTC).date()
    days = rest_days(
        a,
        b,
        day,
        jetlag_hours_per_rest_day=model.jetlag_hours_per_rest_day,
        local_km=model.local_km,
    )
    return timedelta(days=days)


def configured() -> Model:
    """The model with the figures `settings.CADENZA_TRAVEL` changes (docs/configuration.md)."""
    from django.conf import settings

    return Model(**getattr(settings, "CADENZA_TRAVEL", {}))
