"""The season planner (engagements/planning): the example's known optimum, each rule of
../shared/planning/README.md deciding a tiny instance on its own, consecutiveness (not
every pair) for rule 3, required offers, an infeasible instance's conflict set, the reasons
given, and `cadenza plan solve`."""

from __future__ import annotations

import itertools
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cadenza.cli import main
from cadenza.engagements.planning import rules
from cadenza.engagements.planning.instance import Instance, load_instance
from cadenza.engagements.planning.solver import Plan, solve

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "planning" / "example-summer.json"

VIENNA = (48.2082, 16.3738, "Europe/Vienna")
HALLS = {  # name: (lat, lon, tz)
    "musikverein": (48.2006, 16.3725, "Europe/Vienna"),
    "konzerthaus": (48.2010, 16.3800, "Europe/Vienna"),
    "staatsoper": (48.2030, 16.3690, "Europe/Vienna"),
    "theater-an-der-wien": (48.1990, 16.3620, "Europe/Vienna"),
    "bratislava": (48.1486, 17.1077, "Europe/Bratislava"),
    "tokyo": (35.668, 139.741, "Asia/Tokyo"),
    "new-york": (40.7725, -73.98, "America/New_York"),
}


def offer(name: str, *dates: str, fee: float = 10000, rehearsal: int = 0, **more: Any) -> dict:
    lat, lon, tz = more.pop("at", None) or HALLS[name]
    return {
        "id": more.pop("id", name),
        "venue": name.title(),
        "city": more.pop("city", name.title()),
        "lat": lat,
        "lon": lon,
        "tz": tz,
        "dates": list(dates),
        "fee": fee,
        "rehearsal_days": rehearsal,
        **more,
    }


def instance(*offers: dict, home: tuple = VIENNA, unavailable: tuple = ()) -> Instance:
    return load_instance(
        {
            "season": {"start": "2027-06-01", "end": "2027-06-30"},
            "home": {"name": "Home", "lat": home[0], "lon": home[1], "tz": home[2]},
            "travel": {
                "overhead_hours": 4,
                "speed_kmh": 750,
                "hours_per_day": 10,
                "local_km": 50,
                "cost_per_km": 0.25,
                "jetlag_hours_per_rest_day": 6,
            },
            "limits": {"max_performances_per_7_days": 3},
            "unavailable": [{"from": a, "to": b} for a, b in unavailable],
            "offers": list(offers),
        }
    )


def taken(plan: Plan) -> list[str]:
    return [chosen.id for chosen in plan.schedule]


def reason(plan: Plan, offer_id: str) -> str:
    return next(d.reason for d in plan.declined if d.id == offer_id)


def assert_valid(inst: Instance, plan: Plan) -> None:
    """The plan keeps every rule and its figures are its schedule's."""
    pairs = [(inst.offer(c.id), c.date) for c in plan.schedule]
    assert [d for _, d in pairs] == sorted(d for _, d in pairs)
    assert all(rules.blocked_day(inst, o, d) is None for o, d in pairs)
    for (a, a_day), (b, b_day) in itertools.pairwise(pairs):
        assert rules.follows(inst, a, a_day, b, b_day)
    if pairs:
        assert rules.can_open(inst, *pairs[0]) and rules.can_close(inst, *pairs[-1])
    assert plan.objective == pytest.approx(rules.objective(inst, pairs), abs=0.01)
    assert {c.id for c in plan.schedule} | {d.id for d in plan.declined} == {
        o.id for o in inst.offers
    }


def test_the_example_reaches_its_known_optimum_in_seconds() -> None:
    inst = load_instance(EXAMPLE)
    started = time.monotonic()
    plan = solve(inst, time_limit=10)
    assert time.monotonic() - started < 5
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(243751.64, abs=0.01)
    assert plan.bound == plan.objective
    assert (plan.fees, round(plan.travel_km, 2)) == (258000, 56993.43)
    assert len(plan.schedule) == 13
    assert_valid(inst, plan)
    out = plan.to_json()
    assert (out["objective"], out["bound"], out["travel_km"]) == (243751.64, 243751.64, 56993.43)
    # Its 6 and 9 June dates score the same: either may open the season.
    assert out["schedule"][0]["id"] == "moscow-tchaikovsky-hall"
    assert {d["id"] for d in out["declined"]} == {"sapporo-pmf", "pyeongchang", "gstaad"}
    assert "Verbier's radius clause excludes it" in reason(plan, "gstaad")


