"""The independent checker, on hand-made plans that each break one rule, and on the README
example's known optimum (figures found by another model of the rules)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.planning.brute_force import brute_force
from tests.planning.checker import Point, Rules, check, haversine_km, rules_broken

EXAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "planning" / "example-summer.json"
VIENNA = {"lat": 48.2006, "lon": 16.3726, "tz": "Europe/Vienna"}


def offer(id: str, where: dict[str, Any], dates: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": id, "venue": id, "city": id, **where, "dates": dates, "fee": 10000,
            "rehearsal_days": 1, **extra}  # fmt: skip


def june(limit: int = 3, **replace: Any) -> dict[str, Any]:
    """A June season from a home in Vienna: Musikverein, Konzerthaus and Theater an der
    Wien are local to it,
    Salzburg one travel day away (about 250 km), Tokyo two days and a rest day (+2 to +9)."""
    instance = {
        "season": {"start": "2027-06-01", "end": "2027-06-30"},
        "home": {"name": "Vienna", "lat": 48.2082, "lon": 16.3738, "tz": "Europe/Vienna"},
        "travel": {"overhead_hours": 4, "speed_kmh": 750, "hours_per_day": 10,
                   "local_km": 50, "cost_per_km": 0.25, "jetlag_hours_per_rest_day": 6},
        "limits": {"max_performances_per_7_days": limit},
        "unavailable": [{"from": "2027-06-20", "to": "2027-06-21"}],
        "offers": [
            offer("musikverein", VIENNA, ["2027-06-10", "2027-06-12", "2027-06-16"]),
            offer("konzerthaus", {"lat": 48.2012, "lon": 16.3783, "tz": "Europe/Vienna"},
                  ["2027-06-12", "2027-06-17", "2027-06-23"], rehearsal_days=0),
            offer("salzburg", {"lat": 47.7985, "lon": 13.0408, "tz": "Europe/Vienna"},
                  ["2027-06-12", "2027-06-14"]),
            offer("tokyo", {"lat": 35.668, "lon": 139.741, "tz": "Asia/Tokyo"},
                  ["2027-06-03", "2027-06-14", "2027-06-15", "2027-06-29"]),
            offer("wien", {"lat": 48.199, "lon": 16.362, "tz": "Europe/Vienna"},
                  ["2027-06-15"], rehearsal_days=0),
        ],
    }  # fmt: skip
    for key, value in replace.items():
        instance[key] = value
    return instance


def plan(
    instance: dict[str, Any], chosen: list[tuple[str, str]], **override: Any
) -> dict[str, Any]:
    """A plan in the README's format for `chosen`, its figures computed by the checker."""
    rules = Rules(instance)
    schedule = sorted(((i, date.fromisoformat(d)) for i, d in chosen), key=lambda p: p[1])
    first = {i: rules.first_day(i, d).isoformat() for i, d in schedule}
    fees, km = rules.fees(schedule), rules.route_km(schedule)
    objective = round(fees - rules.cost_per_km * km, 2)
    result = {
        "status": "optimal", "objective": objective, "bound": objective, "fees": fees,
        "travel_km": round(km, 2),
        "schedule": [{"id": i, "date": d.isoformat(), "first_day": first[i]}
                     for i, d in schedule],
        "declined": [{"id": i, "reason": "not chosen"} for i in rules.offers
                     if i not in {c for c, _ in chosen}],
        "conflicts": [],
    }  # fmt: skip
    result.update(override)
    return result


def broken(instance: dict[str, Any], chosen: list[tuple[str, str]]) -> set[str]:
    return rules_broken(check(instance, plan(instance, chosen)))


def test_a_valid_plan_passes() -> None:
    instance = june()
    chosen = [("musikverein", "2027-06-10"), ("salzburg", "2027-06-14"), ("tokyo", "2027-06-29")]
    assert broken(instance, chosen) == {"rule 4"}  # Tokyo on the 29th leaves no way home
    chosen[-1] = ("konzerthaus", "2027-06-17")
    assert check(instance, plan(instance, chosen)) == []


def test_rule_1_required_offers_and_their_own_dates() -> None:
    instance = june()
    instance["offers"][2]["required"] = True
    assert broken(instance, [("musikverein", "2027-06-10")]) == {"rule 1"}
    assert broken(instance, [("salzburg", "2027-06-14")]) == set()
    assert broken(instance, [("salzburg", "2027-06-13")]) == {"rule 1"}  # not one of its dates
    twice = [("salzburg", "2027-06-12"), ("salzburg", "2027-06-14")]
    assert "rule 1" in broken(instance, twice)


