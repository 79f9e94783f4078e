"""An independent checker of the season planning problem, written from
`../shared/planning/README.md` alone.

It imports nothing of Cadenza (neither the planner nor `engagements.travel`), so a mistake
shared by the planner and its helpers cannot hide here: its own haversine, its own zone
offsets, its own reading of every rule. It works on plain dicts: the instance as the JSON
file holds it, and a plan in the README's output format.

    problems = check(instance, plan)        # [] when the plan is valid and its figures agree
    Rules(instance).broken(schedule)        # the rules a [(id, date), ...] choice breaks
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

EARTH_RADIUS_KM = 6371.0088
TOLERANCE = 0.01
# Rounding to two decimals moves a figure by at most 0.005; the rest is float noise.
_SLACK = 1e-6


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula, R = 6371.0088 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def utc_offset_seconds(tz: str, day: date) -> int:
    """The zone's UTC offset at 12:00 UTC on `day`, daylight saving included."""
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    offset = noon.astimezone(ZoneInfo(tz)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    tz: str


@dataclass(frozen=True)
class Offer:
    id: str
    at: Point
    dates: tuple[date, ...]
    fee: float
    rehearsal_days: int
    required: bool
    radius_km: float | None
    radius_days: int | None


def _day(text: str) -> date:
    return date.fromisoformat(text)


class Rules:
    """The README's definitions and rules 1–6 over one instance dict."""

    def __init__(self, instance: dict[str, Any]) -> None:
        self.start = _day(instance["season"]["start"])
        self.end = _day(instance["season"]["end"])
        home = instance["home"]
        self.home = Point(float(home["lat"]), float(home["lon"]), home["tz"])
        t = instance["travel"]
        self.overhead = float(t["overhead_hours"])
        self.speed = float(t["speed_kmh"])
        self.hours_per_day = float(t["hours_per_day"])
        self.local_km = float(t["local_km"])
        self.cost_per_km = float(t["cost_per_km"])
        self.jetlag = float(t["jetlag_hours_per_rest_day"])
        self.max_per_7 = int(instance["limits"]["max_performances_per_7_days"])
        self.unavailable = [(_day(u["from"]), _day(u["to"])) for u in instance["unavailable"]]
        self.offers: dict[str, Offer] = {}
        for o in instance["offers"]:
            radius = o.get("radius")
            self.offers[o["id"]] = Offer(
                id=o["id"],
                at=Point(float(o["lat"]), float(o["lon"]), o["tz"]),
                dates=tuple(_day(d) for d in o["dates"]),
                fee=float(o["fee"]),
                rehearsal_days=int(o["rehearsal_days"]),
                required=bool(o.get("required", False)),
                radius_km=float(radius["km"]) if radius else None,
                radius_days=int(radius["days"]) if radius else None,
            )
        self._km: dict[tuple[Point, Point], float] = {}
        self._offsets: dict[tuple[str, date], int] = {}

    # Definitions

    def distance(self, a: Point, b: Point) -> float:
        key = (a, b)
        if key not in self._km:
            self._km[key] = haversine_km(a.lat, a.lon, b.lat, b.lon)
        return self._km[key]

    def local(self, a: Point, b: Point) -> bool:
        return self.distance(a, b) <= self.local_km

    def travel_days(self, a: Point, b: Point) -> int:
        if self.local(a, b):
            return 0
        return math.ceil((self.overhead + self.distance(a, b) / self.speed) / self.hours_per_day)

    def offset(self, tz: str, day: date) -> int:
        key = (tz, day)
        if key not in self._offsets:
            self._offsets[key] = utc_offset_seconds(tz, day)
        return self._offsets[key]

    def rest_days(self, a: Point, b: Point, day: date) -> int:
        if self.local(a, b):
            return 0
        gap = abs(self.offset(b.tz, day) - self.offset(a.tz, day))
        return math.floor(gap / (self.jetlag * 3600))

    def first_day(self, offer_id: str, day: date) -> date:
        return day - timedelta(days=self.offers[offer_id].rehearsal_days)

    def in_order(self, schedule: Iterable[tuple[str, date]]) -> list[tuple[str, date]]:
        return sorted(schedule, key=lambda pair: pair[1])

    # Figures

    def route_km(self, schedule: Iterable[tuple[str, date]]) -> float:
        stops = [self.home] + [self.offers[i].at for i, _ in self.in_order(schedule)]
        stops.append(self.home)
        return sum(self.distance(a, b) for a, b in itertools.pairwise(stops))

    def fees(self, schedule: Iterable[tuple[str, date]]) -> float:
        return sum(self.offers[i].fee for i, _ in schedule)

    def objective(self, schedule: list[tuple[str, date]]) -> float:
        return self.fees(schedule) - self.cost_per_km * self.route_km(schedule)

    # Rules

    def date_ok(self, offer_id: str, day: date) -> bool:
        """Rule 2 for one offer on one date: its occupied days fit the season and availability."""
        first = self.first_day(offer_id, day)
        if first < self.start or day > self.end:
            return False
        return all(day < lo or first > hi for lo, hi in self.unavailable)

    def broken(
        self,
        schedule: list[tuple[str, date]],
        *,
        stop_at_first: bool = False,
        partial: bool = False,
    ) -> list[str]:
        """Each rule the choice breaks, as "rule N: why"; [] for a feasible plan. `partial`:
        a plan still being built, whose missing required offers are no fault yet."""
        problems: list[str] = []

        def fail(rule: str, why: str) -> bool:
            problems.append(f"rule {rule}: {why}")
            return stop_at_first

        chosen = {i for i, _ in schedule}
        for offer in self.offers.values():
            if (
                offer.required
                and not partial
                and offer.id not in chosen
                and fail("1", f"{offer.id} is required")
            ):
                return problems
        seen: set[str] = set()
        for i, day in schedule:
            if i not in self.offers:
                if fail("1", f"{i} is not an offer"):
                    return problems
                continue
            if i in seen and fail("1", f"{i} is scheduled twice"):
                return problems
            seen.add(i)
            if day not in self.offers[i].dates and fail("1", f"{i} has no date {day}"):
                return problems
            if not self.date_ok(i, day) and fail("2", f"{i} on {day} leaves the free season"):
                return problems
        order = [(i, d) for i, d in self.in_order(schedule) if i in self.offers]
        for (a, da), (b, db) in itertools.pairwise(order):
            pa, pb = self.offers[a].at, self.offers[b].at
            first_b = self.first_day(b, db)
            need = 1 + self.travel_days(pa, pb) + self.rest_days(pa, pb, first_b)
            if (first_b - da).days < need and fail(
                "3", f"{a} on {da} to {b} starting {first_b} needs {need} days"
            ):
                return problems
        if order:
            f, df = order[0]
            first_f = self.first_day(f, df)
            pf = self.offers[f].at
            need = self.travel_days(self.home, pf) + self.rest_days(self.home, pf, first_f)
            if (first_f - self.start).days < need and fail("4", f"no time to reach {f} from home"):
                return problems
            last, dl = order[-1]
            back = self.travel_days(self.offers[last].at, self.home)
            if dl + timedelta(days=back) > self.end and fail(
                "4", f"no time to get home after {last}"
            ):
                return problems
        days = sorted(d for _, d in order)
        for k, d in enumerate(days):
            # The fullest windows start on a performance day; count those from each one.
            within = sum(1 for e in days[k:] if (e - d).days < 7)
            if within > self.max_per_7 and fail("5", f"{within} performances from {d}"):
                return problems
        for k, (x, dx) in enumerate(order):
            for y, dy in order[k + 1 :]:
                for holder, other in ((x, y), (y, x)):
                    clause = self.offers[holder]
                    if clause.radius_km is None or clause.radius_days is None:
                        continue
                    near = self.distance(clause.at, self.offers[other].at) <= clause.radius_km
                    if (
                        near
                        and abs((dx - dy).days) <= clause.radius_days
                        and fail("6", f"{other} lies within {holder}'s radius clause")
                    ):
                        return problems
        return problems

    def feasible(self, schedule: list[tuple[str, date]], *, partial: bool = False) -> bool:
        return not self.broken(schedule, stop_at_first=True, partial=partial)


def _close(a: Any, b: float) -> bool:
    return isinstance(a, int | float) and abs(float(a) - b) <= TOLERANCE + _SLACK


def check(instance: dict[str, Any], plan: dict[str, Any]) -> list[str]:
    """Every rule the plan breaks and every figure that disagrees; [] when all is right."""
    rules = Rules(instance)
    problems: list[str] = []
    status = plan.get("status")
    if status not in {"optimal", "feasible", "infeasible"}:
        return [f"output: unknown status {status!r}"]
    entries = plan.get("schedule", [])
    declined = [d.get("id") for d in plan.get("declined", [])]
    for d in plan.get("declined", []):
        if not isinstance(d.get("reason"), str) or not d["reason"].strip():
            problems.append(f"output: {d.get('id')} declined without a reason")
    if status == "infeasible":
        if entries:
            problems.append("output: an infeasible plan has a schedule")
        if plan.get("bound") is not None or plan.get("objective") is not None:
            problems.append("output: an infeasible plan has figures")
        if not plan.get("conflicts"):
            problems.append("output: an infeasible plan names no conflict")
        return problems
    schedule = [(e["id"], _day(e["date"])) for e in entries]
    for e, (i, d) in zip(entries, schedule, strict=True):
        if i in rules.offers and e.get("first_day") != rules.first_day(i, d).isoformat():
            problems.append(f"output: {i} has first_day {e.get('first_day')}")
    if [d for _, d in schedule] != sorted(d for _, d in schedule):
        problems.append("output: the schedule is not in date order")
    listed = [i for i, _ in schedule] + declined
    if sorted(listed) != sorted(rules.offers):
        problems.append("output: the schedule and declined do not list each offer once")
    problems += rules.broken(schedule)
    known = [(i, d) for i, d in schedule if i in rules.offers]
    fees, km = rules.fees(known), rules.route_km(known)
    objective = fees - rules.cost_per_km * km
    for name, value in (("fees", fees), ("travel_km", km), ("objective", objective)):
        if not _close(plan.get(name), value):
            problems.append(f"{name}: the plan says {plan.get(name)}, recomputed {value:.2f}")
    bound = plan.get("bound")
    if status == "optimal" and not _close(bound, objective):
        problems.append(f"bound: {bound} is not the objective of an optimal plan")
    if status == "feasible" and not (
        isinstance(bound, int | float) and bound >= objective - TOLERANCE - _SLACK
    ):
        problems.append(f"bound: {bound} is below the objective {objective:.2f}")
    return problems


def rules_broken(problems: list[str]) -> set[str]:
    """The names of the broken rules or figures in `check`'s answer: {"rule 3", "fees"}."""
    return {p.split(":", 1)[0] for p in problems}
