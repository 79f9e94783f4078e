"""The demo's calendar: Carnegie Hall's rehearsals and flights, and a summer in which one
connection cannot be made and one radius clause is broken, and nothing else is wrong."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
from cadenza.engagements.commitments import Commitment, commitments, point_of
from cadenza.engagements.conflicts import problems
from cadenza.engagements.demo import load_bookings_demo, summer_of
from cadenza.engagements.demo_calendar import (
    CARNEGIE_TITLE,
    LUCERNE_TITLE,
    PYEONGCHANG_TITLE,
    VERBIER_TITLE,
)
from cadenza.engagements.models import Engagement, HotelStay, State
from cadenza.engagements.travel import distance_km, door_to_door
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")


@pytest.fixture
def artist() -> Agent:
    load_demo()
    load_bookings_demo()
    return Agent.objects.get(name="Alessio Kalmurzaev")


def _summer(artist: Agent) -> list[Commitment]:
    year = summer_of(timezone.localdate())
    return commitments(start=date(year, 6, 1), end=date(year, 8, 31), artist_ids=[artist.pk])


def _where(commitment: Commitment, end: bool):
    """Where a commitment leaves the artist (end) or needs him (start)."""
    place = commitment.place if end or commitment.origin is None else commitment.origin
    return point_of(place)


def _impossible(found: list[Commitment]) -> list[tuple[Commitment, Commitment]]:
    """Consecutive commitments in different places with less time between than the
    door-to-door model needs (the rule `cadenza check` applies)."""
    placed = [c for c in found if c.place is not None]
    pairs = []
    for before, after in pairwise(placed):
        a, b = _where(before, end=True), _where(after, end=False)
        if a and b and after.starts - before.ends < door_to_door(a, b):
            pairs.append((before, after))
    return pairs


def test_carnegie_has_its_rehearsals_flights_and_hotel(artist):
    carnegie = Engagement.objects.get(title=CARNEGIE_TITLE)
    concert = carnegie.performances.get()
    assert concert.ends_at - concert.starts_at == timedelta(hours=2)
    calls = [
        (i.kind, i.day - concert.date, i.starts_at.astimezone(NY).strftime("%H:%M"))
        for i in carnegie.schedule.all()
    ]
    assert calls == [
        (ScheduleItem.Kind.ORCHESTRA, timedelta(days=-1), "10:00"),
        (ScheduleItem.Kind.DRESS, timedelta(0), "10:00"),
    ]
    out, back = TravelLeg.objects.filter(engagement=carnegie).order_by("departs_at")
    assert (out.origin.name, out.destination.name, out.reference) == (
        "Moscow",
        "New York City",
        "SU 100",
    )
    assert (back.origin.name, back.destination.name) == ("New York City", "Moscow")
    # Landed before the first rehearsal, with the day of rest eight hours of jet lag need.
    first_call = carnegie.schedule.first()
    assert out.arrives_at + timedelta(days=1) < first_call.starts_at
    assert back.departs_at > concert.ends_at
    (stay,) = HotelStay.objects.filter(engagement=carnegie)
    assert stay.check_in == out.arrives_at.astimezone(NY).date()
    assert stay.check_out == back.departs_at.astimezone(NY).date()
    assert carnegie.dress == "White tie and tails"


def test_the_summer_has_exactly_one_connection_that_cannot_be_made(artist):
    found = _summer(artist)
    ((before, after),) = _impossible(found)
    assert (before.kind, before.engagement.title) == ("performance", VERBIER_TITLE)
    assert (after.kind, after.engagement.title) == ("rehearsal", PYEONGCHANG_TITLE)
    gap = after.starts - before.ends
    needed = door_to_door(point_of(before.place), point_of(after.place))
    assert gap == timedelta(hours=5, minutes=15)
    assert needed > timedelta(hours=14)
    # The tentative side is flagged as such: PyeongChang is still a hold.
    assert after.is_hold and not before.is_hold


def test_the_problems_name_the_commitments_they_involve(artist):
    year = summer_of(timezone.localdate())
    found = problems(start=date(year, 6, 1), end=date(year, 8, 31), artist_ids=[artist.pk])
    (travel,) = [p for p in found if p.kind == "travel"]
    ((before, after),) = _impossible(_summer(artist))
    assert travel.rows == (before.row, after.row)
    assert [kind for kind, _ in travel.rows] == ["Performance", "ScheduleItem"]
    (radius,) = [p for p in found if p.kind == "radius"]
    lucerne = Engagement.objects.get(title=LUCERNE_TITLE).performances.get()
    assert ("Performance", lucerne.pk) in radius.rows and len(radius.rows) == 2


def test_nothing_else_in_the_summer_overlaps_or_lacks_a_rehearsal(artist):
    found = _summer(artist)
    for a, b in pairwise(found):
        assert b.starts >= a.ends, (a.label, b.label)
    for performance in (c for c in found if c.kind == "performance"):
        before = [
            c
            for c in found
            if c.kind == "rehearsal"
            and c.engagement == performance.engagement
            and c.starts < performance.starts
        ]
        assert before, performance.label
    (away,) = Unavailability.objects.filter(artist=artist)
    assert away.ends_at - away.starts_at == timedelta(days=7) and away.all_day
    assert [c for c in found if c.kind == "unavailable"] != []


def test_one_radius_clause_is_broken_by_the_lucerne_concert(artist):
    clauses = Engagement.objects.filter(artist=artist, radius_km__isnull=False)
    (verbier,) = clauses
    assert verbier.title == VERBIER_TITLE and verbier.state == State.CONTRACTED
    performances = [c for c in _summer(artist) if c.kind == "performance"]
    protected = next(c for c in performances if c.engagement.pk == verbier.pk)
    breaking = [
        c.engagement.title
        for c in performances
        if c.engagement.pk != verbier.pk
        and abs((c.starts - protected.starts).days) <= verbier.radius_days
        and distance_km(point_of(c.place), point_of(protected.place)) <= verbier.radius_km
    ]
    assert breaking == [LUCERNE_TITLE]
    assert Engagement.objects.get(title=LUCERNE_TITLE).state == State.CONFIRMED


def test_loading_the_calendar_again_adds_nothing(artist):
    def counts() -> list[object]:
        return [
            ScheduleItem.objects.count(),
            TravelLeg.objects.count(),
            HotelStay.objects.count(),
            Unavailability.objects.count(),
            sorted(Engagement.objects.values_list("pk", "version", "dress", "radius_km")),
        ]

    before = counts()
    load_bookings_demo()
    assert counts() == before
    assert before[:4] == [8, 5, 3, 1]


def test_every_time_is_read_in_its_own_place_s_zone(artist):
    leg = TravelLeg.objects.get(reference="KE 917")
    assert leg.departs_at.astimezone(ZoneInfo("Asia/Seoul")).strftime("%H:%M") == "13:10"
    assert leg.arrives_at.astimezone(ZoneInfo("Europe/Zurich")).strftime("%H:%M") == "19:20"
    assert leg.arrives_at - leg.departs_at == timedelta(hours=13, minutes=10)
    assert leg.departs_at.tzinfo is not None and leg.departs_at.utcoffset() == timedelta(0)
    assert datetime.now(UTC) < leg.departs_at
