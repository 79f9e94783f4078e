"""The booking pages run a fixed number of queries, however many engagements, holds,
dates, programme lines, payments and changes they show."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadenza.engagements.deals import deal_set, expense_add
from cadenza.engagements.holds import hold_place
from cadenza.engagements.services import performance_add, programme_set
from tests.factories import ArtistAccessFactory, EngagementFactory, WorkFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def engagement_of_size(artist, size: int):
    engagement = EngagementFactory(artist=artist)
    start = date(2027, 7, 1)
    for n in range(size):
        performance_add(engagement=engagement, day=start + timedelta(days=n))
    hold_place(engagement=engagement, dates=[start + timedelta(days=n) for n in range(size)])
    programme_set(engagement=engagement, entries=[WorkFactory() for _ in range(size)])
    deal_set(engagement=engagement, currency="EUR", guarantee=Decimal("9000"))
    for n in range(size):
        expense_add(engagement=engagement, description=f"Taxi {n}", amount="40", paid_by="artist")
    return engagement


def test_the_engagement_page_costs_the_same_for_2_and_8_of_everything(client):
    access = ArtistAccessFactory(role="manager")
    client.force_login(access.user)
    counts = []
    for size in (2, 8):
        engagement = engagement_of_size(access.agent, size)
        count, page = queries(client, engagement.get_absolute_url())
        assert f"Taxi {size - 1}: " in page and f"Taxi {size}: " not in page
        counts.append(count)
    assert counts[0] == counts[1]


def test_the_dashboard_and_the_list_cost_the_same_for_2_and_8_engagements(client):
    access = ArtistAccessFactory(role="manager")
    client.force_login(access.user)
    made = 0
    counts: dict[str, list[int]] = {"bookings": [], "engagements": []}
    for size in (2, 8):
        while made < size:
            engagement_of_size(access.agent, 1)
            made += 1
        for name in counts:
            count, page = queries(client, reverse(name))
            counts[name].append(count)
        assert page.count('href="/bookings/engagements/') - page.count("/new/") >= size
    assert counts["bookings"][0] == counts["bookings"][1]
    assert counts["engagements"][0] == counts["engagements"][1]