def test_an_empty_offer_list_is_the_empty_plan() -> None:
    plan = solve(instance())
    assert plan.to_json() == {
        "status": "optimal",
        "objective": 0.0,
        "bound": 0.0,
        "fees": 0.0,
        "travel_km": 0.0,
        "schedule": [],
        "declined": [],
        "conflicts": [],
    }


def test_rule_2_the_season_and_unavailable_days_alone_decide() -> None:
    inst = instance(
        offer("musikverein", "2027-06-01", rehearsal=1),
        offer("konzerthaus", "2027-06-13", rehearsal=2),
        offer("staatsoper", "2027-06-14", rehearsal=1),
        unavailable=(("2027-06-10", "2027-06-12"),),
    )
    plan = solve(inst)
    assert taken(plan) == ["staatsoper"]
    assert "rehearsals from 31 May start before the season" in reason(plan, "musikverein")
    assert "on the unavailable days 10–12 June" in reason(plan, "konzerthaus")
    assert_valid(inst, plan)


def test_rule_3_travel_between_consecutive_offers_alone_decides() -> None:
    plan = solve(instance(offer("tokyo", "2027-06-15", fee=30000), offer("new-york", "2027-06-17")))
    assert taken(plan) == ["tokyo"]
    assert reason(plan, "new-york") == (
        "the 17 June date leaves 1 free day after Tokyo (15 June) where the journey needs "
        "2 travel days and 2 rest days"
    )
    later = solve(
        instance(offer("tokyo", "2027-06-15", fee=30000), offer("new-york", "2027-06-25"))
    )
    assert taken(later) == ["tokyo", "new-york"]


def test_rule_3_binds_consecutive_offers_not_every_pair() -> None:
    """a → b is local, b → c short; a → c directly would need a day more of travel and a
    rest day (the zones differ by 3 and 6 hours): the plan a, b, c keeps rule 3."""
    a = offer("a", "2027-06-10", at=(0.0, 0.0, "Etc/UTC"))
    b = offer("b", "2027-06-11", at=(0.0, 0.3, "Etc/GMT-3"))
    c = offer("c", "2027-06-13", at=(0.0, 40.47, "Etc/GMT-6"))
    inst = instance(a, b, c, home=(0.0, 0.0, "Etc/UTC"))
    (oa, da), (_, _), (oc, dc) = [(o, o.dates[0]) for o in inst.offers]
    assert not rules.follows(inst, oa, da, oc, dc)
    plan = solve(inst)
    assert taken(plan) == ["a", "b", "c"]
    assert_valid(inst, plan)


def test_rule_4_the_journeys_from_and_to_home_alone_decide() -> None:
    # Vienna → Tokyo: 2 travel days and 1 rest day (7 hours); back: 2 travel days.
    early = solve(instance(offer("tokyo", "2027-06-03")))
    assert taken(early) == []
    assert "too soon after the season opens: from home it needs 3 days" in reason(early, "tokyo")
    assert taken(solve(instance(offer("tokyo", "2027-06-04")))) == ["tokyo"]
    late = solve(instance(offer("tokyo", "2027-06-29")))
    assert "too little time for the 2 days home" in reason(late, "tokyo")
    assert taken(solve(instance(offer("tokyo", "2027-06-28")))) == ["tokyo"]


def test_rule_5_performances_in_seven_days_alone_decide() -> None:
    halls = ["musikverein", "konzerthaus", "staatsoper", "theater-an-der-wien"]
    inst = instance(
        *(offer(h, f"2027-06-{15 + i}", fee=4000 - 1000 * i) for i, h in enumerate(halls))
    )
    plan = solve(inst)
    assert taken(plan) == halls[:3]
    assert "would be performance 4 in the 7 days 12–18 June (limit 3)" in reason(
        plan, "theater-an-der-wien"
    )
    assert_valid(inst, plan)


