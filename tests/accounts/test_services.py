import pytest

from cadenza.accounts.models import ArtistAccess, PresenterAccess, Roster, RosterArtist
from cadenza.accounts.services import (
    artist_access_grant,
    artist_fees_shown,
    presenter_access_grant,
    roster_artist_add,
    roster_ensure,
    user_set_password,
)
from cadenza.people.models import Agent
from tests.factories import AgentFactory, ArtistAccessFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_set_password_creates_then_resets():
    user = user_set_password(username="demo", password="first-secret-1", is_superuser=True)
    assert user.is_staff and user.is_superuser and user.check_password("first-secret-1")
    again = user_set_password(username="demo", password="second-secret-2", is_superuser=True)
    assert again.pk == user.pk
    assert again.check_password("second-secret-2") and not again.check_password("first-secret-1")


def test_artist_access_is_granted_once_and_role_updated():
    user = user_set_password(username="manager", password="a-long-secret")
    agent = AgentFactory()
    artist_access_grant(user=user, agent=agent, role=ArtistAccess.Role.ASSISTANT)
    access = artist_access_grant(user=user, agent=agent, role=ArtistAccess.Role.MANAGER)
    assert ArtistAccess.objects.get().role == access.role == "manager"
    with pytest.raises(ValueError, match="Role must be one of"):
        artist_access_grant(user=user, agent=agent, role="owner")


def test_the_artists_login_is_shown_fees_as_the_manager_decides():
    access = ArtistAccessFactory(role=ArtistAccess.Role.ARTIST)
    artist_fees_shown(agent=access.agent, user=access.user, shown=True)
    assert ArtistAccess.objects.get(pk=access.pk).sees_fees is True
    artist_fees_shown(agent=access.agent, user=access.user, shown=False)
    assert ArtistAccess.objects.get(pk=access.pk).sees_fees is False


def test_fees_are_shown_only_to_an_artist_login_that_exists():
    manager = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    with pytest.raises(ValueError, match="manager, who always sees fees"):
        artist_fees_shown(agent=manager.agent, user=manager.user, shown=True)
    with pytest.raises(ValueError, match="grant them the artist role first"):
        artist_fees_shown(agent=AgentFactory(), user=manager.user, shown=True)
    assert not ArtistAccess.objects.filter(sees_fees=True).exists()


def test_presenter_access_is_granted_once_and_only_for_an_institution():
    user, hall = UserFactory(), OrganisationFactory()
    first = presenter_access_grant(user=user, organisation=hall)
    assert presenter_access_grant(user=user, organisation=hall) == first
    orchestra = AgentFactory(kind=Agent.Kind.ENSEMBLE)  # orchestras engage soloists
    presenter_access_grant(user=user, organisation=orchestra)
    assert set(PresenterAccess.objects.values_list("organisation", flat=True)) == {
        hall.pk,
        orchestra.pk,
    }
    with pytest.raises(ValueError, match="is a person"):
        presenter_access_grant(user=user, organisation=AgentFactory())


def test_roster_ensure_creates_finds_and_sets_only_when_told():
    roster = roster_ensure(name="  North   Artists ")
    assert roster.name == "North Artists" and roster.auto_promote_holds is True
    roster_ensure(name="North Artists", auto_promote_holds=False)
    assert roster_ensure(name="North Artists").auto_promote_holds is False  # a lookup keeps it
    assert roster_ensure(name="South", auto_promote_holds=False).auto_promote_holds is False
    assert Roster.objects.count() == 2
    with pytest.raises(ValueError, match="needs a name"):
        roster_ensure(name="   ")


def test_an_artist_moves_between_rosters_and_is_on_one_at_a_time():
    north, south = roster_ensure(name="North"), roster_ensure(name="South")
    artist = AgentFactory()
    roster_artist_add(roster=north, agent=artist)
    roster_artist_add(roster=south, agent=artist)
    roster_artist_add(roster=south, agent=artist)
    assert list(RosterArtist.objects.values_list("roster", "agent")) == [(south.pk, artist.pk)]
    with pytest.raises(ValueError, match="is an organisation"):
        roster_artist_add(roster=north, agent=OrganisationFactory())
    assert not north.artists.exists()
