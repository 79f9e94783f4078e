"""Travel and rest: distances, door-to-door times, time differences across daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cadenza.engagements.travel import (
    Model,
    Point,
    distance_km,
    door_to_door,
    rest_days,
    rest_needed,
    time_difference_hours,
    travel_days,
    utc_offset_hours,
)

MOSCOW = Point(55.7558, 37.6173, "Europe/Moscow")
NEW_YORK = Point(40.7128, -74.0060, "America/New_York")
VERBIER = Point(46.0961, 7.2286, "Europe/Zurich")
LUCERNE = Point(47.0502, 8.3093, "Europe/Zurich")
DELHI = Point(28.6139, 77.2090, "Asia/Kolkata")


def test_distances_are_great_circle():
    assert distance_km(MOSCOW, NEW_YORK) == pytest.approx(7510, abs=10)
    assert distance_km(VERBIER, LUCERNE) == pytest.approx(134.5, abs=1)
    assert distance_km(MOSCOW, MOSCOW) == 0


def test_door_to_door_flies_far_and_drives_near():
    assert door_to_door(MOSCOW, NEW_YORK) == timedelta(
        hours=3 + distance_km(MOSCOW, NEW_YORK) / 800
    )
    assert door_to_door(VERBIER, LUCERNE) == timedelta(
        hours=0.5 + distance_km(VERBIER, LUCERNE) / 90
    )
    assert door_to_door(VERBIER, VERBIER) == timedelta(0)


def test_time_differences_follow_daylight_saving():
    winter, summer = datetime(2027, 1, 15, 12, tzinfo=UTC), datetime(2027, 7, 15, 12, tzinfo=UTC)
    assert time_difference_hours(MOSCOW, NEW_YORK, winter) == -8
    assert time_difference_hours(MOSCOW, NEW_YORK, summer) == -7
    assert utc_offset_hours("Asia/Kolkata", summer) == 5.5
    # New York springs forward on 14 March 2027: the difference to Moscow shrinks that day.
    assert time_difference_hours(MOSCOW, NEW_YORK, datetime(2027, 3, 14, 12, tzinfo=UTC)) == -7


def test_rest_days_per_hours_of_difference():
    model = {"jetlag_hours_per_rest_day": 6, "local_km": 50}
    assert rest_days(MOSCOW, NEW_YORK, date(2027, 1, 15), **model) == 1  # 8 hours
    assert rest_days(NEW_YORK, DELHI, date(2027, 1, 15), **model) == 1  # 10.5 hours
    assert rest_days(VERBIER, LUCERNE, date(2027, 1, 15), **model) == 0
    assert rest_needed(MOSCOW, NEW_YORK, datetime(2027, 1, 15, tzinfo=UTC)) == timedelta(days=1)


def test_travel_days_as_the_planner_counts_them():
    kw = {"overhead_hours": 4, "speed_kmh": 750, "hours_per_day": 10, "local_km": 50}
    assert travel_days(MOSCOW, NEW_YORK, **kw) == 2  # 4 + 10.0 h over a 10-hour day
    assert travel_days(VERBIER, LUCERNE, **kw) == 1
    assert travel_days(VERBIER, VERBIER, **kw) == 0


def test_a_bad_model_or_zone_is_named():
    with pytest.raises(ValueError, match="air_kmh"):
        Model(air_kmh=0)
    with pytest.raises(ValueError, match="'Mars/Olympus' is not an IANA time zone"):
        utc_offset_hours("Mars/Olympus", datetime(2027, 1, 1, tzinfo=UTC))
