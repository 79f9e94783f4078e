"""The season planner: an exact CP-SAT model of ../shared/planning/README.md (docs/planning.md).

The route is one unit of flow from home back home over the graph of `graph.py`: one optional
node per (offer, date) that rule 2 allows, and waiting nodes that carry a hop from a place to
a later pair. A hop from i to j exists only when j's date is later and rule 3's gap holds,
so a route visits the accepted offers in date order and its hops are exactly the
consecutive pairs the rules speak of (requiring the gap for every pair instead is not the
same rule: a local hop or a rest day rounded down can make a later offer reachable in two
steps but not in one). Home → i exists only when rule 4 lets i come first, i → home only
when it lets i come last; `empty` stands for the empty plan. Every arc but those into home
runs forward in time, so flow conservation alone (no circuit constraint) makes the flow a
single route. Rules 1, 5 and 6 are linear constraints over the node literals, with the
graph's conflict cliques as redundant ones that tighten the LP; the objective is fees less
the cost of the arcs used (each hop's cost sits on one arc).

Scaling: fees and leg costs are integers in millionths of the currency. A fee with at most
six decimals is exact; each leg's cost is rounded by at most half a millionth, so a plan's
scaled objective is within (legs / 2) millionths of its true one and the plan proved best
cannot fall short of the true optimum by even 0.001 for a thousand offers: it never changes
the plan at the 0.01 the figures are reported to. The figures reported are recomputed from
the schedule by `rules`, not read back from the model.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from cadenza.engagements.planning import rules
from cadenza.engagements.planning.cpsat import cp_model
from cadenza.engagements.planning.graph import route_graph
from cadenza.engagements.planning.instance import Instance
from cadenza.engagements.planning.reasons import Conflict, Declined, declined, explain_infeasible

__all__ = ["SCALE", "Chosen", "Conflict", "Declined", "Plan", "solve"]

SCALE = 1_000_000  # model units per unit of currency


@dataclass(frozen=True)
class Chosen:
    id: str
    date: dt.date
    first_day: dt.date


@dataclass
class Plan:
    status: str  # "optimal" | "feasible" | "infeasible" ("unknown": no plan found in time)
    objective: float | None
    bound: float | None
    fees: float
    travel_km: float
    schedule: list[Chosen] = field(default_factory=list)
    declined: list[Declined] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    seconds: float = 0.0  # wall time of `solve`, reasons included

    def to_json(self) -> dict[str, Any]:
        """The README's output format: figures rounded to 2 decimals, dates ISO."""

        def money(x: float | None) -> float | None:
            return None if x is None else round(x, 2)

        return {
            "status": self.status,
            "objective": money(self.objective),
            "bound": money(self.bound),
            "fees": round(self.fees, 2),
            "travel_km": round(self.travel_km, 2),
            "schedule": [
                {"id": c.id, "date": c.date.isoformat(), "first_day": c.first_day.isoformat()}
                for c in self.schedule
            ],
            "declined": [{"id": d.id, "reason": d.reason} for d in self.declined],
            "conflicts": [
                {"ids": list(c.ids), "rule": c.rule, "why": c.why} for c in self.conflicts
            ],
        }


def scaled(amount: Decimal | float) -> int:
    value = Decimal(str(amount)) * SCALE
    return int(value.to_integral_value(rounding=ROUND_HALF_EVEN))


