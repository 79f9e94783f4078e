from __future__ import annotations

import pytest

from cadenza.accounts.models import ArtistAccess, User
from tests.factories import (
    ArtistAccessFactory,
    PresenterAccessFactory,
    RosterArtistFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_user_admin_is_djangos_with_artist_access(admin_pages, superuser_client):
    manager = UserFactory(username="manager1", email="manager@example.org")
    ArtistAccessFactory(user=manager, agent__name="Alessio Kalmurzaev")
    PresenterAccessFactory(user=manager, organisation__name="Wigmore Hall Trust")

    admin_pages(manager, search="manager1")

    change = superuser_client.get(f"/admin/accounts/user/{manager.pk}/change/").content.decode()
    assert "Alessio Kalmurzaev" in change  # artist access inline
    assert "Wigmore Hall Trust" in change  # presenter access inline
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
            "presenter_access-TOTAL_FORMS": "0",
            "presenter_access-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="newmanager").check_password("a-long enough passphrase 42")


def test_artist_access_admin_pages(admin_pages):
    access = ArtistAccessFactory(user__username="assistant1", agent__name="Alessio Kalmurzaev")
    admin_pages(access, text="Alessio Kalmurzaev", search="assistant1")


def test_artist_access_admin_sets_whether_the_artist_sees_fees(superuser_client):
    access = ArtistAccessFactory(role=ArtistAccess.Role.ARTIST)
    url = f"/admin/accounts/artistaccess/{access.pk}/change/"
    assert 'name="sees_fees"' in superuser_client.get(url).content.decode()

    response = superuser_client.post(
        url,
        {"user": access.user_id, "agent": access.agent_id, "role": "artist", "sees_fees": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    access.refresh_from_db()
    assert access.sees_fees is True


def test_presenter_access_admin_pages(admin_pages):
    access = PresenterAccessFactory(user__username="boxoffice1", organisation__name="Bachhaus")
    admin_pages(access, text="Bachhaus", search="boxoffice1")


def test_roster_admin_lists_its_artists(admin_pages, superuser_client):
    entry = RosterArtistFactory(roster__name="North Artists", agent__name="Ilse Varga")
    admin_pages(entry.roster, search="Ilse Varga")
    change = superuser_client.get(f"/admin/accounts/roster/{entry.roster.pk}/change/")
    assert "Ilse Varga" in change.content.decode()  # the artists inline
