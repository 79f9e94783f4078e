"""The exact optimum of a small instance by trying every plan: each offer declined or on
each of its dates, every combination, judged by the independent checker's rules.

Only dates that break rule 2 are dropped beforehand: that rule concerns one offer and one
date alone, so no plan using them is feasible. Fine for up to about eight offers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from tests.planning.checker import Rules


@dataclass(frozen=True)
class Optimum:
    objective: float | None  # None: no plan is feasible
    schedule: list[tuple[str, date]]
    plans_tried: int

    @property
    def feasible(self) -> bool:
        return self.objective is not None


def brute_force(instance: dict[str, Any]) -> Optimum:
    rules = Rules(instance)
    choices: list[list[tuple[str, date] | None]] = []
    for offer in rules.offers.values():
        dates: list[tuple[str, date] | None] = [
            (offer.id, d) for d in offer.dates if rules.date_ok(offer.id, d)
        ]
        choices.append(dates if offer.required else [None, *dates])
    best: float | None = None
    best_schedule: list[tuple[str, date]] = []
    tried = 0
    for combination in itertools.product(*choices):
        tried += 1
        schedule = [pick for pick in combination if pick is not None]
        if not rules.feasible(schedule):
            continue
        value = rules.objective(schedule)
        if best is None or value > best:
            best, best_schedule = value, rules.in_order(schedule)
    return Optimum(best, best_schedule, tried)
