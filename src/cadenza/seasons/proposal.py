"""A season plan as the page and the command tell it: every offer with its decision and
reason, the months with the days each accepted offer occupies, the route's stops, and the
figures (recomputed by the planner, read from the plan as it stored them)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from cadenza.seasons.models import PlanRun


@dataclass(frozen=True)
class Row:
    """One offer of the plan, with what the planner made of it."""

    offer_id: str
    engagement_id: int
    title: str
    state: str
    venue: str
    city: str
    fee: float
    dates: list[date]
    rehearsal_days: int
    required: bool
    chosen: date | None
    first_day: date | None
    reason: str
    pinned: bool

    @property
    def accepted(self) -> bool:
        return self.chosen is not None


@dataclass(frozen=True)
class Cell:
    day: date
    in_month: bool
    rows: list[tuple[Row, str]] = field(default_factory=list)  # (offer, "rehearsal"|"concert")


@dataclass(frozen=True)
class Stop:
    name: str
    lat: float
    lon: float
    day: date | None  # None: home


@dataclass
class Proposal:
    run: PlanRun
    rows: list[Row]
    months: list[tuple[date, list[list[Cell]]]]
    stops: list[Stop]
    left_out: list[dict[str, Any]]
    told: list[dict[str, Any]]  # notes on offers planned (a fee converted, none yet)

    @property
    def accepted(self) -> list[Row]:
        return sorted((r for r in self.rows if r.accepted), key=lambda r: r.chosen or date.min)

    @property
    def declined(self) -> list[Row]:
        return [r for r in self.rows if not r.accepted]

    @property
    def gap(self) -> float | None:
        """How far the plan may be from the best, in % of the bound (0 when proved)."""
        plan = self.run.plan or {}
        objective, bound = plan.get("objective"), plan.get("bound")
        if objective is None or bound is None or bound <= 0:
            return None
        return max(0.0, (bound - objective) / bound * 100)

    @property
    def travel_cost(self) -> float | None:
        plan = self.run.plan or {}
        if plan.get("objective") is None:
            return None
        return float(plan["fees"]) - float(plan["objective"])


def _months(rows: list[Row], start: date, end: date) -> list[tuple[date, list[list[Cell]]]]:
    taken: dict[date, list[tuple[Row, str]]] = {}
    for row in rows:
        if row.chosen is None or row.first_day is None:
            continue
        day = row.first_day
        while day <= row.chosen:
            taken.setdefault(day, []).append((row, "concert" if day == row.chosen else "rehearsal"))
            day += timedelta(days=1)
    months = []
    first = start.replace(day=1)
    while first <= end:
        weeks = [
            [Cell(d, d.month == first.month, taken.get(d, []) if d.month == first.month else [])
             for d in week]
            for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
        ]  # fmt: skip
        months.append((first, weeks))
        first = (first + timedelta(days=32)).replace(day=1)
    return months


def proposal_of(run: PlanRun) -> Proposal:
    """The run's plan laid out for people (an unfinished run has no decisions yet)."""
    plan = run.plan or {}
    chosen = {c["id"]: c for c in plan.get("schedule", [])}
    reasons = {d["id"]: d["reason"] for d in plan.get("declined", [])}
    rows = []
    for offer in run.instance["offers"]:
        linked = run.offers[offer["id"]]
        pick = chosen.get(offer["id"])
        rows.append(
            Row(
                offer_id=offer["id"],
                engagement_id=linked["engagement"],
                title=linked["title"],
                state=linked["state"],
                venue=offer["venue"],
                city=offer["city"],
                fee=offer["fee"],
                dates=[date.fromisoformat(d) for d in offer["dates"]],
                rehearsal_days=offer["rehearsal_days"],
                required=offer.get("required", False),
                chosen=date.fromisoformat(pick["date"]) if pick else None,
                first_day=date.fromisoformat(pick["first_day"]) if pick else None,
                reason=reasons.get(offer["id"], ""),
                pinned=linked["engagement"] in run.pinned,
            )
        )
    home = run.instance["home"]
    offers = {o["id"]: o for o in run.instance["offers"]}
    stops = [Stop(home["name"], home["lat"], home["lon"], None)]
    for pick in plan.get("schedule", []):
        o = offers[pick["id"]]
        stops.append(Stop(o["city"], o["lat"], o["lon"], date.fromisoformat(pick["date"])))
    if len(stops) > 1:
        stops.append(stops[0])
    return Proposal(
        run=run,
        rows=sorted(rows, key=lambda r: (r.chosen or r.dates[0], r.title)),
        months=_months(rows, run.season_start, run.season_end),
        stops=stops,
        left_out=[n for n in run.notes if n["left_out"]],
        told=[n for n in run.notes if not n["left_out"]],
    )
