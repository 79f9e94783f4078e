"""Who may see the private side of an artist's record."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from cadenza.accounts.models import ArtistAccess
from cadenza.accounts.selectors import (
    agents_managed_by,
    agents_private_to,
    auto_promote_holds,
    user_can_view_private,
)
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    RosterArtistFactory,
    UserFactory,
)

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


def test_agents_managed_by_are_the_artists_a_user_manages_or_assists():
    managed, assisted, own = AgentFactory(), AgentFactory(), AgentFactory()
    user = UserFactory()
    ArtistAccessFactory(user=user, agent=managed, role=ArtistAccess.Role.MANAGER)
    ArtistAccessFactory(user=user, agent=assisted, role=ArtistAccess.Role.ASSISTANT)
    ArtistAccessFactory(user=user, agent=own, role=ArtistAccess.Role.ARTIST)
    ArtistAccessFactory(agent=AgentFactory())  # someone else's artist

    assert set(agents_managed_by(user=user)) == {managed, assisted}
    assert list(agents_managed_by(user=AnonymousUser())) == []
    user.is_active = False
    assert list(agents_managed_by(user=user)) == []


def test_staff_manage_the_agencys_artists_not_the_whole_archive():
    with_login = ArtistAccessFactory(role=ArtistAccess.Role.ARTIST).agent
    on_roster = RosterArtistFactory().agent
    AgentFactory(name="Historical Conductor")  # in the archive, managed by nobody
    ArtistAccessFactory(agent=with_login)  # a second login: the artist comes once

    managed = list(agents_managed_by(user=UserFactory(is_staff=True)))
    assert sorted(managed, key=lambda a: a.pk) == [with_login, on_roster]


def test_the_hold_setting_follows_the_artist_s_roster():
    free, north, south = AgentFactory(), AgentFactory(), AgentFactory()
    RosterArtistFactory(agent=north, roster__auto_promote_holds=True)
    RosterArtistFactory(agent=south, roster__auto_promote_holds=False)

    assert auto_promote_holds(agent=free) is True  # on no roster: the trade's default
    assert auto_promote_holds(agent=north) is True
    assert auto_promote_holds(agent=south) is False
