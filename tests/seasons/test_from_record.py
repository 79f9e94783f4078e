"""An artist's season read from the record as a planning instance (seasons/from_record.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cadenza.engagements.availability import unavailability_add
from cadenza.engagements.calendar_models import ScheduleItem
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import State
from cadenza.engagements.schedule import schedule_item_add
from cadenza.engagements.services import engagement_move, performance_add
from cadenza.people.models import Agent
from cadenza.seasons.from_record import SeasonError, season_read
from tests.factories import AgentFactory
from tests.seasons.conftest import CITIES

pytestmark = pytest.mark.django_db

JUNE, AUGUST = date(2027, 6, 1), date(2027, 8, 31)


def _offers(artist: Agent, **kwargs: object) -> dict[str, dict]:
    season = season_read(artist=artist, start=JUNE, end=AUGUST, **kwargs)  # type: ignore[arg-type]
    season.instance  # noqa: B018 (the README's checks pass on what was read)
    return {o["id"]: o for o in season.data["offers"]}


def test_a_hold_on_two_days_is_an_offer_of_either(artist, book):
    e = book("Salzburg", State.HOLD, [date(2027, 7, 20), date(2027, 7, 22)], fee=18000)
    offer = _offers(artist)[str(e.pk)]
    lat, lon, zone = CITIES["Salzburg"]
    assert offer == {
        "id": str(e.pk),
        "venue": "Salzburg Konzerthaus",
        "city": "Salzburg",
        "lat": pytest.approx(lat),
        "lon": pytest.approx(lon),
        "tz": zone,
        "dates": ["2027-07-20", "2027-07-22"],
        "fee": 18000.0,
        "rehearsal_days": 1,
        "required": False,
    }


def test_contracted_and_confirmed_are_required_on_their_day(artist, book):
    contracted = book("Berlin", State.CONTRACTED, [date(2027, 6, 10)])
    confirmed = book("Tokyo", State.CONFIRMED, [date(2027, 8, 1)])
    offers = _offers(artist)
    assert offers[str(contracted.pk)]["required"] is True
    assert offers[str(contracted.pk)]["dates"] == ["2027-06-10"]
    assert offers[str(confirmed.pk)]["required"] is True


def test_an_offer_without_holds_is_offered_on_its_performance_day(artist, book):
    e = book("Berlin", State.INQUIRY, [date(2027, 7, 1)])
    assert _offers(artist)[str(e.pk)]["dates"] == ["2027-07-01"]


def test_a_series_is_one_offer_on_its_last_day_occupying_all_of_it(artist, book):
    e = book("Vienna", State.CONTRACTED, [date(2027, 7, 1), date(2027, 7, 3)], rehearsal_days=2)
    offer = _offers(artist)[str(e.pk)]
    assert offer["dates"] == ["2027-07-03"]
    assert offer["rehearsal_days"] == 2 + 2  # from 29 June: two rehearsal days, two concerts


def test_rehearsal_days_the_engagement_s_then_the_schedule_s_then_the_default(
    artist, book, settings
):
    own = book("Vienna", State.HOLD, [date(2027, 6, 20)], rehearsal_days=3)
    scheduled = book("Berlin", State.CONTRACTED, [date(2027, 7, 10)])
    schedule_item_add(
        engagement=scheduled,
        kind=ScheduleItem.Kind.ORCHESTRA,
        day=date(2027, 7, 8),
        starts_at=datetime(2027, 7, 8, 10, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    neither = book("Salzburg", State.HOLD, [date(2027, 8, 10)])
    settings.CADENZA_PLANNING = {"rehearsal_days": 0}
    offers = _offers(artist)
    assert offers[str(own.pk)]["rehearsal_days"] == 3
    assert offers[str(scheduled.pk)]["rehearsal_days"] == 2
    assert offers[str(neither.pk)]["rehearsal_days"] == 0


def test_a_fee_in_another_currency_is_converted_or_the_offer_left_out(artist, book, settings):
    yen = book("Tokyo", State.HOLD, [date(2027, 8, 1)], fee=3_000_000, currency="JPY")
    contracted = book("Tokyo", State.CONTRACTED, [date(2027, 8, 20)], fee=1_000_000, currency="JPY")
    season = season_read(artist=artist, start=JUNE, end=AUGUST)
    assert [o["id"] for o in season.data["offers"]] == [str(contracted.pk)]  # required stays
    assert season.data["offers"][0]["fee"] == 0.0
    said = {n.engagement_id: n for n in season.notes}
    assert said[yen.pk].left_out and "no rate to EUR" in said[yen.pk].text
    assert not said[contracted.pk].left_out and "planned at 0" in said[contracted.pk].text

    settings.CADENZA_PLANNING = {"rates": {"jpy": "0.0062"}}
    offers = _offers(artist)
    assert offers[str(yen.pk)]["fee"] == 18600.0
    assert offers[str(contracted.pk)]["fee"] == 6200.0


def test_an_offer_with_no_fee_yet_is_planned_at_nothing_and_said_so(artist, book):
    e = book("Berlin", State.HOLD, [date(2027, 6, 15)], fee=None)
    season = season_read(artist=artist, start=JUNE, end=AUGUST)
    assert season.data["offers"][0]["fee"] == 0.0
    assert [n.text for n in season.notes] == ["no fee agreed yet: planned at 0"]
    assert season.notes[0].engagement_id == e.pk


def test_what_cannot_be_planned_is_left_out_with_its_reason(artist, book, halls):
    nowhere = book("Berlin", State.HOLD, [date(2027, 6, 15)])
    nowhere.venue = None
    nowhere.save()
    undated = book("Vienna", State.INQUIRY, [date(2027, 6, 1)])
    hold_place(engagement=undated, dates=[None])
    undated.performances.all().delete()
    season = season_read(artist=artist, start=JUNE, end=AUGUST)
    assert season.data["offers"] == []
    assert {n.engagement_id: n.text for n in season.notes} == {
        nowhere.pk: "no venue with a position on the map yet",
    }  # an engagement with no date in the season is simply not in it


def test_pinned_offers_are_required_and_excluded_ones_left_out(artist, book):
    pinned = book("Vienna", State.HOLD, [date(2027, 6, 20)])
    excluded = book("Salzburg", State.OFFERED, [date(2027, 7, 20)])
    season = season_read(
        artist=artist, start=JUNE, end=AUGUST, pinned=[pinned.pk], excluded=[excluded.pk]
    )
    assert [(o["id"], o["required"]) for o in season.data["offers"]] == [(str(pinned.pk), True)]
    assert [(n.engagement_id, n.text, n.left_out) for n in season.notes] == [
        (excluded.pk, "excluded from this plan", True)
    ]


def test_only_open_engagements_in_the_season_are_read(artist, book):
    book("Vienna", State.HOLD, [date(2027, 5, 31)])  # the day before
    book("Vienna", State.HOLD, [date(2027, 9, 1)])  # the day after
    declined = book("Berlin", State.HOLD, [date(2027, 7, 1)])
    engagement_move(engagement=declined, to_state=State.DECLINED)
    inside = book("Berlin", State.OFFERED, [date(2027, 5, 30), date(2027, 6, 2)])
    offers = _offers(artist)
    assert list(offers) == [str(inside.pk)]
    assert offers[str(inside.pk)]["dates"] == ["2027-06-02"]  # the held day in the season


def test_unavailable_times_are_whole_days_on_the_home_clocks(artist):
    vienna = ZoneInfo("Europe/Vienna")
    unavailability_add(  # two whole days
        artist=artist,
        starts_at=datetime(2027, 7, 1, tzinfo=vienna),
        ends_at=datetime(2027, 7, 3, tzinfo=vienna),
        all_day=True,
    )
    unavailability_add(  # an evening in New York is past midnight in Vienna
        artist=artist,
        starts_at=datetime(2027, 7, 10, 20, tzinfo=ZoneInfo("America/New_York")),
        ends_at=datetime(2027, 7, 10, 22, tzinfo=ZoneInfo("America/New_York")),
    )
    unavailability_add(  # reaching back before the season: cut at its start
        artist=artist,
        starts_at=datetime(2027, 5, 28, tzinfo=vienna),
        ends_at=datetime.combine(date(2027, 6, 2), time(12), tzinfo=vienna),
    )
    season = season_read(artist=artist, start=JUNE, end=AUGUST)
    assert season.data["unavailable"] == [
        {"from": "2027-06-01", "to": "2027-06-02"},
        {"from": "2027-07-01", "to": "2027-07-02"},
        {"from": "2027-07-11", "to": "2027-07-11"},
    ]


def test_home_and_travel_come_from_the_record_and_the_settings(artist, settings):
    settings.CADENZA_TRAVEL = {"air_overhead_hours": 4, "air_kmh": 750}
    settings.CADENZA_PLANNING = {"cost_per_km": 0.4, "max_performances_per_7_days": 2}
    data = season_read(artist=artist, start=JUNE, end=AUGUST).data
    assert data["home"] == {
        "name": "Vienna",
        "lat": pytest.approx(48.2082),
        "lon": pytest.approx(16.3738),
        "tz": "Europe/Vienna",
    }
    assert data["travel"] == {
        "overhead_hours": 4,
        "speed_kmh": 750,
        "hours_per_day": 10.0,
        "local_km": 50.0,
        "cost_per_km": 0.4,
        "jetlag_hours_per_rest_day": 6.0,
    }
    assert data["limits"] == {"max_performances_per_7_days": 2}


def test_a_season_that_cannot_be_planned_says_what_to_change(artist):
    homeless = AgentFactory(name="Wanderer")
    with pytest.raises(SeasonError, match="Wanderer has no home with coordinates"):
        season_read(artist=homeless, start=JUNE, end=AUGUST)
    with pytest.raises(SeasonError, match=r"ends .* before it starts"):
        season_read(artist=artist, start=AUGUST, end=JUNE)
    with pytest.raises(SeasonError, match="at most a year"):
        season_read(artist=artist, start=JUNE, end=JUNE + timedelta(days=400))


def test_reading_a_season_takes_a_fixed_number_of_queries(artist, book, django_assert_num_queries):
    for n in range(6):
        e = book("Berlin", State.HOLD, [date(2027, 6, 2 + 3 * n)])
        performance_add(engagement=e, day=date(2027, 6, 2 + 3 * n))
    with django_assert_num_queries(5):  # engagements, 3 prefetches, unavailability
        season_read(artist=artist, start=JUNE, end=AUGUST)


def test_a_wrong_planning_setting_is_named(artist, settings):
    settings.CADENZA_PLANNING = {"cost_per_mile": 0.4}
    with pytest.raises(SeasonError, match="CADENZA_PLANNING: unknown key 'cost_per_mile'"):
        season_read(artist=artist, start=JUNE, end=AUGUST)
    settings.CADENZA_PLANNING = {"rates": {"CHF": "about one"}}
    with pytest.raises(SeasonError, match=r"CADENZA_PLANNING\['rates'\]"):
        season_read(artist=artist, start=JUNE, end=AUGUST)
