"""Who the API acts for: a token, the session (CSRF on changes), or nobody on reads;
tokens refused with 401 when bad, 403 when read-only on a change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cadenza.accounts.models import ApiToken, User
from cadenza.accounts.services import token_check, token_create, token_revoke
from tests.api.conftest import problem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_may_read_public_endpoints_but_not_their_own_tokens(api_client: Client) -> None:
    me = api_client.get("/api/v1/auth/me").json()
    assert me == {"username": None, "authenticated": False, "token": None, "actor": "anonymous"}
    body = problem(api_client.get("/api/v1/auth/tokens"), 401)
    assert "Authorization: Bearer" in body["detail"]


def test_a_token_acts_for_its_user_and_is_named_as_the_actor(
    api_client: Client, alice: User, bearer: dict[str, str]
) -> None:
    me = api_client.get("/api/v1/auth/me", headers=bearer).json()
    token = ApiToken.objects.get(name="crm")
    assert me["username"] == "alice" and me["token"]["prefix"] == token.prefix
    assert me["actor"] == f"alice (token 'crm', {token.prefix})"
    listed = api_client.get("/api/v1/auth/tokens", headers=bearer).json()["items"]
    assert [t["name"] for t in listed] == ["crm"] and listed[0]["status"] == "active"
    token_revoke(token=token_create(user=alice, name="old")[0])
    revoked = api_client.get("/api/v1/auth/tokens?status=revoked", headers=bearer).json()
    assert [t["name"] for t in revoked["items"]] == ["old"] and revoked["next"] is None
    by_name = api_client.get("/api/v1/auth/tokens?ordering=name&limit=1", headers=bearer).json()
    assert [t["name"] for t in by_name["items"]] == ["crm"] and by_name["next"]


@pytest.mark.parametrize("how", ["revoked", "expired", "wrong", "malformed"])
def test_a_bad_token_is_a_401_even_where_anonymous_may_read(
    api_client: Client, alice: User, how: str
) -> None:
    token, secret = token_create(user=alice, name="crm", expires_days=1)
    if how == "revoked":
        token_revoke(token=token)
    elif how == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(1))
    elif how == "wrong":
        secret = f"{token.prefix}.nope"
    else:
        secret = "nope"
    response = api_client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {secret}"})
    body = problem(response, 401)
    assert body["type"] == "urn:cadenza:problem:invalid-token"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_read_only_token_is_refused_every_change(
    api_client: Client, alice: User, read_only_bearer: dict[str, str]
) -> None:
    token = ApiToken.objects.get(name="reports")
    response = api_client.delete(f"/api/v1/auth/tokens/{token.prefix}", headers=read_only_bearer)
    body = problem(response, 403)
    assert "read-only" in body["detail"] and token.prefix in body["detail"]
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert api_client.get("/api/v1/auth/tokens", headers=read_only_bearer).status_code == 200


def test_a_read_write_token_may_revoke_itself_and_then_is_refused(
    api_client: Client, bearer: dict[str, str]
) -> None:
    token = ApiToken.objects.get(name="crm")
    response = api_client.delete(f"/api/v1/auth/tokens/{token.prefix}", headers=bearer)
    assert response.status_code == 204
    problem(api_client.get("/api/v1/auth/me", headers=bearer), 401)
    gone = api_client.delete("/api/v1/auth/tokens/zzzz", headers={})
    problem(gone, 401)


def test_the_session_is_accepted_and_csrf_is_enforced_on_changes(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="alice", password=PASSWORD)
    assert client.get("/api/v1/auth/me").json()["actor"] == "alice"
    token, _ = token_create(user=alice, name="crm")
    refused = client.delete(f"/api/v1/auth/tokens/{token.prefix}")
    assert problem(refused, 403)["type"] == "urn:cadenza:problem:csrf"
    page = client.get("/account/tokens/")  # a page sets the CSRF cookie
    csrf = page.cookies["csrftoken"].value
    allowed = client.delete(f"/api/v1/auth/tokens/{token.prefix}", headers={"X-CSRFToken": csrf})
    assert allowed.status_code == 204
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_a_token_for_a_username_and_password(api_client: Client, alice: User) -> None:
    response = api_client.post(
        "/api/v1/auth/token",
        {
            "username": "alice",
            "password": PASSWORD,
            "name": "script",
            "read_only": True,
            "expires_days": 7,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    made = response.json()
    assert made["scope"] == "read" and made["name"] == "script" and made["status"] == "active"
    assert token_check(presented=made["token"]).token.user == alice
    wrong = api_client.post(
        "/api/v1/auth/token",
        {"username": "alice", "password": "wrong", "name": "script"},
        content_type="application/json",
    )
    assert problem(wrong, 401)["detail"] == "Wrong username or password."
    bad = api_client.post(
        "/api/v1/auth/token",
        {"username": "alice", "password": PASSWORD, "name": "s", "expires_days": 0},
        content_type="application/json",
    )
    assert [e["field"] for e in problem(bad, 400)["errors"]] == ["expires_days"]
    assert ApiToken.objects.filter(user=alice).count() == 1
