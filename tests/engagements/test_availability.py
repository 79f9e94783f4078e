"""The artist's unavailable times: by hand, and from .ics files (recurring events
expanded, imported once, a bad file refused with its line and nothing kept)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cadenza.engagements.availability import (
    IMPORT_WINDOW,
    local_days,
    unavailability_add,
    unavailability_import,
    unavailability_remove,
)
from cadenza.engagements.calendar_models import Unavailability
from cadenza.engagements.errors import Invalid
from tests.factories import AgentFactory, CityFactory

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")


@pytest.fixture
def artist():
    return AgentFactory(name="Alessio Kalmurzaev", based_in=CityFactory(timezone="Europe/Vienna"))


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def next_monday() -> date:
    today = timezone.now().astimezone(VIENNA).date()
    return today + timedelta(days=7 - today.weekday())


def weekly_lesson(count: int = 10) -> str:
    start = datetime.combine(next_monday(), time(10))
    return (
        f"UID:lesson@example.org\r\nSUMMARY:Teaching\\, Vienna\r\n"
        f"DTSTART;TZID=Europe/Vienna:{start:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Vienna:{start + timedelta(hours=2):%Y%m%dT%H%M%S}\r\n"
        f"RRULE:FREQ=WEEKLY;COUNT={count}"
    )


def test_a_time_by_hand_needs_zones_and_an_end_after_its_start(artist):
    starts = datetime(2027, 8, 1, 9, tzinfo=VIENNA)
    span = unavailability_add(
        artist=artist, starts_at=starts, ends_at=starts + timedelta(hours=3), reason=" Dentist "
    )
    assert span.reason == "Dentist" and not span.all_day
    for starts_at, ends_at, field in (
        (starts, starts, "ends_at"),
        (starts, starts - timedelta(hours=1), "ends_at"),
        (starts.replace(tzinfo=None), starts + timedelta(hours=1), "starts_at"),
        (starts, (starts + timedelta(hours=1)).replace(tzinfo=None), "ends_at"),
    ):
        with pytest.raises(Invalid) as error:
            unavailability_add(artist=artist, starts_at=starts_at, ends_at=ends_at)
        assert error.value.field == field
    with pytest.raises(Invalid) as error:
        unavailability_add(
            artist=artist, starts_at=starts, ends_at=starts + timedelta(1), reason="x" * 201
        )
    assert error.value.field == "reason" and "201 characters" in error.value.message
    unavailability_remove(unavailability=span)
    assert not Unavailability.objects.exists()


def test_whole_days_are_the_artists_local_days(artist):
    # The clocks go forward in Vienna on 28 March 2027: that day has 23 hours.
    starts, ends = local_days(artist, date(2027, 3, 28), date(2027, 3, 28))
    assert starts == datetime(2027, 3, 27, 23, tzinfo=UTC)
    assert ends.astimezone(UTC) - starts.astimezone(UTC) == timedelta(hours=23)


def test_a_weekly_event_is_expanded_and_imported_once(artist):
    data = ics(weekly_lesson(10))
    found = unavailability_import(artist=artist, data=data, filename="lessons.ics")
    assert (found.added, found.known) == (10, 0)
    spans = list(Unavailability.objects.filter(artist=artist))
    assert [s.starts_at.astimezone(VIENNA).time() for s in spans] == [time(10)] * 10
    assert [s.starts_at.astimezone(VIENNA).weekday() for s in spans] == [0] * 10
    assert spans[0].reason == "Teaching, Vienna"
    assert spans[0].source_uid.startswith("lesson@example.org/")
    assert len({s.source_uid for s in spans}) == 10
    again = unavailability_import(artist=artist, data=data, filename="lessons.ics")
    assert (again.added, again.known) == (0, 10)
    assert Unavailability.objects.count() == 10
    # A longer series adds only its new weeks.
    more = unavailability_import(artist=artist, data=ics(weekly_lesson(12)), filename="x.ics")
    assert (more.added, more.known) == (2, 10)


def test_an_endless_series_stops_two_years_ahead(artist):
    endless = weekly_lesson().replace(";COUNT=10", "")
    found = unavailability_import(artist=artist, data=ics(endless), filename="lessons.ics")
    last = Unavailability.objects.order_by("starts_at").last()
    assert 103 <= found.added <= 105
    assert last.starts_at.date() <= (timezone.now() + IMPORT_WINDOW).date()


def test_all_day_free_and_cancelled_events(artist):
    day = next_monday()
    data = ics(
        f"UID:holiday\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}\r\n"
        f"DTEND;VALUE=DATE:{day + timedelta(days=3):%Y%m%d}",
        f"UID:free\r\nSUMMARY:Maybe\r\nTRANSP:TRANSPARENT\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"UID:off\r\nSTATUS:CANCELLED\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}",
    )
    found = unavailability_import(artist=artist, data=data, filename="away.ics")
    assert (found.added, found.skipped) == (1, 2)
    (holiday,) = Unavailability.objects.all()
    assert holiday.all_day
    assert holiday.starts_at == datetime.combine(day, time(0), tzinfo=VIENNA)
    assert holiday.ends_at == datetime.combine(day + timedelta(days=3), time(0), tzinfo=VIENNA)


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("UID:b\r\nthis is not a property", "away.ics, line 13: expected a property"),
        ("UID:b\r\nSUMMARY:No start", "away.ics, line 11: this event has no start (DTSTART)"),
        ("UID:b\r\nDTSTART:2027XX01", "away.ics, line 13: DTSTART: Wrong date format"),
        (
            "UID:b\r\nDTSTART:20270102T100000Z\r\nDTEND:20270101T100000Z",
            "away.ics, line 14: the event ends (2027-01-01 10:00:00+00:00) before it starts",
        ),
    ],
)
def test_a_broken_file_is_refused_with_its_line_and_nothing_is_imported(artist, broken, said):
    data = ics(weekly_lesson(), broken)
    with pytest.raises(Invalid) as error:
        unavailability_import(artist=artist, data=data, filename="away.ics")
    assert error.value.field == "file"
    assert said in error.value.message
    assert not Unavailability.objects.exists()


def test_a_file_that_is_not_a_calendar_is_refused(artist):
    for data, said in (
        (b"Dear Sir,\r\nplease find", "away.ics, line 1: an iCalendar file begins with"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", "line 3: END:VCALENDAR closes"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "line 1: BEGIN:VCALENDAR is never ended"),
        (b"BEGIN:VCALENDAR\r\n\xff\xfe\r\nEND:VCALENDAR", "line 2: not UTF-8"),
    ):
        with pytest.raises(Invalid) as error:
            unavailability_import(artist=artist, data=data, filename="away.ics")
        assert said in error.value.message
    assert not Unavailability.objects.exists()
