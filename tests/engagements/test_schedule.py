"""The schedule's services: each rule and each bad input refused with its field named,
nothing half-saved, every change logged on its engagement."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.local_times import at_local
from cadenza.engagements.models import (
    Change,
    Engagement,
    HotelStay,
    ScheduleItem,
    TravelLeg,
)
from cadenza.engagements.schedule import (
    engagement_dress_set,
    hotel_stay_add,
    hotel_stay_remove,
    performance_times_set,
    schedule_item_add,
    schedule_item_remove,
    travel_leg_add,
    travel_leg_remove,
)
from cadenza.engagements.services import performance_add
from tests.factories import AgentFactory, CityFactory, EngagementFactory, PlaceFactory

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.fixture
def places():
    new_york = CityFactory(
        name="New York City", timezone="America/New_York", latitude=40.71, longitude=-74.0
    )
    moscow = CityFactory(name="Moscow", timezone="Europe/Moscow", latitude=55.75, longitude=37.6)
    hall = PlaceFactory(name="Stern Auditorium", kind="hall", parent=new_york, timezone="")
    return {"new_york": new_york, "moscow": moscow, "hall": hall}


@pytest.fixture
def concert(places) -> Engagement:
    """A concert at 20:00 on 12 November 2026 in a hall whose city gives the zone."""
    engagement = EngagementFactory(venue=places["hall"], title="Carnegie debut")
    performance_add(
        engagement=engagement,
        day=date(2026, 11, 12),
        starts_at=datetime(2026, 11, 12, 20, tzinfo=NY),
    )
    return Engagement.objects.get(pk=engagement.pk)


def refused(expected: str, call, **kwargs) -> str:
    with pytest.raises(Invalid) as caught:
        call(**kwargs)
    assert caught.value.field == expected, caught.value.message
    return caught.value.message


def test_a_rehearsal_is_added_in_the_venue_s_zone_and_logged(concert):
    item = schedule_item_add(
        engagement=concert,
        kind=ScheduleItem.Kind.ORCHESTRA,
        day=date(2026, 11, 11),
        starts_at=datetime(2026, 11, 11, 10, tzinfo=NY),
        ends_at=datetime(2026, 11, 11, 13, tzinfo=NY),
    )
    item.refresh_from_db()
    assert item.starts_at == datetime(2026, 11, 11, 15, tzinfo=UTC)  # EST, after the change
    assert concert.changes.filter(kind=Change.Kind.DETAILS).last().to_value == (
        "Orchestra rehearsal on 2026-11-11"
    )
    schedule_item_remove(item=item)
    assert not ScheduleItem.objects.exists()
    assert concert.changes.last().from_value == "Orchestra rehearsal on 2026-11-11"


def test_an_approximate_call_needs_no_time(concert):
    item = schedule_item_add(
        engagement=concert,
        kind=ScheduleItem.Kind.PRESS,
        day=date(2026, 11, 12),
        approximate="afternoon, time to be confirmed",
    )
    assert (item.starts_at, item.approximate) == (None, "afternoon, time to be confirmed")


@pytest.mark.parametrize(
    ("field", "changes", "says"),
    [
        ("ends_at", {"ends_at": datetime(2026, 11, 11, 9, tzinfo=NY)}, "not after it starts"),
        ("ends_at", {"starts_at": None}, "An end time needs a start time"),
        ("starts_at", {"starts_at": datetime(2026, 11, 11, 10)}, "needs its time zone"),
        (
            "starts_at",
            {"starts_at": datetime(2026, 11, 11, 6, tzinfo=MOSCOW), "ends_at": None},
            "falls on 10 November 2026 in America/New_York",
        ),
        ("kind", {"kind": "jam session"}, "Unknown kind of call 'jam session'"),
        ("title", {"title": "x" * 201}, "at most 200"),
    ],
)
def test_bad_input_for_a_call_names_its_field_and_saves_nothing(concert, field, changes, says):
    version = Engagement.objects.get(pk=concert.pk).version
    kwargs = {
        "engagement": concert,
        "kind": ScheduleItem.Kind.ORCHESTRA,
        "day": date(2026, 11, 11),
        "starts_at": datetime(2026, 11, 11, 10, tzinfo=NY),
        "ends_at": datetime(2026, 11, 11, 13, tzinfo=NY),
        **changes,
    }
    assert says in refused(field, schedule_item_add, **kwargs)
    assert not ScheduleItem.objects.exists()
    assert Engagement.objects.get(pk=concert.pk).version == version


def test_a_rehearsal_after_the_last_performance_is_refused_naming_it(concert):
    message = refused(
        "starts_at",
        schedule_item_add,
        engagement=concert,
        kind=ScheduleItem.Kind.DRESS,
        day=date(2026, 11, 12),
        starts_at=datetime(2026, 11, 12, 21, tzinfo=NY),
    )
    assert "after the engagement's last performance (Thu 12 Nov 2026, 20:00" in message
    assert "America/New_York" in message
    # Known only to the day: the day after is refused, the day itself is not.
    day_after = {"engagement": concert, "kind": ScheduleItem.Kind.PIANO, "day": date(2026, 11, 13)}
    assert "last performance" in refused("day", schedule_item_add, **day_after)
    schedule_item_add(engagement=concert, kind=ScheduleItem.Kind.PIANO, day=date(2026, 11, 12))
    # A reception may follow the concert.
    schedule_item_add(
        engagement=concert,
        kind=ScheduleItem.Kind.RECEPTION,
        day=date(2026, 11, 12),
        starts_at=datetime(2026, 11, 12, 22, tzinfo=NY),
    )
    assert ScheduleItem.objects.count() == 2


def test_a_place_without_a_time_zone_is_named(concert):
    barn = PlaceFactory(name="The Old Barn", timezone="")
    message = refused(
        "place",
        schedule_item_add,
        engagement=concert,
        kind=ScheduleItem.Kind.ORCHESTRA,
        day=date(2026, 11, 11),
        place=barn,
        starts_at=datetime(2026, 11, 11, 10, tzinfo=NY),
    )
    assert "The Old Barn has no time zone" in message and "'Europe/Vienna' was expected" in message


def test_a_stale_version_is_refused(concert):
    with pytest.raises(Stale):
        schedule_item_add(
            engagement=concert, kind="press", day=date(2026, 11, 12), version=concert.version - 1
        )
    assert not ScheduleItem.objects.exists()


def test_a_performance_s_times_end_after_they_start_on_its_day(concert):
    performance = concert.performances.get()
    starts = datetime(2026, 11, 12, 20, tzinfo=NY)
    message = refused(
        "ends_at",
        performance_times_set,
        performance=performance,
        starts_at=starts,
        ends_at=datetime(2026, 11, 12, 19, tzinfo=NY),
    )
    assert "ends Thu 12 Nov 2026, 19:00 (America/New_York), not after" in message
    assert "falls on 13 November" in refused(
        "starts_at",
        performance_times_set,
        performance=performance,
        starts_at=datetime(2026, 11, 13, 1, tzinfo=NY),
    )
    performance_times_set(
        performance=performance, starts_at=starts, ends_at=datetime(2026, 11, 12, 22, tzinfo=NY)
    )
    performance.refresh_from_db()
    assert performance.ends_at == datetime(2026, 11, 13, 3, tzinfo=UTC)


def flight(places, artist, **changes):
    kwargs = {
        "artist": artist,
        "mode": TravelLeg.Mode.AIR,
        "origin": places["moscow"],
        "destination": places["new_york"],
        "departs_at": datetime(2026, 11, 9, 10, 50, tzinfo=MOSCOW),
        "arrives_at": datetime(2026, 11, 9, 12, 55, tzinfo=NY),
        "carrier": "Aeroflot",
        "reference": "SU 100",
        **changes,
    }
    return kwargs


def test_a_flight_lands_before_its_local_departure_time_and_is_accepted(places, concert):
    # 10:50 in Moscow is 07:50 UTC; 12:55 in New York is 17:55 UTC: ten hours later.
    leg = travel_leg_add(**flight(places, concert.artist, engagement=concert))
    assert leg.arrives_at - leg.departs_at == datetime(2026, 1, 1, 10, 5) - datetime(2026, 1, 1)
    assert concert.changes.last().to_value == "travel Moscow → New York City, 2026-11-09"
    travel_leg_remove(leg=leg)
    assert not TravelLeg.objects.exists()


def test_a_leg_arriving_before_it_departs_is_refused_as_instants(places):
    artist = AgentFactory()
    # 09:00 in New York the same day reads later than 10:50 but is 14:00 UTC, after 07:50…
    # while 02:00 in New York is 07:00 UTC: before the departure, whatever the clocks say.
    message = refused(
        "arrives_at",
        travel_leg_add,
        **flight(places, artist, arrives_at=datetime(2026, 11, 9, 2, tzinfo=NY)),
    )
    assert "arrives in New York City Mon 9 Nov 2026, 02:00 (America/New_York)" in message
    assert "leaves Moscow Mon 9 Nov 2026, 10:50 (Europe/Moscow)" in message
    assert "an arrival after the departure was expected" in message
    assert not TravelLeg.objects.exists()


def test_a_leg_s_places_need_known_time_zones(places):
    artist = AgentFactory()
    nowhere = CityFactory(name="Atlantis", timezone="")
    message = refused("destination", travel_leg_add, **flight(places, artist, destination=nowhere))
    assert "Atlantis has no time zone" in message and "was expected" in message
    places["moscow"].timezone = "Mars/Olympus_Mons"  # slipped past validation
    places["moscow"].save()
    message = refused("origin", travel_leg_add, **flight(places, artist))
    assert "'Mars/Olympus_Mons' is not an IANA time zone" in message
    same = flight(places, artist, origin=places["new_york"])
    assert "a destination elsewhere" in refused("destination", travel_leg_add, **same)
    assert not TravelLeg.objects.exists()


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("mode", {"mode": "balloon"}),
        ("departs_at", {"departs_at": datetime(2026, 11, 9, 10, 50)}),
        ("reference", {"reference": "x" * 101}),
        ("engagement", {"artist": "other"}),
    ],
)
def test_other_bad_legs_name_their_field(places, concert, field, changes):
    changes = dict(changes)
    artist = AgentFactory() if changes.pop("artist", "") == "other" else concert.artist
    version = Engagement.objects.get(pk=concert.pk).version
    refused(field, travel_leg_add, **flight(places, artist, engagement=concert, **changes))
    assert not TravelLeg.objects.exists()
    assert Engagement.objects.get(pk=concert.pk).version == version


def test_a_hotel_stay_needs_a_name_and_a_night(places, concert):
    stay = {
        "artist": concert.artist,
        "engagement": concert,
        "place": places["new_york"],
        "check_in": date(2026, 11, 9),
        "check_out": date(2026, 11, 9),
    }
    assert "a stay of at least one night" in refused(
        "check_out", hotel_stay_add, name="Park Central", **stay
    )
    assert "Give the hotel's name" in refused(
        "name", hotel_stay_add, name="  ", **{**stay, "check_out": date(2026, 11, 13)}
    )
    assert not HotelStay.objects.exists()
    saved = hotel_stay_add(name="Park Central", **{**stay, "check_out": date(2026, 11, 13)})
    hotel_stay_remove(stay=saved)
    assert not HotelStay.objects.exists()
    assert concert.changes.last().from_value == "hotel Park Central"


def test_the_concert_dress_is_set_once_and_logged(concert):
    engagement_dress_set(engagement=concert, dress="  White tie  ")
    version = Engagement.objects.get(pk=concert.pk).version
    engagement_dress_set(engagement=concert, dress="White tie")
    assert Engagement.objects.get(pk=concert.pk).version == version  # nothing changed
    assert Engagement.objects.get(pk=concert.pk).dress == "White tie"
    assert "at most 200" in refused(
        "dress", engagement_dress_set, engagement=concert, dress="x" * 201
    )


def test_local_times_read_the_place_s_clocks_and_refuse_the_hour_skipped(places):
    moment = at_local(date(2027, 3, 14), time(10), place=places["hall"], field="starts_at")
    assert moment.astimezone(UTC) == datetime(2027, 3, 14, 14, tzinfo=UTC)  # EDT already
    message = refused(
        "starts_at",
        at_local,
        day=date(2027, 3, 14),
        clock=time(2, 30),
        place=places["hall"],
        field="starts_at",
    )
    assert "02:30 on 14 March 2027 does not exist in America/New_York" in message
