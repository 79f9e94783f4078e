"""Who may see the private side of an artist's record."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from cadenza.accounts.selectors import agents_private_to, user_can_view_private
from tests.factories import AgentFactory, ArtistAccessFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_nothing_private():
    agent = AgentFactory()
    assert not user_can_view_private(user=AnonymousUser(), agent=agent)
    assert list(agents_private_to(user=AnonymousUser())) == []


def test_staff_and_superusers_see_every_artist():
    agent = AgentFactory()
    for user in (UserFactory(is_staff=True), UserFactory(is_superuser=True)):
        assert user_can_view_private(user=user, agent=agent)
        assert agent in agents_private_to(user=user)


def test_artist_access_opens_that_artist_only():
    mine, theirs = AgentFactory(), AgentFactory()
    access = ArtistAccessFactory(agent=mine)
    assert user_can_view_private(user=access.user, agent=mine)
    assert not user_can_view_private(user=access.user, agent=theirs)
    assert list(agents_private_to(user=access.user)) == [mine]


def test_an_inactive_user_loses_access():
    access = ArtistAccessFactory(user=UserFactory(is_active=False, is_staff=True))
    assert not user_can_view_private(user=access.user, agent=access.agent)
