"""The demo's calendar: Kalmurzaev's rehearsals, journeys and hotels around the engagements
`demo.py` books, his unavailable week, and the summer's two problems for `cadenza check`.

- **Carnegie Hall** (three Novembers ago): Aeroflot SU 100 Moscow → New York three days
  before, the orchestra rehearsal the day before, the dress rehearsal that morning, the
  concert 20:00–22:00 in white tie, the Park Central Hotel, SU 101 back the next evening.
- **The summer in Europe and Asia**: a balance at Kloster Eberbach before the Rheingau
  recital (10 July); by train to Verbier, rehearsals on 23 and 24 July and the concert until
  21:45; Music in PyeongChang calls him to its orchestra's first rehearsal on the morning
  of 25 July (his concert's evening, like its hold, still to be agreed); home by air
  from Seoul on 27 July; the unavailable week, 10 to 16 August; by train from Lübeck to
  Lucerne on 19 August, rehearsals on 20 and 21 August and the concert until 21:45.

The two problems, and only these, are in the data:

1. **A connection that cannot be made**: the Verbier concert ends at 21:45 on 24 July
   (19:45 UTC); PyeongChang's rehearsal starts at 10:00 the next morning (01:00 UTC), 5 h 15
   later, and Verbier to PyeongChang is about 9,030 km, 14 h 17 door to door by air
   (`travel.door_to_door`). PyeongChang is still a hold, so the problem is flagged as one;
   its seven hours of time difference also want a day of rest there. Every other pair of
   consecutive commitments can be made, and every performance has a rehearsal before it.
2. **A radius clause broken**: the Verbier Festival's contract keeps him from playing within
   150 km for 45 days before and after 24 July; the Lucerne concert (confirmed, 21 August,
   28 days later) is about 134 km away.

Times are those of each place's clocks (`ZoneInfo`), dates follow the machine's clock as in
`demo.py`, and every write goes through the services of `schedule.py` and `services.py`
(but the unavailable week's, until availability has its services). Run again, it adds
nothing: each item is looked for first.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cadenza.engagements.availability import unavailability_add
from cadenza.engagements.calendar_models import (
    HotelStay,
    ScheduleItem,
    TravelLeg,
    Unavailability,
)
from cadenza.engagements.demo_venues import (
    COUNTRIES,
    LUCERNE,
    PYEONGCHANG,
    RHEINGAU,
    SCHLESWIG_HOLSTEIN,
    VERBIER,
    Venue,
    hall_of,
)
from cadenza.engagements.models import Engagement
from cadenza.engagements.schedule import (
    engagement_dress_set,
    hotel_stay_add,
    performance_times_set,
    schedule_item_add,
    travel_leg_add,
)
from cadenza.engagements.services import engagement_update
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.services import place_ensure

# The titles `demo.py` books them under (it imports this module, so they are repeated).
CARNEGIE_TITLE = "Kalmurzaev at Carnegie Hall"
RHEINGAU_TITLE = "Kalmurzaev at the Rheingau Musik Festival"
VERBIER_TITLE = "Kalmurzaev at the Verbier Festival"
PYEONGCHANG_TITLE = "Kalmurzaev at Music in PyeongChang"
LUCERNE_TITLE = "Kalmurzaev at Lucerne Festival"
# The Verbier Festival's radius clause, which the Lucerne concert breaks.
RADIUS_KM, RADIUS_DAYS = 150, 45
UNAVAILABLE = "Family holiday"

Kind = ScheduleItem.Kind


def _engagement(artist: Agent, title: str) -> Engagement:
    found = Engagement.objects.filter(artist=artist, title=title).first()
    if found is None:
        raise LookupError(f"“{title}” is not booked: load the bookings demo first.")
    return found


def _at(day: date, hour: int, minute: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def _city(venue: Venue) -> Place:
    city = hall_of(venue).parent
    assert city is not None  # hall_of puts every hall in its city
    return city


def _airport_city(name: str, code: str, lat: float, lon: float) -> Place:
    country_name, zone = COUNTRIES[code]
    country = place_ensure(name=country_name, kind=Place.Kind.COUNTRY, country_code=code)
    return place_ensure(
        name=name,
        kind=Place.Kind.CITY,
        parent=country,
        country_code=code,
        latitude=lat,
        longitude=lon,
        timezone=zone,
    )


def _calls(
    engagement: Engagement, zone: str, *calls: tuple[str, date, tuple[int, int], tuple[int, int]]
) -> None:
    """Rehearsals and calls at the venue: (kind, day, (start h, m), (end h, m))."""
    for kind, day, (h1, m1), (h2, m2) in calls:
        if ScheduleItem.objects.filter(engagement=engagement, kind=kind, day=day).exists():
            continue
        schedule_item_add(
            engagement=engagement,
            kind=kind,
            day=day,
            starts_at=_at(day, h1, m1, zone),
            ends_at=_at(day, h2, m2, zone),
        )


def _leg(
    artist: Agent,
    origin: Place,
    destination: Place,
    departs_at: datetime,
    arrives_at: datetime,
    **details: Any,
) -> None:
    if TravelLeg.objects.filter(artist=artist, departs_at=departs_at, origin=origin).exists():
        return
    travel_leg_add(
        artist=artist,
        origin=origin,
        destination=destination,
        departs_at=departs_at,
        arrives_at=arrives_at,
        **details,
    )


def _stay(artist: Agent, name: str, check_in: date, nights: int, **details: Any) -> None:
    if HotelStay.objects.filter(artist=artist, name=name, check_in=check_in).exists():
        return
    hotel_stay_add(
        artist=artist,
        name=name,
        check_in=check_in,
        check_out=check_in + timedelta(days=nights),
        **details,
    )


def _ends(engagement: Engagement, hour: int, minute: int, zone: str) -> None:
    """The concert's end (its start as booked), so that the evening's length is known."""
    performance = engagement.performances.get()
    assert performance.starts_at is not None  # demo.py books every evening with its time
    ends = _at(performance.date, hour, minute, zone)
    performance_times_set(performance=performance, starts_at=performance.starts_at, ends_at=ends)


def _carnegie(artist: Agent) -> None:
    engagement = _engagement(artist, CARNEGIE_TITLE)
    ny = "America/New_York"
    day = engagement.performances.get().date
    _ends(engagement, 22, 0, ny)
    _calls(
        engagement,
        ny,
        (Kind.ORCHESTRA, day - timedelta(days=1), (10, 0), (13, 0)),
        (Kind.DRESS, day, (10, 0), (12, 30)),
    )
    engagement_dress_set(engagement=engagement, dress="White tie and tails")
    moscow = Place.objects.get(name="Moscow", kind=Place.Kind.CITY)
    new_york = Place.objects.get(name="New York City", kind=Place.Kind.CITY)
    out, back = day - timedelta(days=3), day + timedelta(days=1)
    aeroflot = {"mode": TravelLeg.Mode.AIR, "carrier": "Aeroflot", "engagement": engagement}
    _leg(
        artist,
        moscow,
        new_york,
        _at(out, 10, 50, "Europe/Moscow"),
        _at(out, 12, 55, ny),
        reference="SU 100",
        **aeroflot,
    )
    _leg(
        artist,
        new_york,
        moscow,
        _at(back, 19, 35, ny),
        _at(back + timedelta(days=1), 12, 20, "Europe/Moscow"),
        reference="SU 101",
        **aeroflot,
    )
    _stay(
        artist,
        "Park Central Hotel",
        out,
        4,
        place=new_york,
        engagement=engagement,
        address="870 Seventh Avenue, New York, NY 10019",
    )


def _summer(artist: Agent, summer: int) -> None:
    def day(month: int, number: int) -> date:
        return date(summer, month, number)

    rheingau = _engagement(artist, RHEINGAU_TITLE)
    _calls(rheingau, RHEINGAU.timezone, (Kind.BALANCE, day(7, 10), (16, 0), (17, 0)))

    verbier = _engagement(artist, VERBIER_TITLE)
    zurich_zone = VERBIER.timezone
    _leg(
        artist,
        _city(RHEINGAU),
        _city(VERBIER),
        _at(day(7, 22), 8, 4, RHEINGAU.timezone),
        _at(day(7, 22), 15, 1, zurich_zone),
        mode=TravelLeg.Mode.RAIL,
        carrier="DB, SBB",
        reference="ICE 371, IR 90",
        engagement=verbier,
    )
    _stay(
        artist,
        "Hôtel Chalet d'Adrien",
        day(7, 22),
        3,
        place=_city(VERBIER),
        engagement=verbier,
        address="Chemin des Creux 24, 1936 Verbier",
    )
    _calls(
        verbier,
        zurich_zone,
        (Kind.ORCHESTRA, day(7, 23), (10, 0), (13, 0)),
        (Kind.DRESS, day(7, 24), (10, 0), (12, 30)),
    )
    _ends(verbier, 21, 45, zurich_zone)
    engagement_update(engagement=verbier, radius_km=RADIUS_KM, radius_days=RADIUS_DAYS)

    # PyeongChang's call: its orchestra's first rehearsal the morning after Verbier's
    # concert, the evening of his own still to be agreed (the hold has no date yet).
    pyeongchang = _engagement(artist, PYEONGCHANG_TITLE)
    seoul_zone = PYEONGCHANG.timezone
    _calls(pyeongchang, seoul_zone, (Kind.ORCHESTRA, day(7, 25), (10, 0), (12, 30)))
    seoul = _airport_city("Seoul", "KR", 37.5665, 126.978)
    zurich = _airport_city("Zürich", "CH", 47.3769, 8.5417)
    _leg(
        artist,
        seoul,
        zurich,
        _at(day(7, 27), 13, 10, seoul_zone),
        _at(day(7, 27), 19, 20, zurich_zone),
        mode=TravelLeg.Mode.AIR,
        carrier="Korean Air",
        reference="KE 917",
        engagement=pyeongchang,
    )

    away = _at(day(8, 10), 0, 0, zurich_zone)
    if not Unavailability.objects.filter(artist=artist, starts_at=away).exists():
        unavailability_add(
            artist=artist,
            starts_at=away,
            ends_at=away + timedelta(days=7),
            all_day=True,
            reason=UNAVAILABLE,
        )

    lucerne = _engagement(artist, LUCERNE_TITLE)
    _leg(
        artist,
        _city(SCHLESWIG_HOLSTEIN),
        _city(LUCERNE),
        _at(day(8, 19), 7, 28, SCHLESWIG_HOLSTEIN.timezone),
        _at(day(8, 19), 17, 5, zurich_zone),
        mode=TravelLeg.Mode.RAIL,
        carrier="DB, SBB",
        reference="ICE 75",
        engagement=lucerne,
    )
    _stay(
        artist,
        "Hotel Schweizerhof Luzern",
        day(8, 19),
        3,
        place=_city(LUCERNE),
        engagement=lucerne,
        address="Schweizerhofquai 3, 6002 Luzern",
    )
    _calls(
        lucerne,
        zurich_zone,
        (Kind.ORCHESTRA, day(8, 20), (10, 0), (13, 0)),
        (Kind.DRESS, day(8, 21), (10, 0), (12, 30)),
    )
    _ends(lucerne, 21, 45, zurich_zone)
    engagement_dress_set(engagement=lucerne, dress="Black tie")


def load_calendar_demo(*, artist: Agent, summer: int) -> None:
    """Add the calendar to the booked demo (inside `load_bookings_demo`'s transaction)."""
    _carnegie(artist)
    _summer(artist, summer)
