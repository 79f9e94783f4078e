"""The planner against the brute force, judged by the independent checker: on 300 random
small seasons (2–6 offers, real halls, clocks changing), and on hand-made instances in
which one rule alone decides the plan."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cadenza.engagements.planning.instance import load_instance
from cadenza.engagements.planning.solver import solve
from tests.planning.brute_force import brute_force
from tests.planning.checker import check
from tests.planning.generator import generate
from tests.planning.test_checker import june

SEEDS = range(300)


def planned(instance: dict[str, Any]) -> dict[str, Any]:
    return solve(load_instance(copy.deepcopy(instance)), time_limit=20).to_json()


@pytest.mark.parametrize("seed", SEEDS)
def test_the_planner_finds_the_brute_forces_optimum(seed: int) -> None:
    instance = generate(seed)
    best = brute_force(instance)
    plan = planned(instance)
    assert check(instance, plan) == [], plan
    if not best.feasible:
        assert plan["status"] == "infeasible"
        # The conflict's required offers cannot hold together even alone.
        ids = {i for conflict in plan["conflicts"] for i in conflict["ids"]}
        alone = {**instance, "offers": [o for o in instance["offers"] if o["id"] in ids]}
        assert ids and all(o.get("required") for o in alone["offers"])
        assert not brute_force(alone).feasible
        return
    assert plan["status"] == "optimal"
    assert best.objective is not None
    assert abs(plan["objective"] - best.objective) <= 0.01, (plan, best)


def chosen(plan: dict[str, Any]) -> list[tuple[str, str]]:
    return [(entry["id"], entry["date"]) for entry in plan["schedule"]]


def fees(instance: dict[str, Any], **by_id: int) -> dict[str, Any]:
    for offer in instance["offers"]:
        offer["fee"] = by_id.get(offer["id"], 0)
    return instance


# Each instance: the June season of test_checker with fees that make one rule decide.
# Without that rule the planner's plan would differ; the brute force agrees with it.
def rule_1() -> dict[str, Any]:
    instance = fees(june(), musikverein=9000, salzburg=5000)
    instance["offers"][0]["dates"] = ["2027-06-10"]
    instance["offers"][2]["required"] = True
    instance["offers"][2]["dates"] = ["2027-06-12"]  # cannot follow the 10th
    return instance


def rule_2() -> dict[str, Any]:
    # Only the 10th leaves time to reach Salzburg on the 14th; its rehearsal day is blocked.
    instance = fees(june(), musikverein=9000, salzburg=8000)
    instance["offers"][0]["dates"] = ["2027-06-10", "2027-06-12"]
    instance["offers"][2]["dates"] = ["2027-06-14"]
    instance["unavailable"] = [{"from": "2027-06-09", "to": "2027-06-09"}]
    return instance


def rule_3() -> dict[str, Any]:
    instance = fees(june(), musikverein=9000, salzburg=8000)
    instance["offers"][0]["dates"] = ["2027-06-10"]
    instance["offers"][2]["dates"] = ["2027-06-12"]
    return instance


def rule_4() -> dict[str, Any]:
    instance = fees(june(), tokyo=30000)
    instance["offers"][3]["dates"] = ["2027-06-03"]  # two travel days and a rest from June 1
    return instance


def rule_5() -> dict[str, Any]:
    instance = fees(june(limit=2), musikverein=9000, konzerthaus=8000, wien=7000)
    instance["offers"][0]["dates"] = ["2027-06-10"]
    instance["offers"][1]["dates"] = ["2027-06-12"]
    return instance


def rule_6() -> dict[str, Any]:
    instance = fees(june(), musikverein=9000, salzburg=8000)
    instance["offers"][0]["dates"] = ["2027-06-10"]
    instance["offers"][2]["radius"] = {"km": 300, "days": 10}
    return instance


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (rule_1, [("salzburg", "2027-06-12")]),
        (rule_2, [("musikverein", "2027-06-12")]),
        (rule_3, [("musikverein", "2027-06-10")]),
        (rule_4, []),
        (rule_5, [("musikverein", "2027-06-10"), ("konzerthaus", "2027-06-12")]),
        (rule_6, [("musikverein", "2027-06-10")]),
    ],
)
def test_one_rule_alone_decides(make: Any, expected: list[tuple[str, str]]) -> None:
    instance = make()
    plan = planned(instance)
    assert check(instance, plan) == []
    assert plan["status"] == "optimal"
    assert chosen(plan) == expected
    best = brute_force(instance)
    assert best.objective is not None
    assert abs(plan["objective"] - best.objective) <= 0.01
