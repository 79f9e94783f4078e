"""The commitments of an artist: every kind read once, in order, times in UTC, local days
in their place's zone, a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
from cadenza.engagements.commitments import commitments, local_day, point_of
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.services import performance_add
from tests.factories import AgentFactory, CityFactory, EngagementFactory, PlaceFactory

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")


def booked(artist, day: date, hall=None, state=State.CONFIRMED) -> Engagement:
    engagement = EngagementFactory(artist=artist, venue=hall)
    Engagement.objects.filter(pk=engagement.pk).update(state=state)
    engagement.refresh_from_db()
    return engagement


@pytest.fixture
def new_york():
    city = CityFactory(
        name="New York", timezone="America/New_York", latitude=40.71, longitude=-74.0
    )
    return PlaceFactory(name="Carnegie Hall", parent=city)


def test_each_kind_of_commitment_is_read(new_york):
    artist = AgentFactory()
    moscow = CityFactory(name="Moscow", timezone="Europe/Moscow", latitude=55.75, longitude=37.6)
    concert = booked(artist, date(2027, 3, 20), new_york)
    performance_add(
        engagement=concert, day=date(2027, 3, 20), starts_at=datetime(2027, 3, 20, 20, tzinfo=NY)
    )
    ScheduleItem.objects.create(
        engagement=concert,
        kind=ScheduleItem.Kind.ORCHESTRA,
        day=date(2027, 3, 19),
        starts_at=datetime(2027, 3, 19, 10, tzinfo=NY),
        ends_at=datetime(2027, 3, 19, 13, tzinfo=NY),
    )
    TravelLeg.objects.create(
        artist=artist,
        mode="air",
        origin=moscow,
        destination=new_york.parent,
        departs_at=datetime(2027, 3, 17, 9, tzinfo=ZoneInfo("Europe/Moscow")),
        arrives_at=datetime(2027, 3, 17, 13, tzinfo=NY),
    )
    held = booked(artist, date(2027, 3, 25), new_york, state=State.INQUIRY)
    hold_place(engagement=held, dates=[date(2027, 3, 25)])
    Unavailability.objects.create(
        artist=artist,
        starts_at=datetime(2027, 3, 28, tzinfo=UTC),
        ends_at=datetime(2027, 3, 29, tzinfo=UTC),
        all_day=True,
        reason="Family",
    )
    found = commitments(start=date(2027, 3, 1), end=date(2027, 3, 31), artist_ids=[artist.pk])
    assert [c.kind for c in found] == ["travel", "rehearsal", "performance", "hold", "unavailable"]
    hold = found[3]
    assert hold.is_hold and hold.label.startswith("[Hold 1]")
    assert (hold.starts, hold.ends) == local_day(date(2027, 3, 25), new_york)
    assert hold.starts == datetime(2027, 3, 25, 4, tzinfo=UTC)  # New York midnight, summer time
    assert found[2].ends - found[2].starts == timedelta(hours=2, minutes=30)
    assert point_of(new_york).tz == "America/New_York" and point_of(new_york).lat == 40.71


def test_declined_engagements_occupy_nothing_and_queries_stay_fixed(new_york):
    counts = []
    for size in (2, 6):
        artist = AgentFactory()
        for n in range(size):
            engagement = booked(artist, date(2027, 5, 1 + n), new_york)
            performance_add(engagement=engagement, day=date(2027, 5, 1 + n))
        gone = booked(artist, date(2027, 5, 20), new_york, state=State.DECLINED)
        gone.performances.create(date=date(2027, 5, 20))
        with CaptureQueriesContext(connection) as captured:
            found = commitments(
                start=date(2027, 5, 1), end=date(2027, 5, 31), artist_ids=[artist.pk]
            )
        assert len(found) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
