"""The token page: the signed-in user's tokens, a new one shown once, revoking one."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from cadenza.accounts.models import ApiToken, ArtistAccess, User
from cadenza.accounts.services import token_check, token_create
from cadenza.accounts.tokens import token_attach
from cadenza.engagements.services import engagement_update
from tests.conftest import PASSWORD
from tests.factories import ArtistAccessFactory, EngagementFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(username: str) -> Client:
    UserFactory(username=username)
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    response = Client().get("/account/tokens/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_new_token_is_shown_once_then_listed_without_its_secret() -> None:
    client = _signed_in("alice")
    page = client.get("/")
    assert 'href="/account/tokens/"' in page.content.decode()  # in the user's menu
    made = client.post("/account/tokens/", {"name": "crm", "read_only": "on", "expires_days": "30"})
    body = html.unescape(made.content.decode())
    token = ApiToken.objects.get(user__username="alice")
    secret = body.split('id="token-secret" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(token.prefix + ".") and token_check(presented=secret).token == token
    assert token.read_only and "Copy it now" in body
    assert "no-store" in made["Cache-Control"]
    again = html.unescape(client.get("/account/tokens/").content.decode())
    assert secret not in again and token.prefix in again and "Read only" in again


def test_a_bad_name_is_refused_with_the_reason() -> None:
    client = _signed_in("alice")
    response = client.post("/account/tokens/", {"name": "", "expires_days": "-1"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_one_of_ones_own_tokens_and_not_anothers() -> None:
    client = _signed_in("alice")
    mine, secret = token_create(user=User.objects.get(username="alice"), name="crm")
    theirs, their_secret = token_create(user=UserFactory(username="bob"), name="bob's")
    assert client.post(f"/account/tokens/{theirs.prefix}/revoke/").status_code == 404
    assert token_check(presented=their_secret).token == theirs
    response = client.post(f"/account/tokens/{mine.prefix}/revoke/", follow=True)
    assert "Revoked the token “crm”" in html.unescape(response.content.decode())
    assert token_check(presented=secret).problem == "The token has been revoked."
    assert client.get(f"/account/tokens/{mine.prefix}/revoke/").status_code == 405


def test_the_engagement_history_names_the_token_a_change_came_through() -> None:
    client = _signed_in("manager")
    manager = User.objects.get(username="manager")
    engagement = EngagementFactory()
    ArtistAccessFactory(user=manager, agent=engagement.artist, role=ArtistAccess.Role.MANAGER)
    token, _ = token_create(user=manager, name="crm")
    engagement_update(engagement=engagement, by=token_attach(user=manager, token=token), notes="x")
    page = html.unescape(client.get(f"/bookings/engagements/{engagement.pk}/").content.decode())
    history = " ".join(page[page.index('id="history-heading"') :].split())
    assert f"manager (API token “crm”, {token.prefix}) · Details" in history