class _Model:
    """The CP-SAT model of one instance (see the module's docstring)."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.model = cp_model.CpModel()
        self.graph = route_graph(inst)
        self.nodes = self.graph.nodes
        self.chosen = [self.model.new_bool_var(f"x{i}") for i in range(len(self.nodes))]
        self.empty = self.model.new_bool_var("empty")
        self.arcs = [self.model.new_bool_var(f"a{t}_{h}") for t, h, _ in self.graph.arcs]
        self._route()
        self._offers()
        self._weeks()
        self._radius()
        for clique in self.graph.cliques:
            self.model.add(sum(self.chosen[i] for i in clique) <= 1)  # linear: in the LP
        per_km = self.inst.travel.cost_per_km
        fees = sum(scaled(o.fee) * x for (o, _), x in zip(self.nodes, self.chosen, strict=True))
        cost = sum(
            scaled(per_km * km) * lit
            for (_, _, km), lit in zip(self.graph.arcs, self.arcs, strict=True)
        )
        self.model.maximize(fees - cost)

    def _route(self) -> None:
        """One unit of flow from home back home; a chosen pair passes it on, a waiting node
        may. The graph is acyclic apart from home, so the flow is a single route."""
        n = len(self.nodes)
        into: list[list[cp_model.IntVar]] = [[] for _ in range(2 * n + 1)]
        out: list[list[cp_model.IntVar]] = [[] for _ in range(2 * n + 1)]
        for (tail, head, _), lit in zip(self.graph.arcs, self.arcs, strict=True):
            out[tail].append(lit)
            into[head].append(lit)
        self.model.add(sum(out[0]) + self.empty == 1)
        self.model.add(sum(into[0]) + self.empty == 1)
        for i, x in enumerate(self.chosen, start=1):
            self.model.add(sum(into[i]) == x)
            self.model.add(sum(out[i]) == x)
        for w in range(n + 1, 2 * n + 1):
            self.model.add(sum(into[w]) == sum(out[w]))

    def _offers(self) -> None:
        """Rule 1: a date at most (a required offer: exactly) once per offer."""
        by_offer: dict[str, list[cp_model.IntVar]] = {o.id: [] for o in self.inst.offers}
        for (offer, _), x in zip(self.nodes, self.chosen, strict=True):
            by_offer[offer.id].append(x)
        for offer in self.inst.offers:
            if offer.required:
                self.model.add_exactly_one(by_offer[offer.id])
            elif len(by_offer[offer.id]) > 1:
                self.model.add_at_most_one(by_offer[offer.id])

    def _weeks(self) -> None:
        """Rule 5: every 7-day window that could hold too many performances."""
        limit = self.inst.max_performances_per_7_days
        by_day: dict[date, list[cp_model.IntVar]] = {}
        for (_, day), x in zip(self.nodes, self.chosen, strict=True):
            by_day.setdefault(day, []).append(x)
        for start in sorted({day - timedelta(days=k) for day in by_day for k in range(7)}):
            window = [x for k in range(7) for x in by_day.get(start + timedelta(days=k), [])]
            if len(window) > limit:
                self.model.add(sum(window) <= limit)

    def _radius(self) -> None:
        """Rule 6: clashing offer-dates never both chosen (either offer's clause)."""
        if not any(o.radius_km is not None for o in self.inst.offers):
            return
        for i, (a, a_day) in enumerate(self.nodes):
            for j in range(i + 1, len(self.nodes)):
                b, b_day = self.nodes[j]
                if a is not b and rules.radius_clash(self.inst, a, a_day, b, b_day):
                    self.model.add_bool_or([~self.chosen[i], ~self.chosen[j]])

    def hint_empty(self) -> None:
        """The empty plan, when no offer is required: a first solution to improve on."""
        self.model.add_hint(self.empty, True)
        for x in [*self.chosen, *self.arcs]:
            self.model.add_hint(x, False)


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Tells `report(objective, bound)` of each better plan found (from CP-SAT's threads)."""

    def __init__(self, report: Callable[[float, float], None]) -> None:
        super().__init__()
        self.report = report

    def on_solution_callback(self) -> None:
        self.report(self.objective_value / SCALE, self.best_objective_bound / SCALE)


def solve(
    inst: Instance,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    on_progress: Callable[[float, float], None] | None = None,
) -> Plan:
    """The best plan found within `time_limit` seconds (of the solve), with its bound;
    `on_progress(objective, bound)` hears of each better plan as the search finds it."""
    started = time.monotonic()
    deadline = started + time_limit
    built = _Model(inst)
    if not any(o.required for o in inst.offers):
        built.hint_empty()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
    solver.parameters.num_workers = max(1, workers)
    # Presolve spent seconds on the arc literals of the earlier circuit model and gains
    # nothing measurable on this one (docs/planning.md, "Speed").
    solver.parameters.cp_model_presolve = False
    status = solver.solve(built.model, _Reporter(on_progress) if on_progress else None)
    if status == cp_model.INFEASIBLE:
        conflicts = explain_infeasible(inst, deadline=deadline, workers=workers)
        why = "no plan holds every required offer: see the conflicts"
        plan = Plan("infeasible", None, None, 0.0, 0.0, conflicts=conflicts)
        plan.declined = [Declined(o.id, why) for o in inst.offers]
    elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        pairs = [n for n, x in zip(built.nodes, built.chosen, strict=True) if solver.value(x)]
        pairs.sort(key=lambda pair: pair[1])
        value = rules.objective(inst, pairs)
        optimal = status == cp_model.OPTIMAL
        bound = value if optimal else max(value, solver.best_objective_bound / SCALE)
        plan = Plan(
            "optimal" if optimal else "feasible",
            value,
            bound,
            rules.fees(inst, pairs),
            rules.route_km(inst, pairs),
            schedule=[Chosen(o.id, d, rules.first_day(o, d)) for o, d in pairs],
            declined=declined(inst, pairs, proved=optimal),
        )
    else:
        plan = Plan("unknown", None, None, 0.0, 0.0)
        why = f"no plan was found within the time limit of {time_limit:g} s"
        plan.declined = [Declined(o.id, why) for o in inst.offers]
    plan.seconds = time.monotonic() - started
    return plan
