"""The planning instance format (../shared/planning/README.md, "Input"): a good file reads
into frozen dataclasses; each way of breaking it is refused naming the file, the field's
JSON path and what was expected."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cadenza.engagements.planning.instance import InstanceError, load_instance

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "planning" / "example-summer.json"

BASE: dict[str, Any] = {
    "season": {"start": "2027-06-01", "end": "2027-06-30"},
    "home": {"name": "Vienna", "lat": 48.2, "lon": 16.37, "tz": "Europe/Vienna"},
    "travel": {
        "overhead_hours": 4,
        "speed_kmh": 750,
        "hours_per_day": 10,
        "local_km": 50,
        "cost_per_km": 0.25,
        "jetlag_hours_per_rest_day": 6,
    },
    "limits": {"max_performances_per_7_days": 3},
    "unavailable": [{"from": "2027-06-10", "to": "2027-06-12"}],
    "offers": [
        {
            "id": "musikverein",
            "venue": "Musikverein",
            "city": "Vienna",
            "lat": 48.2006,
            "lon": 16.3725,
            "tz": "Europe/Vienna",
            "dates": ["2027-06-20", "2027-06-05"],
            "fee": 12000.5,
            "rehearsal_days": 1,
            "required": True,
            "radius": {"km": 300, "days": 21},
        }
    ],
}


def test_a_good_instance_reads_every_field() -> None:
    inst = load_instance(copy.deepcopy(BASE))
    assert (inst.season_start, inst.season_end) == (date(2027, 6, 1), date(2027, 6, 30))
    assert inst.home.tz == "Europe/Vienna"
    assert inst.travel.cost_per_km == 0.25
    assert inst.unavailable == ((date(2027, 6, 10), date(2027, 6, 12)),)
    (offer,) = inst.offers
    assert offer.dates == (date(2027, 6, 20), date(2027, 6, 5))
    assert offer.fee == Decimal("12000.5")
    assert (offer.required, offer.radius_km, offer.radius_days) == (True, 300.0, 21)


def test_optional_fields_default_and_json_text_reads() -> None:
    data = copy.deepcopy(BASE)
    del data["offers"][0]["required"], data["offers"][0]["radius"]
    offer = load_instance(json.dumps(data)).offers[0]
    assert (offer.required, offer.radius_km, offer.radius_days) == (False, None, None)


def test_the_example_file_reads() -> None:
    inst = load_instance(EXAMPLE)
    assert len(inst.offers) == 16
    assert sum(o.required for o in inst.offers) == 1


def test_an_empty_offer_list_is_valid() -> None:
    data = copy.deepcopy(BASE)
    data["offers"] = []
    assert load_instance(data).offers == ()


def _broken(change: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    *path, last = change.split(".")
    target: Any = data
    for key in path:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("change", "value", "field", "expected"),
    [
        ("offers.0.tz", "Europe/Atlantis", "offers[0].tz", "not an IANA time zone"),
        ("home.tz", 3, "home.tz", "expected a non-empty string"),
        ("season.start", "2027-02-30", "season.start", "not a calendar date"),
        ("season.end", "2027-05-01", "season.end", "on or after season.start"),
        ("offers.0.dates", ["2027-06-31"], "offers[0].dates[0]", "not a calendar date"),
        ("offers.0.dates", ["20270605"], "offers[0].dates[0]", "YYYY-MM-DD"),
        ("offers.0.dates", [], "offers[0].dates", "non-empty list"),
        ("offers.0.fee", -5, "offers[0].fee", "at least 0"),
        ("offers.0.fee", "5000", "offers[0].fee", "expected a number"),
        ("offers.0.rehearsal_days", 1.5, "offers[0].rehearsal_days", "whole number"),
        ("offers.0.required", "yes", "offers[0].required", "true or false"),
        ("offers.0.lat", 91, "offers[0].lat", "latitude"),
        ("offers.0.venue", KeyError, "offers[0].venue", "missing"),
        ("offers.0.radius", {"km": 10}, "offers[0].radius.days", "missing"),
        ("offers.0.requried", True, "offers[0].requried", "unknown field"),
        ("travel.speed_kmh", 0, "travel.speed_kmh", "above 0"),
        ("travel.cost_per_km", True, "travel.cost_per_km", "expected a number"),
        ("limits.max_performances_per_7_days", -1, "limits.max_performances_per_7_days", "0"),
        ("unavailable.0.to", "2027-06-01", "unavailable[0].to", "on or after"),
        ("offers", {}, "offers", "expected a list"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    change: str, value: Any, field: str, expected: str
) -> None:
    with pytest.raises(InstanceError) as refused:
        load_instance(_broken(change, value))
    message = str(refused.value)
    assert message.startswith(f"{field}: ")
    assert expected in message


def test_a_duplicate_id_names_both_offers() -> None:
    data = copy.deepcopy(BASE)
    data["offers"].append(copy.deepcopy(data["offers"][0]))
    with pytest.raises(InstanceError, match=r"^offers\[1\]\.id: duplicate id 'musikverein' "):
        load_instance(data)


def test_a_file_error_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "season.json"
    bad.write_text(json.dumps(_broken("offers.0.tz", "Mars/Olympus")))
    with pytest.raises(InstanceError, match=rf"^{bad}: offers\[0\]\.tz: 'Mars/Olympus'"):
        load_instance(bad)
    bad.write_text("{not json")
    with pytest.raises(InstanceError, match=rf"^{bad}: not JSON at line 1"):
        load_instance(str(bad))
    with pytest.raises(InstanceError, match="cannot read the file"):
        load_instance(tmp_path / "missing.json")
