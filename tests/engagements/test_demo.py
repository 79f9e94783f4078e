"""The bookings demo: Carnegie Hall as it happened, a summer in every state, the logins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from cadenza.accounts.models import User
from cadenza.engagements.access import Sight, sight
from cadenza.engagements.demo import (
    ARTIST_LOGIN,
    CARNEGIE_EVENT,
    CARNEGIE_TITLE,
    MANAGER_LOGIN,
    PRESENTER_LOGIN,
    demo_logins,
    load_bookings_demo,
    summer_of,
)
from cadenza.engagements.models import Change, Engagement, Hold, State
from cadenza.engagements.selectors import figures_of
from cadenza.events.models import Event
from cadenza.ingest.demo import load_demo
from cadenza.ingest.models import Citation, Source
from cadenza.people.models import Agent
from cadenza.press.selectors import agent_career
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked() -> dict[str, int]:
    load_demo()
    return load_bookings_demo()


def _kalmurzaev() -> Agent:
    return Agent.objects.get(name="Alessio Kalmurzaev")


def _carnegie() -> Engagement:
    return Engagement.objects.get(title=CARNEGIE_TITLE)


def test_the_carnegie_invitation_goes_from_inquiry_to_settled(booked):
    engagement = _carnegie()
    assert (engagement.presenter.name, engagement.presenter.kind) == (
        "Carnegie Hall",
        "organisation",
    )
    moves = engagement.changes.filter(kind=Change.Kind.STATE).values_list("to_value", flat=True)
    assert list(moves) == [
        State.INQUIRY,
        State.HOLD,
        State.OFFERED,
        State.CONTRACTED,
        State.CONFIRMED,
        State.COMPLETED,
        State.SETTLED,
    ]
    (performance,) = engagement.performances.all()
    assert performance.date < timezone.localdate()
    (withholding,) = engagement.deal.withholdings.all()
    assert (withholding.jurisdiction, withholding.rate) == ("United States (NRA withholding)", 30)


def test_the_carnegie_settlement_adds_up(booked):
    figures = figures_of(_carnegie())
    assert figures is not None and figures.currency == "USD"
    assert figures.fee == Decimal("10000.00")
    assert figures.withheld == Decimal("3000.00")
    assert figures.commission == Decimal("1500.00")
    assert figures.artist_net == Decimal("5500.00")
    assert figures.paid == Decimal("7000.00") and figures.outstanding == 0


def test_the_carnegie_concert_is_the_biography_s_one_event_on_his_timeline(booked):
    (told,) = Event.objects.filter(name=CARNEGIE_EVENT)
    assert _carnegie().performances.get().event == told
    # Published: dated by the booking, its place in the story kept, cited to both sources.
    assert told.narrative_order == 80 and told.date.year == timezone.localdate().year - 3
    assert _carnegie().published
    sources = set(
        Citation.objects.filter(object_id=told.pk, content_type__model="event").values_list(
            "source__kind", flat=True
        )
    )
    assert sources == {Source.Kind.DOCUMENT, Source.Kind.ENGAGEMENT}
    career = agent_career(agent=_kalmurzaev())
    concerts = [
        entry.fact.event
        for entry in career.timeline
        if entry.kind == "performance"
        and entry.fact.event.venue is not None
        and "Carnegie Hall" in entry.fact.event.venue.name
    ]
    assert concerts == [told]


def test_every_state_is_among_the_festival_offers(booked):
    festivals = Engagement.objects.filter(artist=_kalmurzaev()).exclude(title=CARNEGIE_TITLE)
    states = set(festivals.values_list("state", flat=True))
    assert states == {
        State.INQUIRY,
        State.HOLD,
        State.OFFERED,
        State.CONTRACTED,
        State.CONFIRMED,
        State.DECLINED,
        State.RELEASED,
        State.CANCELLED,
    }
    summer = summer_of(timezone.localdate())
    days = festivals.exclude(performances=None).values_list("performances__date", flat=True)
    assert all(day.year == summer and 6 <= day.month <= 8 for day in days)
    assert all(day > timezone.localdate() for day in days)
    cancelled = festivals.get(state=State.CANCELLED)
    assert cancelled.changes.get(to_value=State.CANCELLED).reason
    offered = festivals.get(state=State.OFFERED)
    assert offered.deal.currency == "EUR"
    assert [(w.jurisdiction, w.rate) for w in offered.deal.withholdings.all()] == [
        ("Germany (§50a EStG)", Decimal("15.825"))
    ]
    assert festivals.filter(holds__date=None, holds__status=Hold.Status.ACTIVE).count() == 1


def test_a_released_first_hold_promotes_another_festival_s_second(booked):
    released = Engagement.objects.get(title="Kalmurzaev at the Salzburg Festival")
    promoted = Engagement.objects.get(title="Kalmurzaev at the Schleswig-Holstein Musik Festival")
    assert released.state == State.RELEASED
    (hold,) = promoted.holds.all()
    assert (hold.rank, hold.status, hold.date) == (1, Hold.Status.ACTIVE, released.holds.get().date)
    promotion = promoted.changes.get(reason__startswith="Promoted")
    assert promotion.from_value.startswith("2nd hold") and promotion.to_value.startswith("1st")


def test_the_venues_are_halls_in_their_cities_with_time_zones(booked):
    festivals = Engagement.objects.exclude(title=CARNEGIE_TITLE).select_related("venue__parent")
    for engagement in festivals:
        assert engagement.venue is not None and engagement.venue.timezone
        assert engagement.venue.parent.kind == "city"
    assert _carnegie().venue.name == "Stern Auditorium / Perelman Stage"


def _snapshot() -> dict[str, list[tuple]]:
    return {
        model._meta.label: sorted(map(tuple, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.app_label in {"engagements", "events", "places", "people", "press"}
        and model._meta.label != "engagements.Engagement"  # its `updated` is a timestamp
    }


def test_loading_twice_changes_nothing(booked):
    before = _snapshot()
    engagements = list(Engagement.objects.values_list("pk", "state", "version"))
    load_demo()
    assert load_bookings_demo() == booked
    assert _snapshot() == before
    assert list(Engagement.objects.values_list("pk", "state", "version")) == engagements
    assert booked["engagements"] == 11


@pytest.mark.parametrize("today", [date(2026, 12, 5), date(2027, 3, 1), date(2027, 7, 15)])
def test_the_demo_works_whatever_the_day(today, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    load_demo()
    load_bookings_demo()
    assert _carnegie().state == State.SETTLED
    assert Engagement.objects.filter(state=State.CONFIRMED).get().performances.get().date > today


def test_the_logins_sign_in_and_see_what_their_role_allows(booked):
    logins = {login.username: login.password for login in demo_logins()}
    assert set(logins) == {MANAGER_LOGIN, ARTIST_LOGIN, PRESENTER_LOGIN}
    for username, password in logins.items():
        assert sign_in(Client(), username=username, password=password), username
    users = {name: User.objects.get(username=name) for name in logins}
    carnegie = _carnegie()
    inzaghi = Engagement.objects.get(artist__name="Alessio Leonardo Inzaghi")
    verbier = Engagement.objects.get(title="Kalmurzaev at the Verbier Festival")
    assert sight(user=users[MANAGER_LOGIN], engagement=inzaghi) == Sight.ALL
    assert sight(user=users[MANAGER_LOGIN], engagement=carnegie) == Sight.ALL
    assert sight(user=users[ARTIST_LOGIN], engagement=verbier) == Sight.ARTIST_WITH_FEES
    assert sight(user=users[ARTIST_LOGIN], engagement=inzaghi) == Sight.NONE
    assert sight(user=users[PRESENTER_LOGIN], engagement=carnegie) == Sight.PRESENTER
    assert sight(user=users[PRESENTER_LOGIN], engagement=verbier) == Sight.NONE
    assert not any(user.is_staff for user in users.values())


def test_each_run_makes_new_passwords(booked):
    first = {login.username: login.password for login in demo_logins()}
    second = {login.username: login.password for login in demo_logins()}
    for username in first:
        assert first[username] != second[username]
        assert not sign_in(Client(), username=username, password=first[username])
        assert sign_in(Client(), username=username, password=second[username])