def test_rule_6_a_radius_clause_binds_both_ways() -> None:
    clause = {"km": 100, "days": 30}
    held_by_declined = solve(
        instance(
            offer("musikverein", "2027-06-10"),
            offer("bratislava", "2027-06-20", fee=8000, radius=clause),
        )
    )
    assert taken(held_by_declined) == ["musikverein"]
    assert "its radius clause (100 km, 30 days) excludes Musikverein" in reason(
        held_by_declined, "bratislava"
    )
    held_by_taken = solve(
        instance(
            offer("musikverein", "2027-06-10", radius=clause),
            offer("bratislava", "2027-06-20", fee=8000),
        )
    )
    assert taken(held_by_taken) == ["musikverein"]
    assert "Musikverein's radius clause excludes it" in reason(held_by_taken, "bratislava")
    apart = solve(
        instance(
            offer("musikverein", "2027-06-01", radius={"km": 100, "days": 5}),
            offer("bratislava", "2027-06-20", fee=8000),
        )
    )
    assert len(apart.schedule) == 2


def test_an_offer_below_its_travel_is_declined_unless_required() -> None:
    plan = solve(instance(offer("new-york", "2027-06-15", fee=1000)))
    assert taken(plan) == [] and plan.objective == 0
    assert "below the travel it costs: a fee of 1,000 against 13,581 km" in reason(plan, "new-york")
    forced = solve(instance(offer("new-york", "2027-06-15", fee=1000, required=True)))
    assert taken(forced) == ["new-york"]
    assert forced.objective == pytest.approx(1000 - 0.25 * 13581, abs=1)


def test_the_best_date_of_an_offer_is_chosen() -> None:
    inst = instance(
        offer("tokyo", "2027-06-10", fee=30000),
        offer("musikverein", "2027-06-12", "2027-06-25", fee=5000),
    )
    plan = solve(inst)
    assert [(c.id, c.date) for c in plan.schedule] == [
        ("tokyo", date(2027, 6, 10)),
        ("musikverein", date(2027, 6, 25)),
    ]
    assert_valid(inst, plan)


def test_an_infeasible_instance_names_its_conflicting_required_offers_and_rule() -> None:
    plan = solve(
        instance(
            offer("tokyo", "2027-06-15", required=True),
            offer("new-york", "2027-06-17", required=True),
            offer("musikverein", "2027-06-25", required=True),
            offer("konzerthaus", "2027-06-26"),
        )
    )
    out = plan.to_json()
    assert (out["status"], out["objective"], out["bound"], out["schedule"]) == (
        "infeasible",
        None,
        None,
        [],
    )
    (conflict,) = out["conflicts"]
    assert conflict["ids"] == ["tokyo", "new-york"]
    assert conflict["rule"].startswith("rule 3")
    assert len(out["declined"]) == 4


def test_a_required_offer_that_never_fits_is_its_own_conflict() -> None:
    plan = solve(
        instance(
            offer("musikverein", "2027-06-01", rehearsal=2, required=True),
            offer("konzerthaus", "2027-06-20", required=True),
        )
    )
    assert plan.status == "infeasible"
    (conflict,) = plan.conflicts
    assert conflict.ids == ("musikverein",)
    assert conflict.rule.startswith("rule 2")
    assert "start before the season" in conflict.why


def test_the_cli_prints_the_plan_as_json_and_as_a_table(capsys: pytest.CaptureFixture) -> None:
    assert main(["plan", "solve", str(EXAMPLE), "--json", "--time-limit", "10"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["objective"], len(out["schedule"])) == ("optimal", 243751.64, 13)
    main(["plan", "solve", str(EXAMPLE)])
    table = capsys.readouterr().out
    assert "optimal (proved)" in table and "Objective 243,751.64" in table
    assert "2027-08-25  2027-08-24  tokyo-suntory" in table
    assert "  gstaad: the 2 August date" in table


def test_the_cli_refuses_a_bad_file_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads(EXAMPLE.read_text())
    data["offers"][3]["tz"] = "Europe/Atlantis"
    bad.write_text(json.dumps(data))
    with pytest.raises(SystemExit) as stop:
        main(["plan", "solve", str(bad)])
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert f"{bad}: offers[3].tz: 'Europe/Atlantis' is not an IANA time zone" in err
    assert "Traceback" not in err
