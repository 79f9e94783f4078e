"""Calendar feeds read back as a calendar app would: with `icalendar` and
`recurring-ical-events`, local times across a daylight-saving change, statuses, holds,
fees only when asked for, the public feed, UIDs and SEQUENCE; tokens and revocation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadenza.engagements.calendar_models import (
    Feed,
    HotelStay,
    ScheduleItem,
    TravelLeg,
    Unavailability,
)
from cadenza.engagements.changes import locked, log
from cadenza.engagements.deals import deal_set
from cadenza.engagements.errors import Invalid
from cadenza.engagements.feeds import (
    calendar_ics,
    feed_by_token,
    feed_create,
    feed_grants,
    feed_revoke,
    token_hash,
)
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Change, Engagement, Performance, State
from cadenza.engagements.services import (
    engagement_create,
    engagement_move,
    engagement_update,
    performance_add,
)
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    CityFactory,
    PlaceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")
NY = ZoneInfo("America/New_York")
# The clocks in Vienna go forward on 28 March 2027: the two concerts are an hour apart in UTC.
BEFORE, AFTER = date(2027, 3, 27), date(2027, 4, 3)
NOW = datetime(2027, 1, 15, 12, tzinfo=UTC)


@pytest.fixture
def artist():
    return AgentFactory(name="Alessio Kalmurzaev")


@pytest.fixture
def musikverein():
    vienna = CityFactory(name="Vienna", timezone="Europe/Vienna")
    return PlaceFactory(name="Musikverein", parent=vienna)


def booked(artist, venue, day, *, title, state=State.CONFIRMED, at=time(19, 30), fee="9000"):
    """An engagement moved through the services to `state`, one performance at `at`."""
    presenter = AgentFactory(name=f"{title} presenter", kind="organisation")
    engagement = engagement_create(artist=artist, presenter=presenter, title=title, venue=venue)
    zone = ZoneInfo(venue.parent.timezone)
    performance_add(engagement=engagement, day=day, starts_at=datetime.combine(day, at, zone))
    if state == State.INQUIRY:
        return engagement
    hold_place(engagement=engagement, dates=[day])
    if state == State.HOLD:
        return engagement
    deal_set(engagement=engagement, currency="EUR", guarantee=Decimal(fee))
    path = [State.OFFERED, State.CONTRACTED, State.CONFIRMED, State.CANCELLED]
    for step in path[: path.index(state) + 1]:
        engagement_move(engagement=engagement, to_state=step, reason="Hall closed.")
    return engagement


def read(artist, audience, *, include_fees=False, now=NOW) -> icalendar.Calendar:
    """The feed as bytes, parsed back: what a subscribed calendar sees."""
    data = calendar_ics(artist=artist, audience=audience, include_fees=include_fees, now=now)
    return icalendar.Calendar.from_ical(data)


def events_of(calendar, start=date(2026, 1, 1), end=date(2029, 1, 1)):
    return sorted(
        recurring_ical_events.of(calendar).between(start, end), key=lambda e: e.start.isoformat()
    )


def by_summary(calendar) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_local_times_hold_across_a_daylight_saving_change(artist, musikverein):
    booked(artist, musikverein, BEFORE, title="Brahms")
    booked(artist, musikverein, AFTER, title="Bruckner")
    calendar = read(artist, "public")
    found = events_of(calendar)
    assert [str(e["SUMMARY"]) for e in found] == ["Brahms", "Bruckner"]
    for event in found:
        assert event.start.tzinfo is not None
        assert event.start.astimezone(VIENNA).time() == time(19, 30)
        assert event["DTSTART"].params["TZID"] == "Europe/Vienna"
    # One hour of winter time, then summer time: UTC 18:30, then 17:30.
    assert [e.start.astimezone(UTC).hour for e in found] == [18, 17]
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Vienna"]
    assert calendar.get_missing_tzids() == set()
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"


def test_statuses_and_the_hold_in_the_summary(artist, musikverein):
    booked(artist, musikverein, date(2027, 5, 1), title="Asked", state=State.INQUIRY)
    booked(artist, musikverein, date(2027, 5, 2), title="Pencilled", state=State.HOLD)
    other = booked(AgentFactory(), musikverein, date(2027, 5, 6), title="Someone else's")
    rival = engagement_create(
        artist=artist, presenter=AgentFactory(kind="organisation"), title="Rival", venue=None
    )
    hold_place(engagement=rival, dates=[date(2027, 5, 2)])  # the 2nd hold of that day
    booked(artist, musikverein, date(2027, 5, 3), title="Offered", state=State.OFFERED)
    booked(artist, musikverein, date(2027, 5, 4), title="Signed", state=State.CONTRACTED)
    booked(artist, musikverein, date(2027, 5, 5), title="Called off", state=State.CANCELLED)
    events = by_summary(read(artist, "artist", now=timezone.now()))
    status = {name: str(e["STATUS"]) for name, e in events.items()}
    assert status == {
        "Asked": "TENTATIVE",
        "[Hold 1] Pencilled": "TENTATIVE",
        "[Hold 2] Rival": "TENTATIVE",
        "[Hold 1] Offered": "TENTATIVE",
        "Signed": "CONFIRMED",
        "[Cancelled] Called off": "CANCELLED",
    }
    busy = {name: str(e["X-MICROSOFT-CDO-BUSYSTATUS"]) for name, e in events.items()}
    assert busy["[Hold 2] Rival"] == busy["Asked"] == "TENTATIVE" and busy["Signed"] == "BUSY"
    # The held day with no performance yet is a whole local day.
    rival_day = events["[Hold 2] Rival"]
    assert (rival_day.start, rival_day.end) == (date(2027, 5, 2), date(2027, 5, 3))
    assert other.title not in events  # another artist's engagements never reach this feed
    # Thirty days after the cancellation it leaves the feed.
    later = by_summary(read(artist, "artist", now=timezone.now() + timedelta(days=31)))
    assert "[Cancelled] Called off" not in later and "Signed" in later


def test_the_public_feed_shows_confirmed_performances_only(artist, musikverein):
    for state in (State.INQUIRY, State.HOLD, State.OFFERED, State.CONTRACTED, State.CONFIRMED):
        booked(artist, musikverein, date(2027, 6, 1 + len(state)), title=state.label, state=state)
    engagement = Engagement.objects.get(title="Confirmed")
    ScheduleItem.objects.create(
        engagement=engagement, kind=ScheduleItem.Kind.DRESS, day=date(2027, 6, 10)
    )
    engagement_update(engagement=engagement, notes="Fly in early; the hall is cold.")
    Unavailability.objects.create(
        artist=artist,
        starts_at=datetime(2027, 6, 20, tzinfo=UTC),
        ends_at=datetime(2027, 6, 21, tzinfo=UTC),
    )
    calendar = read(artist, "public", include_fees=False)
    assert sorted(by_summary(calendar)) == ["Confirmed", "Contracted"]
    text = calendar.to_ical().decode()
    assert "hall is cold" not in text and "DESCRIPTION" not in text and "Dress" not in text
    manager = by_summary(read(artist, "manager"))
    assert "Notes: Fly in early; the hall is cold." in manager["Confirmed"]["DESCRIPTION"]
    assert "Unavailable" in manager and "Dress rehearsal: Confirmed" in manager
    assert "Unavailable" not in by_summary(read(artist, "artist"))
    assert "hall is cold" not in read(artist, "artist").to_ical().decode()


def test_fees_only_when_the_owner_opts_in(artist, musikverein):
    booked(artist, musikverein, BEFORE, title="Brahms", fee="12500")
    for audience in ("artist", "manager", "public"):
        assert "12,500" not in read(artist, audience).to_ical().decode()
    for audience in ("artist", "manager"):
        described = str(
            by_summary(read(artist, audience, include_fees=True))["Brahms"]["DESCRIPTION"]
        )
        assert "Fee: €12,500.00 (flat guarantee)" in described
    assert "12,500" not in read(artist, "public", include_fees=True).to_ical().decode()
    with pytest.raises(Invalid) as error:
        feed_create(artist=artist, audience="public", by=None, include_fees=True)
    assert error.value.field == "include_fees"


def test_uids_stay_and_sequence_rises_with_time_place_and_status(artist, musikverein):
    engagement = booked(artist, musikverein, BEFORE, title="Brahms", state=State.CONTRACTED)
    first = by_summary(read(artist, "manager"))["Brahms"]
    performance = Performance.objects.get(engagement=engagement)
    assert str(first["UID"]) == f"performance-{performance.pk}@cadenza"
    # A time change, written as a service writes it: under the lock, logged.
    with transaction.atomic():
        row = locked(engagement=engagement)
        Performance.objects.filter(pk=performance.pk).update(
            starts_at=datetime.combine(BEFORE, time(20), VIENNA)
        )
        log(engagement=row, kind=Change.Kind.DETAILS, to_value="performance at 20:00")
    second = by_summary(read(artist, "manager"))["Brahms"]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second.start.astimezone(VIENNA).time() == time(20)
    # A change of place, then of status.
    engagement_update(engagement=engagement, venue=PlaceFactory(parent=musikverein.parent))
    third = by_summary(read(artist, "manager"))["Brahms"]
    engagement_move(engagement=engagement, to_state=State.CONFIRMED)
    fourth = by_summary(read(artist, "manager"))["Brahms"]
    assert second["SEQUENCE"] < third["SEQUENCE"] < fourth["SEQUENCE"]
    assert fourth["UID"] == first["UID"]


def test_the_manager_sees_travel_in_both_zones_and_hotel_stays(artist, musikverein):
    engagement = booked(artist, musikverein, BEFORE, title="Brahms")
    new_york = CityFactory(name="New York", timezone="America/New_York")
    TravelLeg.objects.create(
        artist=artist,
        engagement=engagement,
        mode="air",
        origin=new_york,
        destination=musikverein.parent,
        departs_at=datetime(2027, 3, 24, 18, tzinfo=NY),
        arrives_at=datetime(2027, 3, 25, 8, 30, tzinfo=VIENNA),
        carrier="Austrian",
        reference="OS 88",
    )
    HotelStay.objects.create(
        artist=artist,
        engagement=engagement,
        name="Hotel Imperial",
        place=musikverein.parent,
        check_in=date(2027, 3, 25),
        check_out=date(2027, 3, 28),
    )
    calendar = read(artist, "manager")
    events = by_summary(calendar)
    leg = events["Air New York → Vienna · Austrian · OS 88"]
    assert leg["DTSTART"].params["TZID"] == "America/New_York"
    assert leg["DTEND"].params["TZID"] == "Europe/Vienna"
    assert leg.start.time() == time(18) and leg.end.time() == time(8, 30)
    stay = events["Hotel: Hotel Imperial"]
    assert (stay.start, stay.end) == (date(2027, 3, 25), date(2027, 3, 29))
    assert {tz.tz_name for tz in calendar.timezones} == {"America/New_York", "Europe/Vienna"}
    assert "Hotel: Hotel Imperial" not in by_summary(read(artist, "artist"))


def test_a_feed_takes_a_fixed_number_of_queries(artist, musikverein):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            calendar_ics(artist=artist, audience="manager", include_fees=True, now=NOW)
        return len(queries)

    booked(artist, musikverein, BEFORE, title="One")
    booked(artist, musikverein, AFTER, title="Two")
    two = count()
    for n in range(4):
        booked(artist, musikverein, date(2027, 5, 1 + n), title=f"More {n}", state=State.HOLD)
    assert count() == two


def test_tokens_are_kept_hashed_and_revoked_feeds_are_gone(artist):
    feed, token = feed_create(artist=artist, audience="artist", by=None)
    assert len(token) >= 43 and feed.token_hash == token_hash(token) != token
    assert not Feed.objects.filter(token_hash=token).exists()
    assert feed_by_token(token=token) == feed
    assert feed_by_token(token=token + "x") is None
    feed_revoke(feed=feed, by=None)
    assert feed.revoked_at is not None and feed_by_token(token=token) is None


def test_who_may_make_which_feed(artist):
    manager = ArtistAccessFactory(agent=artist, role="manager").user
    own = ArtistAccessFactory(agent=artist, role="artist", sees_fees=False).user
    stranger = UserFactory()
    assert [(g.artist, g.audiences) for g in feed_grants(user=manager)] == [
        (artist, ("artist", "manager", "public"))
    ]
    assert [(g.artist, g.audiences, g.fees) for g in feed_grants(user=own)] == [
        (artist, ("artist",), False)
    ]
    feed_create(artist=artist, audience="artist", by=own)
    for by, audience, fees, field in (
        (own, "manager", False, "audience"),
        (own, "artist", True, "include_fees"),
        (stranger, "public", False, "audience"),
        (manager, "everyone", False, "audience"),
    ):
        with pytest.raises(Invalid) as error:
            feed_create(artist=artist, audience=audience, by=by, include_fees=fees)
        assert error.value.field == field
    feed, _ = feed_create(artist=artist, audience="manager", by=manager, include_fees=True)
    with pytest.raises(Invalid):
        feed_revoke(feed=feed, by=own)
    assert Feed.objects.filter(revoked_at__isnull=True).count() == 2


def test_the_programme_is_titled_as_every_page_titles_it(artist, musikverein):
    """The artist's and the management's feeds give the programme, each work named by the
    one formatter (repertoire.titles) with its composer; the public feed does not."""
    from cadenza.engagements.services import programme_set
    from tests.factories import AuthorshipFactory, CatalogueNumberFactory, WorkFactory

    engagement = booked(artist, musikverein, BEFORE, title="Brahms")
    concerto = WorkFactory(title="Concerto, Violin, D major")
    CatalogueNumberFactory(work=concerto, catalogue="Op.", number="77")
    AuthorshipFactory(work=concerto, agent=AgentFactory(name="Johannes Brahms"))
    suite = WorkFactory(title="MEISTERSINGER, DIE, WWV 96")
    programme_set(engagement=engagement, entries=[concerto, timedelta(minutes=20), suite])
    for audience in ("artist", "manager"):
        (event,) = by_summary(read(artist, audience)).values()
        assert (
            "Programme: Brahms' Violin Concerto in D major, Op. 77; Interval; "
            "Die Meistersinger, WWV 96" in str(event["DESCRIPTION"])
        )
    (public,) = by_summary(read(artist, "public")).values()
    assert "DESCRIPTION" not in public