def test_rule_2_every_occupied_day_is_free_and_in_the_season() -> None:
    instance = june()
    konzerthaus_23 = [("konzerthaus", "2027-06-23")]
    assert broken(instance, konzerthaus_23) == set()
    instance["unavailable"] = [{"from": "2027-06-22", "to": "2027-06-23"}]
    assert broken(instance, konzerthaus_23) == {"rule 2"}  # the last day counts
    # Only the rehearsal day (the 11th) is unavailable.
    instance["unavailable"] = [{"from": "2027-06-05", "to": "2027-06-11"}]
    assert broken(instance, [("salzburg", "2027-06-12")]) == {"rule 2"}
    assert broken(instance, [("salzburg", "2027-06-14")]) == set()
    early = june(season={"start": "2027-06-12", "end": "2027-06-30"})
    # Local, so no travel: the rehearsal on the 11th is before the season (and home).
    assert broken(early, [("musikverein", "2027-06-12")]) == {"rule 2", "rule 4"}
    late = june(season={"start": "2027-06-01", "end": "2027-06-22"})
    assert broken(late, [("konzerthaus", "2027-06-23")]) == {"rule 2", "rule 4"}


def test_rule_3_travel_and_rest_between_engagements() -> None:
    instance = june()
    # Musikverein on the 10th, Salzburg's rehearsal on the 11th: one travel day is missing.
    assert broken(instance, [("musikverein", "2027-06-10"), ("salzburg", "2027-06-12")]) == {
        "rule 3"
    }
    # Local halls need only the next day.
    assert broken(instance, [("musikverein", "2027-06-16"), ("konzerthaus", "2027-06-17")]) == set()
    # To Tokyo: 1 + 2 travel days + 1 rest day (seven hours of jet lag) before its rehearsal.
    assert broken(instance, [("musikverein", "2027-06-10"), ("tokyo", "2027-06-14")]) == {"rule 3"}
    assert broken(instance, [("musikverein", "2027-06-10"), ("tokyo", "2027-06-15")]) == set()
    same_day = [("musikverein", "2027-06-12"), ("konzerthaus", "2027-06-12")]
    assert broken(instance, same_day) == {"rule 3"}


def test_rule_4_from_home_and_back() -> None:
    instance = june()
    # Tokyo's rehearsal on June 2 leaves one day from home; it needs two and a rest day.
    assert broken(instance, [("tokyo", "2027-06-03")]) == {"rule 4"}
    assert broken(instance, [("tokyo", "2027-06-29")]) == {"rule 4"}  # back by July 1
    assert broken(instance, [("tokyo", "2027-06-15")]) == set()


def test_rule_5_performances_in_any_seven_days() -> None:
    chosen = [("musikverein", "2027-06-10"), ("konzerthaus", "2027-06-12"), ("wien", "2027-06-15")]
    assert broken(june(limit=3), chosen) == set()
    assert broken(june(limit=2), chosen) == {"rule 5"}  # June 10–16 holds three
    # June 10, 15 and 17: no seven days hold more than two.
    spread = [("musikverein", "2027-06-10"), ("wien", "2027-06-15"), ("konzerthaus", "2027-06-17")]
    assert broken(june(limit=2), spread) == set()
    assert broken(june(limit=1), spread) == {"rule 5"}


def test_rule_6_radius_clauses_bind_both_ways() -> None:
    chosen = [("musikverein", "2027-06-10"), ("salzburg", "2027-06-14")]
    for holder in (0, 2):  # the earlier offer's clause, then the later one's
        instance = june()
        instance["offers"][holder]["radius"] = {"km": 300, "days": 4}
        assert broken(instance, chosen) == {"rule 6"}
        instance["offers"][holder]["radius"] = {"km": 300, "days": 3}  # 4 days apart
        assert broken(instance, chosen) == set()
        instance["offers"][holder]["radius"] = {"km": 200, "days": 30}  # 250 km apart
        assert broken(instance, chosen) == set()


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"fees": 19000}, "fees"),
        ({"travel_km": 12.0}, "travel_km"),
        ({"objective": 100.0, "bound": 100.0}, "objective"),
        ({"bound": 1.0}, "bound"),
        ({"status": "feasible", "bound": 1.0}, "bound"),
        ({"declined": []}, "output"),
        (
            {"declined": [{"id": i, "reason": " "} for i in ("konzerthaus", "wien", "tokyo")]},
            "output",
        ),
        ({"status": "infeasible"}, "output"),
        ({"status": "done"}, "output"),
    ],
)
def test_wrong_figures_and_output_are_caught(override: dict[str, Any], expected: str) -> None:
    instance = june()
    good = plan(instance, [("musikverein", "2027-06-10"), ("salzburg", "2027-06-14")])
    assert check(instance, good) == []
    assert check(instance, {**good, "status": "feasible", "bound": good["objective"] + 5}) == []
    assert expected in rules_broken(check(instance, {**good, **override}))


