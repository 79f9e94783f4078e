import pytest

from cadenza.accounts.models import ArtistAccess
from cadenza.accounts.services import artist_access_grant, user_set_password
from tests.factories import AgentFactory

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
