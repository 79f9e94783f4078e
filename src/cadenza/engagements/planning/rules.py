"""The planning README's definitions and rules as plain functions over an `Instance`, on
the shared travel model (`cadenza.engagements.travel`): the solver builds its model from
them, its reasons quote them, and a greedy planner can use them.

A schedule here is a sequence of (offer, performance date) pairs, or of anything with `id`
and `date` (the solver's `Chosen`), in any order: the functions sort it by date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from cadenza.engagements import travel
from cadenza.engagements.planning.instance import Instance, Offer, Place

Located = Offer | Place


Schedule = Sequence[tuple[Offer, date]]


def point(x: Located) -> travel.Point:
    return travel.Point(x.lat, x.lon, x.tz)


def distance(a: Located, b: Located) -> float:
    """Great-circle km (haversine, Earth radius 6371.0088 km)."""
    return travel.distance_km(point(a), point(b))


def travel_days(inst: Instance, a: Located, b: Located) -> int:
    t = inst.travel
    return travel.travel_days(
        point(a),
        point(b),
        overhead_hours=t.overhead_hours,
        speed_kmh=t.speed_kmh,
        hours_per_day=t.hours_per_day,
        local_km=t.local_km,
    )


def rest_days(inst: Instance, a: Located, b: Located, day: date) -> int:
    t = inst.travel
    return travel.rest_days(
        point(a),
        point(b),
        day,
        jetlag_hours_per_rest_day=t.jetlag_hours_per_rest_day,
        local_km=t.local_km,
    )


def first_day(offer: Offer, day: date) -> date:
    return day - timedelta(days=offer.rehearsal_days)


def occupied_days(offer: Offer, day: date) -> list[date]:
    """Its first day (rehearsals) through its performance day."""
    return [first_day(offer, day) + timedelta(days=i) for i in range(offer.rehearsal_days + 1)]


def blocked_day(inst: Instance, offer: Offer, day: date) -> date | None:
    """Rule 2: the first occupied day outside the season or unavailable, if any."""
    for occupied in occupied_days(offer, day):
        if not inst.season_start <= occupied <= inst.season_end:
            return occupied
        if any(start <= occupied <= end for start, end in inst.unavailable):
            return occupied
    return None


def gap_needed(inst: Instance, a: Offer, b: Offer, b_day: date) -> int:
    """Rule 3: the least first_day(b) - day(a) when b follows a."""
    start = first_day(b, b_day)
    return 1 + travel_days(inst, a, b) + rest_days(inst, a, b, start)


def follows(inst: Instance, a: Offer, a_day: date, b: Offer, b_day: date) -> bool:
    """Rule 3 for b right after a."""
    return (first_day(b, b_day) - a_day).days >= gap_needed(inst, a, b, b_day)


def home_start_needed(inst: Instance, offer: Offer, day: date) -> int:
    """Rule 4: the least first_day - season start when the offer comes first."""
    start = first_day(offer, day)
    return travel_days(inst, inst.home, offer) + rest_days(inst, inst.home, offer, start)


def can_open(inst: Instance, offer: Offer, day: date) -> bool:
    return (first_day(offer, day) - inst.season_start).days >= home_start_needed(inst, offer, day)


def can_close(inst: Instance, offer: Offer, day: date) -> bool:
    days = travel_days(inst, offer, inst.home)
    return day + timedelta(days=days) <= inst.season_end


def radius_clash(inst: Instance, x: Offer, x_day: date, y: Offer, y_day: date) -> Offer | None:
    """Rule 6: the offer whose radius clause forbids x and y together, if any (both ways)."""
    for holder in (x, y):
        if holder.radius_km is None or holder.radius_days is None:
            continue
        close = distance(x, y) <= holder.radius_km
        if close and abs((x_day - y_day).days) <= holder.radius_days:
            return holder
    return None


def ordered(inst: Instance, schedule: Iterable[Any]) -> list[tuple[Offer, date]]:
    pairs = [
        item if isinstance(item, tuple) else (inst.offer(item.id), item.date) for item in schedule
    ]
    return sorted(pairs, key=lambda pair: pair[1])


def legs(inst: Instance, schedule: Iterable[Any]) -> list[tuple[Offer | Place, Offer | Place]]:
    """home → each accepted offer in date order → home; nothing when the plan is empty."""
    stops: list[Offer | Place] = [offer for offer, _ in ordered(inst, schedule)]
    if not stops:
        return []
    route = [inst.home, *stops, inst.home]
    return list(pairwise(route))


def route_km(inst: Instance, schedule: Iterable[Any]) -> float:
    return sum((distance(a, b) for a, b in legs(inst, schedule)), 0.0)


def fees(inst: Instance, schedule: Iterable[Any]) -> float:
    return float(sum(offer.fee for offer, _ in ordered(inst, schedule)))


def objective(inst: Instance, schedule: Iterable[Any]) -> float:
    """Fees - cost_per_km × route km; 0 for the empty plan."""
    pairs = ordered(inst, schedule)
    return fees(inst, pairs) - inst.travel.cost_per_km * route_km(inst, pairs)
