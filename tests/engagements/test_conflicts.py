"""Conflict checks: each rule alone on a case made for it, with a near miss where it does
not fire; daylight saving; holds flagged; a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadenza.engagements import travel
from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
from cadenza.engagements.commitments import point_of
from cadenza.engagements.conflicts import problems, problems_of_engagement
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement, Performance, State
from cadenza.people.models import Agent
from cadenza.places.models import Place
from tests.factories import AgentFactory, CityFactory, EngagementFactory, PlaceFactory

pytestmark = pytest.mark.django_db

CH = ZoneInfo("Europe/Zurich")
NY = ZoneInfo("America/New_York")
MSK = ZoneInfo("Europe/Moscow")


def hall_in(city: str, tz: str, lat: float, lon: float) -> Place:
    town = CityFactory(name=city, timezone=tz, latitude=lat, longitude=lon)
    return PlaceFactory(name=f"{city} Hall", parent=town)


@pytest.fixture
def verbier() -> Place:
    return hall_in("Verbier", "Europe/Zurich", 46.096, 7.228)


@pytest.fixture
def lucerne() -> Place:
    return hall_in("Lucerne", "Europe/Zurich", 47.050, 8.309)


def booked(
    artist: Agent,
    hall: Place | None,
    starts: datetime | None,
    *,
    day: date | None = None,
    state: str = State.CONFIRMED,
    rehearsal: datetime | bool | None = True,
    length: timedelta = timedelta(hours=2),
    **fields: object,
) -> Engagement:
    """An engagement of one performance; rehearsed three hours before it unless told."""
    e = EngagementFactory(artist=artist, venue=hall, **fields)
    Engagement.objects.filter(pk=e.pk).update(state=state)
    e.refresh_from_db()
    day = day or starts.astimezone(ZoneInfo(hall.parent.timezone)).date()  # type: ignore[union-attr]
    ends = starts + length if starts else None
    Performance.objects.create(engagement=e, date=day, starts_at=starts, ends_at=ends)
    if rehearsal is True and starts is not None:
        rehearsal = starts - timedelta(hours=3)
    if isinstance(rehearsal, datetime):
        ScheduleItem.objects.create(
            engagement=e,
            kind=ScheduleItem.Kind.ORCHESTRA,
            day=day,
            starts_at=rehearsal,
            ends_at=rehearsal + timedelta(hours=1),
        )
    return e


def found(artist: Agent | None = None, start=date(2027, 1, 1), end=date(2027, 12, 31)):
    ids = [artist.pk] if artist is not None else None
    return problems(start=start, end=end, artist_ids=ids)


def test_nothing_wrong_finds_nothing(verbier):
    artist = AgentFactory()
    booked(artist, verbier, datetime(2027, 7, 24, 19, tzinfo=CH))
    assert found(artist) == []


# -- overlap ---------------------------------------------------------------------------


def test_two_concerts_at_once_overlap(verbier):
    artist = AgentFactory()
    other = PlaceFactory(name="Church", parent=verbier.parent)
    first = booked(artist, verbier, datetime(2027, 7, 24, 19, tzinfo=CH), title="Recital")
    second = booked(artist, other, datetime(2027, 7, 24, 20, tzinfo=CH), title="Quartet night")
    (problem,) = found(artist)
    assert problem.kind == "overlap" and not problem.on_hold
    assert problem.engagement_ids == tuple(sorted((first.pk, second.pk)))
    assert problem.message == (
        "Two commitments at once: the Verbier concert “Recital” starts 19:00 CEST on 24 July "
        "and ends 21:00 CEST on 24 July; the Verbier concert “Quartet night” starts 20:00 CEST "
        "on 24 July."
    )
    assert problem.at == datetime(2027, 7, 24, 20, tzinfo=CH)


def test_a_matinee_and_an_evening_do_not_overlap(verbier):
    artist = AgentFactory()
    booked(artist, verbier, datetime(2027, 7, 24, 15, tzinfo=CH))
    booked(artist, verbier, datetime(2027, 7, 24, 17, tzinfo=CH))  # its rehearsal ends at 15:00
    assert found(artist) == []


def test_a_hold_against_a_booked_concert_is_flagged_and_two_holds_are_not_a_conflict(verbier):
    artist = AgentFactory()
    booked(artist, verbier, datetime(2027, 7, 24, 19, tzinfo=CH))
    pencilled = [EngagementFactory(artist=artist, venue=verbier, title=t) for t in "AB"]
    for e in pencilled:
        hold_place(engagement=e, dates=[date(2027, 7, 24)])
    found_now = found(artist)
    assert [p.kind for p in found_now] == ["overlap", "overlap"]
    assert all(p.on_hold for p in found_now)
    assert "“A” is not booked yet (hold)." in found_now[0].message + found_now[1].message
    # The two holds of one day between themselves are the ranking of holds.
    assert not any(set(p.engagement_ids) == {e.pk for e in pencilled} for p in found_now)


# -- travel ----------------------------------------------------------------------------


def _road(a: Place, b: Place) -> timedelta:
    here, there = point_of(a), point_of(b)
    assert here is not None and there is not None
    return travel.door_to_door(here, there)


def test_a_connection_that_cannot_be_made(verbier, lucerne):
    artist = AgentFactory()
    booked(artist, verbier, datetime(2027, 7, 24, 11, tzinfo=CH), title="Morning recital")
    booked(
        artist,
        lucerne,
        datetime(2027, 7, 24, 19, tzinfo=CH),
        rehearsal=datetime(2027, 7, 24, 14, 30, tzinfo=CH),
        title="Festival concert",
    )
    (problem,) = found(artist)
    assert problem.kind == "travel"
    assert problem.message == (
        "Cannot reach Lucerne from Verbier in time: the Verbier concert “Morning recital” ends "
        "13:00 CEST on 24 July, the Lucerne rehearsal “Festival concert” starts 14:30 CEST on "
        "24 July, and the journey takes about 2 h 00 by rail or road (134 km): 30 min more "
        "than the time between them."
    )


def test_a_connection_with_ten_minutes_to_spare(verbier, lucerne):
    artist = AgentFactory()
    booked(artist, verbier, datetime(2027, 7, 24, 11, tzinfo=CH))
    call = datetime(2027, 7, 24, 13, tzinfo=CH) + _road(verbier, lucerne) + timedelta(minutes=10)
    booked(artist, lucerne, datetime(2027, 7, 24, 19, tzinfo=CH), rehearsal=call)
    assert found(artist) == []
    # Twenty minutes later and it is reported.
    Performance.objects.filter(engagement__venue=verbier).update(
        ends_at=datetime(2027, 7, 24, 13, 20, tzinfo=CH)
    )
    assert [p.kind for p in found(artist)] == ["travel"]


def test_a_journey_over_the_night_the_clocks_change_counts_real_hours(verbier, lucerne):
    artist = AgentFactory()
    # 00:30 CET to 03:20 CEST is 2 h 50 on the clock, 1 h 50 in fact: too short.
    booked(artist, verbier, datetime(2027, 3, 27, 22, 30, tzinfo=CH), title="Late")
    early = datetime(2027, 3, 28, 3, 20, tzinfo=CH)
    booked(artist, lucerne, datetime(2027, 3, 28, 19, tzinfo=CH), rehearsal=early, title="L")
    (problem,) = found(artist)
    assert "ends 00:30 CET on 28 March" in problem.message
    assert "starts 03:20 CEST on 28 March" in problem.message
    # In autumn 01:30 CEST to 02:45 CET is 1 h 15 on the clock and 2 h 15 in fact: enough.
    other = AgentFactory()
    booked(other, verbier, datetime(2027, 10, 30, 23, 30, tzinfo=CH))
    late = datetime(2027, 10, 31, 1, 45, tzinfo=UTC)  # 02:45 CET, the second 02:45 that night
    booked(other, lucerne, datetime(2027, 10, 31, 19, tzinfo=CH), rehearsal=late)
    assert found(other) == []


@pytest.fixture
def moscow_to_new_york():
    moscow = CityFactory(name="Moscow", timezone="Europe/Moscow", latitude=55.75, longitude=37.62)
    carnegie = hall_in("New York", "America/New_York", 40.76, -73.98)
    return moscow, carnegie


def _fly(artist, moscow, carnegie, arrives: datetime) -> TravelLeg:
    return TravelLeg.objects.create(
        artist=artist,
        mode="air",
        origin=moscow,
        destination=carnegie.parent,
        departs_at=arrives - timedelta(hours=11),
        arrives_at=arrives,
        reference="SU 100",
    )


def test_a_flight_landing_after_the_first_rehearsal(moscow_to_new_york):
    moscow, carnegie = moscow_to_new_york
    artist = AgentFactory()
    _fly(artist, moscow, carnegie, datetime(2027, 3, 19, 13, tzinfo=NY))
    booked(artist, carnegie, datetime(2027, 3, 20, 20, tzinfo=NY), title="Carnegie recital",
           rehearsal=datetime(2027, 3, 19, 10, tzinfo=NY))  # fmt: skip
    (problem,) = found(artist)
    assert problem.kind == "travel"
    assert problem.message == (
        "The flight Moscow → New York (SU 100) arrives 13:00 EDT on 19 March, after the New "
        "York rehearsal “Carnegie recital” starting 10:00 EDT on 19 March."
    )


def test_too_little_rest_after_flying_west_and_a_rest_day_respected(moscow_to_new_york):
    moscow, carnegie = moscow_to_new_york
    artist = AgentFactory()
    _fly(artist, moscow, carnegie, datetime(2027, 3, 17, 13, tzinfo=NY))
    e = booked(artist, carnegie, datetime(2027, 3, 18, 20, tzinfo=NY),
               rehearsal=datetime(2027, 3, 18, 10, tzinfo=NY))  # fmt: skip
    (problem,) = found(artist)
    assert problem.kind == "rest"
    assert "(7 h of time difference, westward)" in problem.message
    assert "the rule asks for 1 day of rest (one per 6 h of difference)" in problem.message
    ScheduleItem.objects.filter(engagement=e).update(
        starts_at=datetime(2027, 3, 18, 14, tzinfo=NY), ends_at=datetime(2027, 3, 18, 15, tzinfo=NY)
    )
    assert found(artist) == []


# -- hall ------------------------------------------------------------------------------


def test_a_hall_booked_twice_is_told_to_each_artist(verbier):
    one, two = AgentFactory(), AgentFactory()
    booked(one, verbier, datetime(2027, 7, 24, 19, tzinfo=CH), title="Recital")
    booked(two, verbier, datetime(2027, 7, 24, 20, tzinfo=CH), title="Trio")
    everyone = found()
    assert [(p.kind, p.artist_id) for p in everyone] == [("hall", one.pk), ("hall", two.pk)]
    assert everyone[0].message.startswith("Verbier Hall is booked twice: “Recital” starts 19:00")
    (mine,) = found(one)  # the other artist's concert is read for the hall alone
    assert mine.kind == "hall" and mine.artist_id == one.pk


def test_a_matinee_and_an_evening_share_a_hall(verbier):
    booked(AgentFactory(), verbier, datetime(2027, 7, 24, 15, tzinfo=CH))
    booked(AgentFactory(), verbier, datetime(2027, 7, 24, 19, tzinfo=CH))
    assert found() == []


# -- rehearsal -------------------------------------------------------------------------


def test_a_booked_concert_with_no_rehearsal(verbier):
    artist = AgentFactory()
    booked(artist, verbier, datetime(2027, 7, 24, 19, tzinfo=CH), rehearsal=False, title="Solo")
    (problem,) = found(artist)
    assert problem.kind == "rehearsal"
    assert problem.message.startswith(
        "No rehearsal before the Verbier concert “Solo”, which starts 19:00 CEST on 24 July: "
        "the engagement is confirmed"
    )


def test_a_rehearsal_on_the_day_time_to_be_fixed_counts_and_a_hold_needs_none(verbier):
    artist = AgentFactory()
    e = booked(artist, verbier, datetime(2027, 7, 24, 19, tzinfo=CH), rehearsal=False)
    ScheduleItem.objects.create(engagement=e, kind=ScheduleItem.Kind.PIANO, day=date(2027, 7, 24))
    booked(artist, verbier, datetime(2027, 7, 30, 19, tzinfo=CH), rehearsal=False,
           state=State.HOLD)  # fmt: skip
    assert found(artist) == []


# -- unavailable -----------------------------------------------------------------------


def test_a_concert_in_an_unavailable_week(verbier):
    artist = AgentFactory()
    Unavailability.objects.create(
        artist=artist,
        starts_at=datetime(2027, 8, 1, tzinfo=CH),
        ends_at=datetime(2027, 8, 8, tzinfo=CH),
        all_day=True,
        reason="Family holiday",
    )
    booked(artist, verbier, datetime(2027, 8, 3, 19, tzinfo=CH), title="Recital")
    (problem,) = found(artist)
    assert problem.kind == "unavailable"
    assert problem.message == (
        "The Verbier rehearsal “Recital” starts 16:00 CEST on 3 August in the time the artist "
        "marked unavailable (Family holiday: 1 August–7 August)."
    )
    Unavailability.objects.update(ends_at=datetime(2027, 8, 3, tzinfo=CH))
    assert found(artist) == []  # the day after the week is free


# -- radius ----------------------------------------------------------------------------


def test_a_radius_clause_broken_before_and_kept_a_day_beyond(lucerne):
    artist = AgentFactory()
    zurich = hall_in("Zurich", "Europe/Zurich", 47.37, 8.54)
    festival = booked(artist, lucerne, datetime(2027, 8, 20, 19, tzinfo=CH), title="Festival",
                      radius_km=100, radius_days=30)  # fmt: skip
    booked(artist, zurich, datetime(2027, 7, 25, 19, tzinfo=CH), title="Tonhalle")
    (problem,) = found(artist)
    assert problem.kind == "radius" and festival.pk in problem.engagement_ids
    assert problem.message.startswith(
        "The radius clause of “Festival” (no other performance within 100 km for 30 days "
        "before and after) is broken by the Zurich concert “Tonhalle” on 25 July, 40 km from "
        "Lucerne and 26 days from its concert on 20 August."
    )
    Performance.objects.filter(engagement__title="Tonhalle").update(
        date=date(2027, 7, 20),
        starts_at=datetime(2027, 7, 20, 19, tzinfo=CH),
        ends_at=datetime(2027, 7, 20, 21, tzinfo=CH),
    )
    ScheduleItem.objects.filter(engagement__title="Tonhalle").update(
        day=date(2027, 7, 20), starts_at=datetime(2027, 7, 20, 16, tzinfo=CH),
        ends_at=datetime(2027, 7, 20, 17, tzinfo=CH),
    )  # fmt: skip
    assert found(artist) == []  # 31 days before


# -- the service -----------------------------------------------------------------------


def test_problems_of_an_engagement_are_those_it_is_part_of(verbier):
    artist = AgentFactory()
    first = booked(artist, verbier, datetime(2027, 7, 24, 19, tzinfo=CH))
    booked(artist, verbier, datetime(2027, 7, 24, 20, tzinfo=CH))
    lonely = booked(artist, verbier, datetime(2027, 9, 1, 19, tzinfo=CH), rehearsal=False)
    assert [p.kind for p in problems_of_engagement(first)] == ["overlap"]
    assert [p.kind for p in problems_of_engagement(lonely)] == ["rehearsal"]


def test_problems_cost_a_fixed_number_of_queries(verbier, lucerne):
    counts = []
    for size in (2, 8):
        artist = AgentFactory()
        for n in range(size):
            hall = verbier if n % 2 else lucerne
            booked(artist, hall, datetime(2027, 5, 1 + n, 11, tzinfo=CH), radius_km=200,
                   radius_days=2, rehearsal=n % 3 != 0)  # fmt: skip
            Unavailability.objects.create(
                artist=artist,
                starts_at=datetime(2027, 5, 1 + n, 9, 30, tzinfo=UTC),
                ends_at=datetime(2027, 5, 1 + n, 10, tzinfo=UTC),
            )
        booked(AgentFactory(), verbier, datetime(2027, 5, 2, 11, tzinfo=CH))
        with CaptureQueriesContext(connection) as captured:
            seen = problems(start=date(2027, 5, 1), end=date(2027, 5, 31), artist_ids=[artist.pk])
        assert {p.kind for p in seen} >= {"unavailable", "rehearsal", "hall", "radius"}
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_engagement_page_shows_its_problems_and_hides_other_presenters_bookings(
    client, verbier
):
    from tests.factories import ArtistAccessFactory, PresenterAccessFactory

    manager = ArtistAccessFactory(role="manager")
    mine = booked(manager.agent, verbier, datetime(2027, 7, 24, 19, tzinfo=CH), title="Mine")
    booked(manager.agent, verbier, datetime(2027, 7, 24, 20, tzinfo=CH), title="Theirs")
    client.force_login(manager.user)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Conflicts</h2>" in page and "Two commitments at once" in page and "Theirs" in page
    presenter = PresenterAccessFactory(organisation=mine.presenter)
    client.force_login(presenter.user)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Conflicts</h2>" not in page and "Theirs" not in page


def test_the_artist_s_absences_are_told_to_the_management_only(client, verbier):
    from tests.factories import ArtistAccessFactory, PresenterAccessFactory

    manager = ArtistAccessFactory(role="manager")
    Unavailability.objects.create(
        artist=manager.agent,
        starts_at=datetime(2027, 8, 1, tzinfo=CH),
        ends_at=datetime(2027, 8, 8, tzinfo=CH),
        reason="Surgery",
    )
    recital = booked(manager.agent, verbier, datetime(2027, 8, 3, 19, tzinfo=CH), title="Recital")
    client.force_login(manager.user)
    assert "Surgery" in client.get(recital.get_absolute_url()).content.decode()
    client.force_login(PresenterAccessFactory(organisation=recital.presenter).user)
    assert "Surgery" not in client.get(recital.get_absolute_url()).content.decode()
