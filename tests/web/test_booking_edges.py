"""Edges of the booking pages found in review: what a presenter's dashboard and history
never tell, numbers and dates a form or a query cannot break, money due that is paid."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cadenza.accounts.models import ArtistAccess
from cadenza.engagements.deals import deal_set, payment_add
from cadenza.engagements.documents import document_add
from cadenza.engagements.holds import hold_challenge, hold_place, hold_release
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.selectors import statement
from cadenza.engagements.services import engagement_move, performance_add
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    CityFactory,
    EngagementFactory,
    OrganisationFactory,
    PlaceFactory,
    PresenterAccessFactory,
)

pytestmark = pytest.mark.django_db
DAY = date(2027, 7, 12)


def login(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def rivals():
    """One artist, two presenters holding the same day: ours 1st, the secret one 2nd."""
    artist = AgentFactory(name="Ilse Varga")
    ours_presenter = OrganisationFactory(name="Carnegie")
    ours = EngagementFactory(artist=artist, presenter=ours_presenter, title="Carnegie recital")
    secret = EngagementFactory(artist=artist, title="SECRET Salzburg recital")
    hold_place(engagement=ours, dates=[DAY])
    hold_place(engagement=secret, dates=[DAY])
    return ours, secret, PresenterAccessFactory(organisation=ours_presenter).user


def test_a_presenter_learns_of_a_challenge_but_not_whose(rivals):
    _ours, secret, presenter = rivals
    hold_challenge(hold=secret.holds.get(), respond_by=timezone.now() + timedelta(days=2))
    page = login(presenter).get(reverse("bookings")).content.decode()
    assert "SECRET" not in page
    assert "Your 1st hold on 12 Jul 2027 for" in page and "is challenged" in page


def test_a_promoted_presenter_is_not_told_whose_hold_went(rivals):
    ours, secret, _ = rivals
    hold_release(hold=ours.holds.get())
    other_presenter = PresenterAccessFactory(organisation=secret.presenter).user
    ours.title = "SECRET Carnegie"
    Engagement.objects.filter(pk=ours.pk).update(title="SECRET Carnegie")
    page = login(other_presenter).get(secret.get_absolute_url()).content.decode()
    assert "1st hold on 2027-07-12" in page and "SECRET Carnegie" not in page


def test_a_document_s_title_stays_with_those_who_see_documents():
    artist = AgentFactory()
    engagement = EngagementFactory(artist=artist)
    pdf = SimpleUploadedFile("side.pdf", b"%PDF-1.7\n", "application/pdf")
    document_add(engagement=engagement, title="SECRET side letter", upload=pdf, by=None)
    user = ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.ARTIST).user
    page = login(user).get(engagement.get_absolute_url()).content.decode()
    assert "SECRET side letter" not in page


ODD = ["?artist=%C2%B2", "?artist=" + "9" * 30, "?artist=-1", "?artist=1e3"]


@pytest.mark.parametrize("query", ODD)
def test_odd_numbers_leave_the_list_unfiltered(query):
    access = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    EngagementFactory(artist=access.agent, title="Still listed")
    response = login(access.user).get(reverse("engagements") + query)
    assert response.status_code == 200 and "Still listed" in response.content.decode()


@pytest.mark.parametrize("query", ODD)
def test_odd_numbers_name_no_artist_s_statement(query):
    access = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    EngagementFactory(artist=access.agent)
    response = login(access.user).get(reverse("statement") + query)
    assert response.status_code == 404 and "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("engagement-programme", {"remove": "²"}),
        ("engagement-programme", {"work": "²"}),
        ("engagement-details", {"title": "x", "radius_km": "9" * 25, "radius_days": "3"}),
        ("engagement-performance", {"day": "9999-12-31", "starts_at": "23:00"}),
    ],
)
def test_odd_input_in_a_form_is_named_not_a_500(action, data):
    access = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    hall = PlaceFactory(parent=CityFactory(timezone="America/New_York"))
    engagement = EngagementFactory(artist=access.agent, venue=hall)
    response = login(access.user).post(
        reverse(action, args=[engagement.pk]), {**data, "version": engagement.version}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_challenge_deadline_far_in_the_future_is_named():
    access = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    first = EngagementFactory(artist=access.agent)
    second = EngagementFactory(artist=access.agent)
    hold_place(engagement=first, dates=[DAY])
    (hold,) = hold_place(engagement=second, dates=[DAY])
    response = login(access.user).post(
        reverse("hold-action", args=[hold.pk, "challenge"]), {"respond_by": "9999-12-31T23:00"}
    )
    assert response.status_code == 400
    assert "Give a year between 1900 and 2200" in response.content.decode()


def test_a_statement_counts_an_engagement_in_the_period_of_its_last_performance():
    engagement = EngagementFactory(title="New Year concerts")
    for day in (date(2025, 12, 31), date(2026, 1, 1)):
        performance_add(engagement=engagement, day=day)
    deal_set(engagement=engagement, currency="EUR", guarantee=Decimal("900"))
    Engagement.objects.filter(pk=engagement.pk).update(state=State.COMPLETED)
    artist = engagement.artist
    in_2025 = statement(artist=artist, start=date(2025, 1, 1), end=date(2025, 12, 31))
    in_2026 = statement(artist=artist, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert (len(in_2025.rows), len(in_2026.rows)) == (0, 1)


def test_a_balance_paid_in_full_is_not_money_due():
    access = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    engagement = EngagementFactory(artist=access.agent, title="Paid up")
    yesterday = timezone.localdate() - timedelta(days=1)
    performance_add(engagement=engagement, day=yesterday)
    deal_set(engagement=engagement, currency="EUR", guarantee="1000", balance_due=yesterday)
    engagement_move(engagement=engagement, to_state=State.OFFERED)
    engagement_move(engagement=engagement, to_state=State.CONTRACTED)
    client = login(access.user)
    assert "balance due" in client.get(reverse("bookings")).content.decode()
    payment_add(engagement=engagement, paid_on=yesterday, amount="1000")
    assert "balance due" not in client.get(reverse("bookings")).content.decode()
