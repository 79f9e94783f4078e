"""A small world for planning from the record: an artist based in Vienna, halls in Vienna,
Salzburg, Berlin and Tokyo (positions on their cities, as the record keeps them), and a
helper that books an engagement through the services in the state a test asks for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from cadenza.engagements.deals import deal_set
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.services import engagement_create, engagement_move, engagement_update
from cadenza.people.models import Agent
from cadenza.places.models import Place
from tests.factories import AgentFactory, OrganisationFactory

CITIES = {  # name: (latitude, longitude, zone)
    "Vienna": (48.2082, 16.3738, "Europe/Vienna"),
    "Salzburg": (47.8095, 13.055, "Europe/Vienna"),
    "Berlin": (52.52, 13.405, "Europe/Berlin"),
    "Tokyo": (35.6762, 139.6503, "Asia/Tokyo"),
}


@pytest.fixture
def halls() -> dict[str, Place]:
    """A hall in each city; the hall has no position of its own, its city has."""
    found = {}
    for name, (lat, lon, zone) in CITIES.items():
        city = Place.objects.create(
            name=name, kind=Place.Kind.CITY, latitude=lat, longitude=lon, timezone=zone
        )
        found[name] = Place.objects.create(
            name=f"{name} Konzerthaus", kind=Place.Kind.BUILDING, parent=city
        )
    return found


@pytest.fixture
def artist(halls: dict[str, Place]) -> Agent:
    return AgentFactory(name="Anna Planner", based_in=halls["Vienna"].parent)


Book = Callable[..., Engagement]


@pytest.fixture
def book(artist: Agent, halls: dict[str, Place]) -> Book:
    """`book("Salzburg", State.HOLD, [days], fee=..)`: an engagement of the artist in that
    state: held on each day (inquiries: performances on them), with a deal when `fee` is
    given (or the state needs one), contracted ones with a performance on the day."""

    def make(
        city: str,
        state: str,
        days: list[date],
        *,
        fee: int | None = 10000,
        currency: str = "EUR",
        title: str = "",
        **details: Any,
    ) -> Engagement:
        contracted = state in (State.CONTRACTED, State.CONFIRMED)
        e = engagement_create(
            artist=artist,
            presenter=OrganisationFactory(),
            venue=halls[city],
            title=title or f"{city} {state} {days[0]}",
            dates=days if state == State.INQUIRY or contracted else (),
        )
        if details:
            engagement_update(engagement=e, **details)
        if state != State.INQUIRY:
            hold_place(engagement=e, dates=days)
        if fee is not None:
            deal_set(engagement=e, currency=currency, guarantee=Decimal(fee))
        for step in (State.OFFERED, State.CONTRACTED, State.CONFIRMED):
            if e.state == state:
                break
            engagement_move(engagement=e, to_state=step)
        e.refresh_from_db()
        assert e.state == state
        return e

    return make
