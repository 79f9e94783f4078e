"""The season planner's demo: Kalmurzaev's offers for the summer after next, the sixteen of
../shared/planning/example-summer.json entered as engagements (the example's halls, dates,
fees in euros, rehearsal days, radius clauses and unavailable days), and one plan of them
solved, so the planner's page has a route and its reasons to show at once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from cadenza.engagements.availability import artist_zone, unavailability_add
from cadenza.engagements.calendar_models import Unavailability
from cadenza.engagements.deals import deal_set
from cadenza.engagements.demo import KALMURZAEV, summer_of
from cadenza.engagements.demo_venues import COUNTRIES, presenter_ensure
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.services import engagement_create, engagement_move, engagement_update
from cadenza.people.models import Agent
from cadenza.people.services import agent_ensure
from cadenza.places.models import Place
from cadenza.places.services import place_ensure
from cadenza.seasons.models import PlanRun
from cadenza.seasons.runs import run_solve, run_start


class Offer(NamedTuple):
    presenter: str
    hall: str
    city: str
    country: str
    lat: float
    lon: float
    dates: tuple[tuple[int, int], ...]  # (month, day)
    fee: int
    rehearsal_days: int
    state: str
    radius: tuple[int, int] | None = None
    tz: str = ""


HOLD, OFFERED, CONTRACTED = State.HOLD, State.OFFERED, State.CONTRACTED
OFFERS = [
    Offer("Stars of the White Nights", "Mariinsky Concert Hall", "Saint Petersburg", "RU",
          59.927, 30.296, ((6, 18),), 12000, 1, CONTRACTED),
    Offer("Moscow Philharmonic", "Tchaikovsky Concert Hall", "Moscow", "RU",
          55.77, 37.595, ((6, 6), (6, 9)), 6000, 1, HOLD),
    Offer("Esplanade", "Esplanade Concert Hall", "Singapore", "SG",
          1.2897, 103.8555, ((6, 26), (8, 28)), 19000, 1, HOLD),
    Offer("Festival d'Aix-en-Provence", "Grand Théâtre de Provence", "Aix-en-Provence", "FR",
          43.524, 5.4386, ((7, 8), (7, 11)), 17000, 2, OFFERED),
    Offer("Pacific Music Festival", "Sapporo Concert Hall Kitara", "Sapporo", "JP",
          43.048, 141.348, ((7, 12), (7, 18)), 22000, 2, HOLD),
    Offer("Suntory Hall", "Suntory Hall", "Tokyo", "JP",
          35.668, 139.741, ((7, 15), (8, 25)), 26000, 1, OFFERED, (1000, 30)),
    Offer("Schleswig-Holstein Musik Festival", "Musik- und Kongresshalle Lübeck", "Lübeck", "DE",
          53.87, 10.685, ((7, 16), (8, 6)), 11000, 1, HOLD),
    Offer("Verbier Festival", "Salle des Combins", "Verbier", "CH",
          46.0961, 7.2286, ((7, 20), (7, 22)), 18000, 1, OFFERED, (300, 21)),
    Offer("Ravinia Festival", "Ravinia Pavilion", "Highland Park", "US",
          42.157, -87.778, ((7, 24), (7, 27)), 25000, 1, HOLD, tz="America/Chicago"),
    Offer("Tanglewood", "Koussevitzky Music Shed", "Lenox", "US",
          42.3497, -73.3106, ((7, 25), (7, 31)), 35000, 2, OFFERED, tz="America/New_York"),
    Offer("BBC Proms", "Royal Albert Hall", "London", "GB",
          51.5009, -0.1774, ((7, 28), (8, 12)), 15000, 1, HOLD),
    Offer("Music in PyeongChang", "Alpensia Concert Hall", "Pyeongchang", "KR",
          37.658, 128.672, ((7, 30), (8, 3)), 20000, 1, HOLD),
    Offer("Salzburg Festival", "Großes Festspielhaus", "Salzburg", "AT",
          47.7985, 13.0408, ((8, 1), (8, 8)), 28000, 2, OFFERED),
    Offer("Gstaad Menuhin Festival", "Saanen Church", "Gstaad", "CH",
          46.4898, 7.259, ((8, 2), (8, 5)), 14000, 1, HOLD),
    Offer("Edinburgh International Festival", "Usher Hall", "Edinburgh", "GB",
          55.9469, -3.205, ((8, 14), (8, 16)), 16000, 1, HOLD),
    Offer("Lucerne Festival", "KKL Luzern", "Luzern", "CH",
          47.0502, 8.3115, ((8, 20), (8, 22)), 30000, 2, OFFERED, (200, 30)),
]  # fmt: skip
UNAVAILABLE = ((7, 1), (7, 4), "His daughter's wedding")


def season_year(today: date) -> int:
    """The summer after next: the one a manager is filling now."""
    return summer_of(today) + 1


def season_title(offer: Offer, year: int) -> str:
    return f"{offer.presenter} {year}"


def _hall(offer: Offer) -> Place:
    name, country_zone = COUNTRIES[offer.country]
    zone = offer.tz or country_zone
    country = place_ensure(name=name, kind=Place.Kind.COUNTRY, country_code=offer.country)
    city = place_ensure(
        name=offer.city, kind=Place.Kind.CITY, parent=country, country_code=offer.country,
        latitude=offer.lat, longitude=offer.lon, timezone=zone,
    )  # fmt: skip
    # The hall's own position (the example's), which the planner measures from.
    return place_ensure(
        name=offer.hall, kind=Place.Kind.BUILDING, parent=city, country_code=offer.country,
        latitude=offer.lat, longitude=offer.lon, timezone=zone,
    )  # fmt: skip


def _book(artist: Agent, offer: Offer, year: int, today: date) -> None:
    title = season_title(offer, year)
    if Engagement.objects.filter(artist=artist, title=title).exists():
        return
    hall = _hall(offer)
    days = [date(year, month, day) for month, day in offer.dates]
    contracted = offer.state == CONTRACTED
    e = engagement_create(
        artist=artist,
        presenter=presenter_ensure(offer.presenter, hall.parent),
        venue=hall,
        title=title,
        dates=days if contracted else (),
    )
    radius = {"radius_km": offer.radius[0], "radius_days": offer.radius[1]} if offer.radius else {}
    engagement_update(engagement=e, rehearsal_days=offer.rehearsal_days, **radius)
    hold_place(engagement=e, dates=days, expires_on=today + timedelta(days=60))
    deal_set(engagement=e, currency="EUR", guarantee=Decimal(offer.fee))
    if offer.state in (OFFERED, CONTRACTED):
        engagement_move(engagement=e, to_state=State.OFFERED)
    if contracted:
        engagement_move(engagement=e, to_state=State.CONTRACTED)


@transaction.atomic
def load_season_demo() -> PlanRun:
    """Book the offers (those not booked yet) and plan them once; a second run changes
    nothing and returns the plan made first."""
    today = timezone.localdate()
    year = season_year(today)
    moscow = Place.objects.filter(name="Moscow", kind=Place.Kind.CITY).first()
    artist = agent_ensure(name=KALMURZAEV, based_in=moscow)
    for offer in OFFERS:
        _book(artist, offer, year, today)
    (first_month, first_day), (last_month, last_day), reason = UNAVAILABLE
    zone = artist_zone(artist)
    away = datetime.combine(date(year, first_month, first_day), time(0), tzinfo=zone)
    back = datetime.combine(date(year, last_month, last_day + 1), time(0), tzinfo=zone)
    if not Unavailability.objects.filter(artist=artist, starts_at=away).exists():
        unavailability_add(artist=artist, starts_at=away, ends_at=back, all_day=True, reason=reason)
    start, end = date(year, 6, 1), date(year, 8, 31)
    run = PlanRun.objects.filter(artist=artist, season_start=start, season_end=end).last()
    if run is None:
        run = run_start(artist=artist, start=start, end=end)
        run_solve(run.pk)  # here, not in the background: the demo's page shows it at once
        run.refresh_from_db()
    return run
