"""The calendar's selectors: local times across a daylight-saving change, all-day and
approximate entries, the state filters, only what the user may see; the day sheet's
programme timings, hotel and journeys, and its PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cadenza.accounts.models import ArtistAccess
from cadenza.engagements import calendar
from cadenza.engagements.calendar_models import HotelStay, ScheduleItem, TravelLeg, Unavailability
from cadenza.engagements.day_sheet import day_sheet
from cadenza.engagements.day_sheet_pdf import day_sheet_pdf
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.services import performance_add, programme_set
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    CityFactory,
    EngagementFactory,
    PlaceFactory,
    PresenterAccessFactory,
    UserFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")
MOSCOW = ZoneInfo("Europe/Moscow")


def booked(artist, hall, state=State.CONFIRMED, **fields) -> Engagement:
    engagement = EngagementFactory(artist=artist, venue=hall, **fields)
    Engagement.objects.filter(pk=engagement.pk).update(state=state)
    engagement.refresh_from_db()
    return engagement


def concert(engagement: Engagement, at: datetime | None, day: date | None = None, note=""):
    day = day or at.date()  # type: ignore[union-attr]
    return performance_add(engagement=engagement, day=day, starts_at=at, time_note=note)


@dataclass
class Tour:
    """A violinist's March in Vienna, across the night the clocks go forward (28 March 2027),
    seen by the manager, the artist, a presenter and a stranger."""

    artist: object
    hall: object
    moscow: object
    before: Engagement  # 27 March, 19:30 CET, with a programme and a rehearsal
    after: Engagement  # 29 March, 19:30 CEST
    held: Engagement  # a 2nd hold on 31 March
    offer: Engagement  # offered, its time to be fixed, 30 March
    manager: object
    own: object  # the artist's own login
    presenter: object  # the user of the presenter of `after`
    stranger: object


def tour() -> Tour:
    artist = AgentFactory(name="Alessio Kalmurzaev")
    city = CityFactory(name="Vienna", timezone="Europe/Vienna", latitude=48.2, longitude=16.37)
    hall = PlaceFactory(name="Musikverein", parent=city, address="Musikvereinsplatz 1")
    moscow = CityFactory(name="Moscow", timezone="Europe/Moscow", latitude=55.75, longitude=37.6)
    before = booked(artist, hall, title="Brahms in Vienna", dress="White tie")
    concert(before, datetime(2027, 3, 27, 19, 30, tzinfo=VIENNA))
    programme_set(
        engagement=before,
        entries=[
            WorkFactory(title="Violin Concerto", duration=timedelta(minutes=40)),
            timedelta(minutes=20),
            WorkFactory(title="Symphony No. 4", duration=timedelta(minutes=42)),
        ],
    )
    ScheduleItem.objects.create(
        engagement=before,
        kind=ScheduleItem.Kind.DRESS,
        day=date(2027, 3, 27),
        starts_at=datetime(2027, 3, 27, 10, tzinfo=VIENNA),
        ends_at=datetime(2027, 3, 27, 13, tzinfo=VIENNA),
        notes="Bring the Guarneri",
    )
    Engagement.objects.filter(pk=before.pk).update(notes="The fee is confidential")
    after = booked(artist, hall, title="Mozart in Vienna")
    concert(after, datetime(2027, 3, 29, 19, 30, tzinfo=VIENNA))
    rival = booked(artist, hall, state=State.INQUIRY, title="Rival recital")
    hold_place(engagement=rival, dates=[date(2027, 3, 31)])
    held = booked(artist, hall, state=State.INQUIRY, title="Held recital")
    hold_place(engagement=held, dates=[date(2027, 3, 31)])
    offer = booked(artist, hall, state=State.OFFERED, title="Offered gala")
    concert(offer, None, date(2027, 3, 30), note="evening, to be fixed")
    TravelLeg.objects.create(
        artist=artist,
        mode="air",
        origin=moscow,
        destination=city,
        departs_at=datetime(2027, 3, 26, 9, 5, tzinfo=MOSCOW),
        arrives_at=datetime(2027, 3, 26, 11, 0, tzinfo=VIENNA),
        carrier="Aeroflot",
        reference="SU 2350",
    )
    HotelStay.objects.create(
        artist=artist,
        name="Hotel Imperial",
        address="Kärntner Ring 16",
        check_in=date(2027, 3, 26),
        check_out=date(2027, 3, 30),
        reference="IMP-77",
    )
    Unavailability.objects.create(
        artist=artist,
        starts_at=datetime(2027, 3, 10, tzinfo=UTC),
        ends_at=datetime(2027, 3, 13, tzinfo=UTC),
        all_day=True,
        reason="Family",
    )
    presenter = PresenterAccessFactory(organisation=after.presenter).user
    return Tour(
        artist=artist,
        hall=hall,
        moscow=moscow,
        before=before,
        after=after,
        held=held,
        offer=offer,
        manager=ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.MANAGER).user,
        own=ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.ARTIST).user,
        presenter=presenter,
        stranger=UserFactory(),
    )


def march(t: Tour, user, **kwargs) -> calendar.Period:
    return calendar.month(user=user, artist_ids=[t.artist.pk], year=2027, month=3, **kwargs)


def on(period: calendar.Period, day: int) -> list[calendar.Entry]:
    return next(d.entries for d in period.days if d.day == date(2027, 3, day))


def test_local_times_stay_right_across_the_change_to_summer_time():
    t = tour()
    period = march(t, t.manager, zone="America/New_York")
    first, second = on(period, 27)[-1], on(period, 29)[0]
    assert (first.label, second.label) == ("Brahms in Vienna", "Mozart in Vienna")
    assert [f"{e.starts:%H:%M %Z}" for e in (first, second)] == ["19:30 CET", "19:30 CEST"]
    # New York moved its clocks on 14 March: five hours behind, then six.
    assert [f"{e.viewer:%H:%M %Z}" for e in (first, second)] == ["14:30 EDT", "13:30 EDT"]
    assert march(t, t.manager, zone="Europe/Vienna").days[26].entries[-1].viewer is None
    flight = on(period, 26)[0]
    assert flight.kind == "travel" and flight.detail == "Aeroflot SU 2350"
    assert f"{flight.starts:%H:%M %Z}" == "09:05 MSK" and f"{flight.ends:%H:%M %Z}" == "11:00 CET"
    assert (period.start, period.previous, period.next) == (
        date(2027, 3, 1),
        date(2027, 2, 1),
        date(2027, 4, 1),
    )
    assert period.weeks[0][0].day == date(2027, 3, 1) and len(period.weeks) == 5


def test_all_day_and_approximate_entries_say_so():
    t = tour()
    period = march(t, t.manager)
    away = [d.day.day for d in period.days if any(e.kind == "unavailable" for e in d.entries)]
    assert away == [10, 11, 12]
    assert all(e.all_day for e in on(period, 11))
    gala = on(period, 30)[0]
    assert (gala.approximate, gala.all_day, gala.viewer) == ("evening, to be fixed", False, None)
    holds = on(period, 31)
    assert [e.label for e in holds] == ["[Hold 1] Rival recital", "[Hold 2] Held recital"]
    assert all(e.all_day and e.on_hold for e in holds)


def test_the_state_filters_keep_their_engagements_and_the_journeys():
    t = tour()
    labels = {
        key: {e.label for e in march(t, t.manager, states=[key]).entries if e.engagement_id}
        for key in calendar.STATE_FILTERS
    }
    assert labels["holds"] == {"[Hold 1] Rival recital", "[Hold 2] Held recital"}
    assert labels["offers"] == {"Offered gala"}
    assert labels["confirmed"] == {
        "Brahms in Vienna",
        "Mozart in Vienna",
        "Dress rehearsal: Brahms in Vienna",
    }
    both = march(t, t.manager, states=["offers", "confirmed"]).entries
    assert {e.kind for e in both} >= {"travel", "unavailable", "performance", "rehearsal"}


def test_each_user_sees_only_what_is_theirs_to_see():
    t = tour()
    everything = {e.label for e in march(t, t.manager).entries}
    assert {e.label for e in march(t, t.own).entries} == everything
    seen = {e.label for e in march(t, t.presenter).entries}
    assert seen == {"Mozart in Vienna"}  # not the artist's journeys, days off or other dates
    assert march(t, t.stranger).entries == []
    assert "[Hold 2] Held recital" in everything and "Family" in everything


def test_the_route_follows_the_calls_and_performances_in_date_order():
    t = tour()
    stops = calendar.route(march(t, t.manager).entries)
    # The artist is in Vienna from the dress rehearsal on: the concert, and the second
    # one there, are no new stop (nor the journeys, the held day or the absence).
    assert [s.label for s in stops] == ["Dress rehearsal: Brahms in Vienna"]
    assert stops[0].place == "Musikverein, Vienna" and stops[0].point == (48.2, 16.37)


def test_a_bad_zone_is_named():
    with pytest.raises(ValueError, match="tz: 'Mars/Olympus' is not an IANA time zone"):
        calendar.viewer_zone("Mars/Olympus")


def test_the_day_sheet_times_the_programme_and_lists_the_hotel_and_calls():
    t = tour()
    sheet = day_sheet(user=t.manager, artist=t.artist, day=date(2027, 3, 27))
    assert sheet is not None
    assert [f"{e.starts:%H:%M} {e.label}" for e in sheet.schedule] == [
        "10:00 Dress rehearsal: Brahms in Vienna",
        "19:30 Brahms in Vienna",
    ]
    (brahms,) = sheet.booked
    assert (brahms.venue, brahms.address) == ("Musikverein, Vienna", "Musikvereinsplatz 1, Vienna")
    ((at, lines),) = brahms.concerts
    assert f"{at:%H:%M %Z}" == "19:30 CET"
    assert [(f"{line.starts:%H:%M}", line.title, line.minutes) for line in lines] == [
        ("19:30", "Violin Concerto", 40),
        ("20:10", "Interval", 20),
        ("20:30", "Symphony No. 4", 42),
    ]
    assert brahms.engagement.dress == "White tie"
    assert brahms.notes == "The fee is confidential"
    assert [h.name for h in sheet.hotels] == ["Hotel Imperial"]
    assert sheet.notes == ["Dress rehearsal: Brahms in Vienna: Bring the Guarneri"]
    arrival = day_sheet(user=t.manager, artist=t.artist, day=date(2027, 3, 26))
    assert [leg.detail for leg in arrival.legs] == ["Aeroflot SU 2350"]


def test_the_day_sheet_hides_notes_and_days_from_those_not_allowed():
    t = tour()
    own = day_sheet(user=t.own, artist=t.artist, day=date(2027, 3, 27))
    assert own.booked[0].notes == "" and own.notes == []
    assert day_sheet(user=t.presenter, artist=t.artist, day=date(2027, 3, 27)) is None
    theirs = day_sheet(user=t.presenter, artist=t.artist, day=date(2027, 3, 29))
    assert [b.engagement.title for b in theirs.booked] == ["Mozart in Vienna"]
    assert theirs.hotels == [] and theirs.legs == []
    assert day_sheet(user=t.stranger, artist=t.artist, day=date(2027, 3, 27)) is None


def test_the_pdf_carries_the_day_as_text():
    t = tour()
    sheet = day_sheet(user=t.manager, artist=t.artist, day=date(2027, 3, 27))
    pdf = day_sheet_pdf(sheet, compress=False)
    assert pdf.startswith(b"%PDF")
    for text in (b"Musikverein, Vienna", b"White tie", b"20:30", b"Hotel Imperial"):
        assert text in pdf, text
    assert day_sheet_pdf(sheet)[:4] == b"%PDF"  # compressed, as sent
