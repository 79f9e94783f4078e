"""The booking world of the API's tests: one engagement with a note, a hold and a deal,
and a user (with a read-write token) in each role, as tests/web/test_booking_access.py."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cadenza.accounts.models import ApiToken, ArtistAccess
from cadenza.accounts.services import token_create
from cadenza.engagements.deals import deal_set
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement
from cadenza.engagements.services import engagement_update
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    EngagementFactory,
    OrganisationFactory,
    PresenterAccessFactory,
    UserFactory,
)

NOTE = "Wants the Steinway D from the basement"
HELD = date(2027, 6, 1)
ROLES = (
    "the artist",
    "the artist, shown fees",
    "another artist",
    "their manager",
    "another roster's manager",
    "the presenter's user",
    "another presenter's user",
    "staff",
)


class Caller:
    """A client that sends one user's token on every request, and reads JSON."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(path, headers={**self.headers, **headers})

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        return getattr(self.client, method)(
            path,
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers={**self.headers, **headers},
        )

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.send("post", path, body, **headers)


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    artist, other_artist = AgentFactory(name="Ilse Varga"), AgentFactory(name="Tomas Rell")
    presenter, other_presenter = OrganisationFactory(), OrganisationFactory()
    engagement = EngagementFactory(artist=artist, presenter=presenter, title="Varga recital")
    engagement_update(engagement=engagement, notes=NOTE)
    hold_place(engagement=engagement, dates=[HELD])
    deal_set(
        engagement=engagement, currency="USD", guarantee=Decimal("12345"), commission_rate="15"
    )
    other = EngagementFactory(artist=other_artist, presenter=other_presenter, title="Rell duo")

    def access(agent: Any, role: str, **extra: Any) -> Any:
        return ArtistAccessFactory(agent=agent, role=role, **extra).user

    users = {
        "the artist": access(artist, ArtistAccess.Role.ARTIST),
        "the artist, shown fees": access(artist, ArtistAccess.Role.ARTIST, sees_fees=True),
        "another artist": access(other_artist, ArtistAccess.Role.ARTIST),
        "their manager": access(artist, ArtistAccess.Role.MANAGER),
        "another roster's manager": access(other_artist, ArtistAccess.Role.MANAGER),
        "the presenter's user": PresenterAccessFactory(organisation=presenter).user,
        "another presenter's user": PresenterAccessFactory(organisation=other_presenter).user,
        "staff": UserFactory(is_staff=True),
    }
    callers = {role: Caller(token_create(user=u, name="crm")[1]) for role, u in users.items()}
    _, read_only = token_create(user=users["their manager"], name="reports", read_only=True)
    callers["read-only token"] = Caller(read_only)
    expired, secret = token_create(user=users["their manager"], name="old")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    callers["expired token"] = Caller(secret)
    callers["anonymous"] = Caller(None)
    return {
        "engagement": Engagement.objects.get(pk=engagement.pk),
        "other": other,
        "artist": artist,
        "other_artist": other_artist,
        "presenter": presenter,
        "users": users,
        "callers": callers,
    }
