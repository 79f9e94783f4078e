"""Why the planner declined each offer, and why an instance has no plan at all.

A declined offer's reason is read off the plan: each of its dates is tried in the chosen
route and the rule that stops it is quoted with its figures ("the 12 July date leaves
1 day after Aix (8 July) where the journey needs 2 travel days"); a date that fits is
declined for money ("below the travel it costs"). An infeasible instance is explained by
a set of required offers and rules that cannot hold together: CP-SAT's core over one
assumption literal per required offer and per rule, shrunk until nothing can be dropped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from cadenza.engagements.planning import rules
from cadenza.engagements.planning.cpsat import cp_model
from cadenza.engagements.planning.instance import Instance, Offer

RULES = {
    2: "rule 2 (season and unavailable days)",
    3: "rule 3 (travel and rest between offers)",
    4: "rule 4 (travel from and to home)",
    5: "rule 5 (performances in 7 days)",
    6: "rule 6 (radius clauses)",
}


@dataclass(frozen=True)
class Declined:
    id: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    ids: tuple[str, ...]
    rule: str
    why: str


def day_text(day: date) -> str:
    return f"{day.day} {day:%B}"


def span_text(first: date, last: date) -> str:
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B}"
    return f"{day_text(first)} – {day_text(last)}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def label(inst: Instance, offer: Offer) -> str:
    """The offer as a manager names it: its city, or city and venue when the city repeats."""
    same = [o for o in inst.offers if o.city == offer.city]
    return offer.city if len(same) == 1 else f"{offer.city} ({offer.venue})"


def blocked(inst: Instance, offer: Offer, day: date) -> str | None:
    """Rule 2, said: why that date can never be chosen, or None."""
    bad = rules.blocked_day(inst, offer, day)
    if bad is None:
        return None
    first = rules.first_day(offer, day)
    if bad < inst.season_start:
        return f"its rehearsals from {day_text(first)} start before the season does"
    if bad > inst.season_end:
        return "falls after the season ends"
    for start, end in inst.unavailable:
        if start <= bad <= end:
            return f"is on the unavailable days {span_text(start, end)}"
    return "lies outside the season"  # pragma: no cover (blocked_day has no other cause)


def _free(days: int) -> str:
    return "no free day" if days == 0 else plural(days, "free day")


def _journey(inst: Instance, a: Offer, b: Offer, b_day: date) -> str:
    start = rules.first_day(b, b_day)
    travel = rules.travel_days(inst, a, b)
    rest = rules.rest_days(inst, a, b, start)
    said = plural(travel, "travel day")
    return f"{said} and {plural(rest, 'rest day')}" if rest else said


def _gap(inst: Instance, a: Offer, a_day: date, b: Offer, b_day: date) -> int:
    return (rules.first_day(b, b_day) - a_day).days - 1


def _obstacles(
    inst: Instance, offer: Offer, day: date, plan: list[tuple[Offer, date]]
) -> list[str]:
    """The rules that stop `offer` on `day` from joining the plan, with their figures."""
    said: list[str] = []
    before = [(o, d) for o, d in plan if d < day]
    after = [(o, d) for o, d in plan if d > day]
    for other, _ in [(o, d) for o, d in plan if d == day]:
        said.append(f"is the day of {label(inst, other)}")
    if before:
        prev, prev_day = before[-1]
        if not rules.follows(inst, prev, prev_day, offer, day):
            free = max(0, _gap(inst, prev, prev_day, offer, day))
            said.append(
                f"leaves {_free(free)} after "
                f"{label(inst, prev)} ({day_text(prev_day)}) where the journey needs "
                f"{_journey(inst, prev, offer, day)}"
            )
    elif not rules.can_open(inst, offer, day):
        needed = rules.home_start_needed(inst, offer, day)
        said.append(f"comes too soon after the season opens: from home it needs {needed} days")
    if after:
        nxt, nxt_day = after[0]
        if not rules.follows(inst, offer, day, nxt, nxt_day):
            free = max(0, _gap(inst, offer, day, nxt, nxt_day))
            said.append(
                f"leaves {_free(free)} before "
                f"{label(inst, nxt)} ({day_text(nxt_day)}) where the journey needs "
                f"{_journey(inst, offer, nxt, nxt_day)}"
            )
    elif not rules.can_close(inst, offer, day):
        days = rules.travel_days(inst, offer, inst.home)
        said.append(f"leaves too little time for the {plural(days, 'day')} home before the end")
    limit = inst.max_performances_per_7_days
    for k in range(7):
        start = day - timedelta(days=6 - k)
        held = [d for _, d in plan if start <= d <= start + timedelta(days=6)]
        if len(held) + 1 > limit:
            window = span_text(start, start + timedelta(days=6))
            said.append(
                f"would be performance {len(held) + 1} in the 7 days {window} (limit {limit})"
            )
            break
    for other, other_day in plan:
        holder = rules.radius_clash(inst, offer, day, other, other_day)
        if holder is offer:
            said.append(
                f"its radius clause ({offer.radius_km:g} km, {offer.radius_days} days) excludes "
                f"{label(inst, other)}"
            )
        elif holder is not None:
            said.append(f"{label(inst, other)}'s radius clause excludes it")
    return said


def _money(
    inst: Instance, offer: Offer, day: date, plan: list[tuple[Offer, date]], proved: bool
) -> str:
    """Why a date that fits was left out: what it earns against the travel it adds."""
    prev = next((o for o, d in reversed(plan) if d < day), None) or inst.home
    nxt = next((o for o, d in plan if d > day), None) or inst.home
    through = rules.distance(prev, offer) + rules.distance(offer, nxt)
    extra = through - (rules.distance(prev, nxt) if plan else 0.0)
    cost = inst.travel.cost_per_km * extra
    gain = float(offer.fee) - cost
    if gain <= 0.005 or proved:
        return (
            f"is below the travel it costs: a fee of {offer.fee:,} against {extra:,.0f} km "
            f"more travel ({cost:,.2f})"
        )
    return f"would add {gain:,.2f}, but the plan was not proved optimal within the time limit"


def declined(inst: Instance, plan: list[tuple[Offer, date]], *, proved: bool) -> list[Declined]:
    """A reason for every offer not in the plan (the plan sorted by date)."""
    taken = {offer.id for offer, _ in plan}
    found = []
    for offer in inst.offers:
        if offer.id in taken:
            continue
        parts = []
        for day in sorted(offer.dates):
            why = blocked(inst, offer, day)
            if why is None:
                stops = _obstacles(inst, offer, day, plan)
                why = ", and ".join(stops) if stops else _money(inst, offer, day, plan, proved)
            parts.append(f"the {day_text(day)} date {why}")
        found.append(Declined(offer.id, "; ".join(parts)))
    return found


class _Relaxed:
    """The rules as switchable assumptions over every (offer, date), in (date, offer) order;
    arcs are free, so the model only asks whether the switched-on rules can all hold."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        m = self.model = cp_model.CpModel()
        self.rule = {n: m.new_bool_var(f"rule{n}") for n in RULES}
        self.required = {o.id: m.new_bool_var(o.id) for o in inst.offers if o.required}
        nodes = sorted(
            ((day, i, o) for i, o in enumerate(inst.offers) for day in o.dates),
            key=lambda node: node[:2],
        )
        x = [m.new_bool_var(f"x{k}") for k in range(len(nodes))]
        arcs: list = [(0, 0, m.new_bool_var("empty"))]
        for k, (day, _, offer) in enumerate(nodes, start=1):
            arcs.append((k, k, ~x[k - 1]))
            if rules.blocked_day(inst, offer, day) is not None:
                m.add_implication(x[k - 1], ~self.rule[2])
            self._arc(arcs, 0, k, rules.can_open(inst, offer, day), 4)
            self._arc(arcs, k, 0, rules.can_close(inst, offer, day), 4)
            for j, (b_day, _, b) in enumerate(nodes[k:], start=k + 1):
                if b is not offer:
                    self._arc(arcs, k, j, rules.follows(inst, offer, day, b, b_day), 3)
            for j in range(k, len(nodes)):
                b_day, _, b = nodes[j]
                if b is not offer and rules.radius_clash(inst, offer, day, b, b_day):
                    m.add_bool_or([~x[k - 1], ~x[j], ~self.rule[6]])
        m.add_circuit(arcs)
        for offer in inst.offers:
            mine = [x[k] for k, node in enumerate(nodes) if node[2] is offer]
            m.add(sum(mine) <= 1)
            if offer.required:
                m.add(sum(mine) == 1).only_enforce_if(self.required[offer.id])
        days = sorted({node[0] for node in nodes})
        for start in sorted({d - timedelta(days=k) for d in days for k in range(7)}):
            window = [x[k] for k, node in enumerate(nodes) if 0 <= (node[0] - start).days < 7]
            if len(window) > inst.max_performances_per_7_days:
                limit = inst.max_performances_per_7_days
                m.add(sum(window) <= limit).only_enforce_if(self.rule[5])

    def _arc(self, arcs: list, tail: int, head: int, allowed: bool, rule: int) -> None:
        lit = self.model.new_bool_var(f"a{tail}_{head}")
        arcs.append((tail, head, lit))
        if not allowed:
            self.model.add_implication(lit, ~self.rule[rule])

    def holds(self, literals: list[cp_model.IntVar], deadline: float) -> bool | None:
        """Whether the instance has a plan under these assumptions (None: out of time)."""
        self.model.clear_assumptions()
        self.model.add_assumptions(literals)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # the core is reported by the single worker
        solver.parameters.max_time_in_seconds = max(0.2, deadline - time.monotonic())
        status = solver.solve(self.model)
        found = set(solver.sufficient_assumptions_for_infeasibility())
        self.core = [lit for lit in literals if lit.index in found]
        if status == cp_model.INFEASIBLE:
            return False
        return True if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def explain_infeasible(inst: Instance, *, deadline: float, workers: int = 1) -> list[Conflict]:
    """A set of required offers and rules that cannot hold together, with nothing to spare:
    dropping any one of them leaves a feasible plan."""
    relaxed = _Relaxed(inst)
    everything = [*relaxed.required.values(), *relaxed.rule.values()]
    if relaxed.holds(everything, deadline) is not False:
        return []
    core = relaxed.core or everything
    for lit in list(core):
        trial = [other for other in core if other is not lit]
        if relaxed.holds(trial, deadline) is False:
            kept = {other.index for other in relaxed.core or trial}
            core = [other for other in trial if other.index in kept]
    left = {lit.index for lit in core}
    ids = tuple(o.id for o in inst.offers if o.required and relaxed.required[o.id].index in left)
    chosen = [n for n, lit in relaxed.rule.items() if lit.index in left]
    return [Conflict(ids, RULES[n], _why(inst, ids, n)) for n in chosen]


def _why(inst: Instance, ids: tuple[str, ...], rule: int) -> str:
    offers = [inst.offer(i) for i in ids]
    names = ", ".join(label(inst, o) for o in offers)
    if rule == 2:
        said = [
            f"{label(inst, o)}: the {day_text(d)} date {blocked(inst, o, d)}"
            for o in offers
            for d in o.dates
            if blocked(inst, o, d)
        ]
        return "; ".join(said) or f"{names} cannot all fit the season"
    if rule == 3:
        return (
            f"{names} leave too little time to travel and rest between them on any of their dates"
        )
    if rule == 4:
        return (
            f"{names} leave too little time to travel from home after the season starts "
            "or back home before it ends"
        )
    if rule == 5:
        return (
            f"{names} need more than {inst.max_performances_per_7_days} performances in some 7 days"
        )
    return f"{names} fall within a radius clause's distance and days of each other"
