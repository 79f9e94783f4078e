"""The planner's demo (the example file's sixteen offers entered as Kalmurzaev's engagements)
and `cadenza plan season` on it."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cadenza.engagements.demo import load_bookings_demo
from cadenza.engagements.models import Engagement
from cadenza.engagements.planning.solver import solve
from cadenza.ingest.demo import load_demo
from cadenza.seasons.demo import OFFERS, load_season_demo
from cadenza.seasons.from_record import season_read
from tests.planning.checker import Rules

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "planning" / "example-summer.json"


@pytest.fixture
def demo():
    load_demo()
    load_bookings_demo()
    return load_season_demo()


def _shifted(day: str, years: int) -> str:
    d = date.fromisoformat(day)
    return d.replace(year=d.year + years).isoformat()


def test_the_demo_season_is_the_example_file_entered_as_engagements(demo, settings):
    """Read back with the example's travel figures, the record gives the example's instance
    a year or two later (the demo's summer moves with today), and the same plan."""
    settings.CADENZA_TRAVEL = {"air_overhead_hours": 4, "air_kmh": 750}
    example = json.loads(EXAMPLE.read_text())
    years = demo.season_start.year - 2027
    season = season_read(artist=demo.artist, start=demo.season_start, end=demo.season_end)
    ours = {o["venue"].removesuffix(" Lübeck"): o for o in season.data["offers"]}
    example_id_of = {o["venue"]: o["id"] for o in example["offers"]}
    assert len(ours) == len(example["offers"]) == len(OFFERS)
    for theirs in example["offers"]:
        mine = ours[theirs["venue"]]
        assert mine["dates"] == [_shifted(d, years) for d in theirs["dates"]], theirs["id"]
        assert mine["fee"] == theirs["fee"]
        assert mine["rehearsal_days"] == theirs["rehearsal_days"]
        assert mine["required"] == theirs.get("required", False)
        assert mine.get("radius") == theirs.get("radius")
        assert (mine["lat"], mine["lon"], mine["tz"]) == (
            theirs["lat"],
            theirs["lon"],
            theirs["tz"],
        )
    assert season.data["travel"] == example["travel"]
    assert season.data["limits"] == example["limits"]
    assert season.data["unavailable"] == [
        {k: _shifted(v, years) for k, v in span.items()} for span in example["unavailable"]
    ]
    # Home is the record's Moscow, a few metres from the example's.
    assert season.data["home"]["lat"] == pytest.approx(example["home"]["lat"], abs=1e-3)
    assert season.data["home"]["lon"] == pytest.approx(example["home"]["lon"], abs=1e-3)

    # The record's plan, carried back to the example's ids and dates, is valid for the
    # example by the independent checker and reaches its known optimum (ties aside: the
    # Moscow recital earns the same on either of its days).
    plan = solve(season.instance, time_limit=20)
    assert plan.status == "optimal"
    example_id = {
        o["id"]: example_id_of[o["venue"].removesuffix(" Lübeck")] for o in season.data["offers"]
    }
    carried = [
        (example_id[c.id], date.fromisoformat(_shifted(c.date.isoformat(), -years)))
        for c in plan.schedule
    ]
    rules = Rules(example)
    assert rules.broken(carried) == []
    assert rules.objective(carried) == pytest.approx(243_751.64, abs=0.01)
    assert plan.objective == pytest.approx(243_751.64, abs=1.0)  # home a few metres apart


def test_the_demo_plan_is_made_once(demo):
    engagements = Engagement.objects.count()
    assert load_season_demo().pk == demo.pk
    assert Engagement.objects.count() == engagements
    assert demo.plan["status"] == "optimal"
    assert len(demo.plan["schedule"]) == 13


def test_plan_season_prints_the_proposal_by_title(demo, capsys):
    year = demo.season_start.year
    call_command("plan", "season", "Kalmurzaev", "--from", f"{year}-06-01", "--to", f"{year}-08-31")
    out = capsys.readouterr().out
    assert out.startswith("Moscow and back: optimal (proved)")
    assert f"{year}-07-20  {year}-07-19  Verbier Festival {year} (#" in out
    assert "Declined:\n  Pacific Music Festival" in out
    # Aix-en-Provence's two dates make equally good plans; CP-SAT's two workers may
    # return either, so the reason names the neighbour, not which of its dates was kept.
    assert re.search(r"leaves (1 free day|no free day) after Aix-en-Provence \(\d+ July\)", out)


def test_plan_season_json_is_the_readme_format(demo, capsys):
    year = demo.season_start.year
    call_command(
        "plan", "season", "Kalmurzaev", "--from", f"{year}-06-01", "--to", f"{year}-08-31",
        "--json", "--exclude", str(Engagement.objects.get(title=f"Verbier Festival {year}").pk),
    )  # fmt: skip
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) == {
        "status", "objective", "bound", "fees", "travel_km", "schedule", "declined", "conflicts",
    }  # fmt: skip
    assert plan["status"] == "optimal"
    assert len(plan["schedule"]) + len(plan["declined"]) == 15  # Verbier left out


def test_plan_season_refuses_what_it_cannot_plan(demo):
    with pytest.raises(CommandError, match="give the season's first and last days"):
        call_command("plan", "season", "Kalmurzaev", "--from", "2028-06-01")
    with pytest.raises(CommandError, match="No artist named 'Nobody'"):
        call_command("plan", "season", "Nobody", "--from", "2028-06-01", "--to", "2028-08-31")
    with pytest.raises(CommandError, match="--to '31/08/2028' is not a date"):
        call_command("plan", "season", "Kalmurzaev", "--from", "2028-06-01", "--to", "31/08/2028")
    with pytest.raises(CommandError, match=r"ends \(2028-05-01\) before it starts"):
        call_command("plan", "season", "Kalmurzaev", "--from", "2028-06-01", "--to", "2028-05-01")
