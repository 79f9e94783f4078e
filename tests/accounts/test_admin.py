from __future__ import annotations

import pytest

from cadenza.accounts.models import User
from tests.factories import ArtistAccessFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_admin_is_djangos_with_artist_access(admin_pages, superuser_client):
    manager = UserFactory(username="manager1", email="manager@example.org")
    ArtistAccessFactory(user=manager, agent__name="Alessio Kalmurzaev")

    admin_pages(manager, search="manager1")

    change = superuser_client.get(f"/admin/accounts/user/{manager.pk}/change/").content.decode()
    assert "Alessio Kalmurzaev" in change  # artist access inline
    assert "Reset password" in change or "password" in change.lower()  # UserAdmin's password


def test_user_admin_add_page_creates_a_user_with_a_usable_password(superuser_client):
    response = superuser_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newmanager",
            "password1": "a-long enough passphrase 42",
            "password2": "a-long enough passphrase 42",
            "usable_password": "true",
            "artist_access-TOTAL_FORMS": "0",
            "artist_access-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="newmanager").check_password("a-long enough passphrase 42")


def test_artist_access_admin_pages(admin_pages):
    access = ArtistAccessFactory(user__username="assistant1", agent__name="Alessio Kalmurzaev")
    admin_pages(access, text="Alessio Kalmurzaev", search="assistant1")