def test_schedule_order_and_first_days_are_checked() -> None:
    instance = june()
    good = plan(instance, [("musikverein", "2027-06-10"), ("salzburg", "2027-06-14")])
    reversed_ = {**good, "schedule": good["schedule"][::-1]}
    assert rules_broken(check(instance, reversed_)) == {"output"}
    shifted = copy.deepcopy(good)
    shifted["schedule"][1]["first_day"] = "2027-06-14"
    assert rules_broken(check(instance, shifted)) == {"output"}


def test_distances_and_offsets() -> None:
    # One degree of a meridian is R·π/180.
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19508, abs=1e-5)
    rules = Rules(june())
    kolkata = Point(18.9256, 72.8206, "Asia/Kolkata")
    london = Point(51.5, -0.17, "Europe/London")
    new_york = Point(40.77, -73.98, "America/New_York")
    assert rules.offset("Asia/Kolkata", date(2027, 1, 1)) == 5.5 * 3600
    # New York has changed its clocks on March 14, 2027; London not until March 28.
    assert rules.offset("America/New_York", date(2027, 3, 20)) == -4 * 3600
    rules.jetlag = 4.5
    assert rules.rest_days(new_york, london, date(2027, 3, 10)) == 1  # five hours
    assert rules.rest_days(new_york, london, date(2027, 3, 20)) == 0  # four hours
    rules.jetlag = 5
    assert rules.rest_days(london, kolkata, date(2027, 7, 1)) == 0  # four and a half hours
    assert rules.rest_days(kolkata, london, date(2027, 1, 4)) == 1  # five and a half


# The README's optimum of its example, as found by a search with this checker's rules; its
# figures match the ones the README gives from an independent model.
EXAMPLE_OPTIMUM = [
    ("moscow-tchaikovsky-hall", "2027-06-06"), ("white-nights", "2027-06-18"),
    ("singapore", "2027-06-26"), ("aix", "2027-07-08"), ("luebeck-shmf", "2027-07-16"),
    ("verbier", "2027-07-20"), ("ravinia", "2027-07-27"), ("tanglewood", "2027-07-31"),
    ("salzburg", "2027-08-08"), ("proms", "2027-08-12"), ("edinburgh", "2027-08-16"),
    ("lucerne", "2027-08-20"), ("tokyo-suntory", "2027-08-25"),
]  # fmt: skip


def test_the_readme_examples_optimum() -> None:
    instance = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    figures = {"objective": 243751.64, "bound": 243751.64, "fees": 258000, "travel_km": 56993.43}
    optimum = plan(instance, EXAMPLE_OPTIMUM, **figures)
    assert check(instance, optimum) == []
    assert len(optimum["declined"]) == 3
    off = {**optimum, "travel_km": 56993.45}
    assert rules_broken(check(instance, off)) == {"travel_km"}
    # Tanglewood on its other date, the 25th, overlaps Ravinia on the 27th.
    moved = [(i, "2027-07-25" if i == "tanglewood" else d) for i, d in EXAMPLE_OPTIMUM]
    assert "rule 3" in rules_broken(check(instance, plan(instance, moved, **figures)))
    # Gstaad on August 2 lies within Verbier's clause (300 km, 21 days) and Lucerne's.
    with_gstaad = [*EXAMPLE_OPTIMUM, ("gstaad", "2027-08-02")]
    assert "rule 6" in rules_broken(check(instance, plan(instance, with_gstaad)))


def test_brute_force_on_a_hand_instance() -> None:
    instance = june()
    best = brute_force(instance)
    rules = Rules(instance)
    assert best.feasible
    assert rules.feasible(best.schedule)
    # Every combination, each offer declined or on one of its dates: none breaks rule 2.
    assert best.plans_tried == 4 * 4 * 2 * 3 * 5
    instance["offers"][3]["required"] = True
    instance["offers"][3]["dates"] = ["2027-06-03"]
    assert not brute_force(instance).feasible
