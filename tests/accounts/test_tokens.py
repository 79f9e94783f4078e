"""API tokens: made with a secret shown once and stored hashed, checked, expired,
revoked; the command; the change log that records the token a change came through."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from cadenza.accounts.models import ApiToken
from cadenza.accounts.selectors import token_status, tokens_of
from cadenza.accounts.services import token_check, token_create, token_revoke
from cadenza.accounts.tokens import TokenError, actor_label, token_attach, token_of
from cadenza.engagements.models import Change
from cadenza.engagements.services import engagement_update
from tests.factories import EngagementFactory, UserFactory
from tests.web.another_connection import another_connection

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash() -> None:
    user = UserFactory(username="alice")
    token, secret = token_create(user=user, name="  crm\x00 ", expires_days=30)
    prefix, _, rest = secret.partition(".")
    assert prefix == token.prefix and len(prefix) == 8
    assert len(rest) >= 43  # 32 random bytes, base64
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.name == "crm"  # control characters and spaces stripped
    assert stored.secret_hash == hashlib.sha256(rest.encode()).hexdigest()
    assert rest not in {stored.secret_hash, stored.prefix, stored.name}
    assert stored.scope == "read_write" and not stored.read_only
    assert stored.expires_at - stored.created_at == timedelta(days=30)


def test_a_checked_token_finds_its_user_and_notes_its_use() -> None:
    user = UserFactory(username="alice")
    token, secret = token_create(user=user, name="crm", read_only=True)
    checked = token_check(presented=secret)
    assert checked.token == token and checked.token.user == user and checked.token.read_only
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize(
    "presented, problem",
    [
        ("nodot", "malformed"),
        (".secret", "malformed"),
        ("abcdefgh.wrong", "not valid"),
    ],
)
def test_a_wrong_token_is_refused_with_its_reason(presented: str, problem: str) -> None:
    token_create(user=UserFactory(), name="crm")
    checked = token_check(presented=presented)
    assert checked.token is None and problem in checked.problem


def test_a_wrong_secret_with_a_real_prefix_is_refused() -> None:
    token, _ = token_create(user=UserFactory(), name="crm")
    checked = token_check(presented=f"{token.prefix}.not-the-secret")
    assert checked.token is None and checked.problem == "The token is not valid."


def test_revoked_and_expired_tokens_are_refused() -> None:
    user = UserFactory()
    revoked, revoked_secret = token_create(user=user, name="old")
    token_revoke(token=revoked)
    token_revoke(token=revoked)  # again: nothing changes
    assert token_check(presented=revoked_secret).problem == "The token has been revoked."
    assert token_status(token=revoked) == "revoked"
    expiring, expiring_secret = token_create(user=user, name="short", expires_days=1)
    later = timezone.now() + timedelta(days=1, seconds=1)
    assert token_check(presented=expiring_secret, now=later).problem == "The token has expired."
    assert token_status(token=expiring, now=later) == "expired"
    assert token_status(token=expiring) == "active"


def test_an_inactive_users_token_is_refused() -> None:
    user = UserFactory()
    _, secret = token_create(user=user, name="crm")
    user.is_active = False
    user.save()
    assert token_check(presented=secret).problem == "The token's user is not active."


@pytest.mark.parametrize(
    "name, days, field",
    [
        ("", None, "name"),
        (" \t", None, "name"),
        ("x" * 101, None, "name"),
        ("ok", 0, "expires_days"),
    ],
)
def test_bad_token_input_names_the_field(name: str, days: int | None, field: str) -> None:
    with pytest.raises(TokenError) as error:
        token_create(user=UserFactory(), name=name, expires_days=days)
    assert error.value.field == field


def test_the_actor_says_who_and_through_which_token() -> None:
    user = UserFactory(username="alice")
    token, _ = token_create(user=user, name="crm")
    assert actor_label(by=user) == "alice"
    token_attach(user=user, token=token)
    assert token_of(by=user) == token
    assert actor_label(by=user) == f"alice (token 'crm', {token.prefix})"
    assert actor_label(by=None) == "anonymous"


def test_a_change_made_through_a_token_is_logged_with_it() -> None:
    user = UserFactory(username="alice")
    token, _ = token_create(user=user, name="crm")
    engagement = EngagementFactory()
    engagement_update(engagement=engagement, by=token_attach(user=user, token=token), notes="n")
    change = Change.objects.filter(engagement=engagement).latest("id")
    assert (change.by, change.token, change.to_value) == (user, token, "notes")
    engagement_update(engagement=engagement, by=UserFactory(username="bob"), notes="m")
    assert Change.objects.filter(engagement=engagement).latest("id").token is None


def test_the_command_prints_the_secret_alone_and_lists_and_revokes() -> None:
    UserFactory(username="alice")
    out, err = StringIO(), StringIO()
    call_command(
        "token",
        "create",
        "alice",
        "--read-only",
        "--expires",
        "7",
        "--name",
        "crm",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert secret.startswith(token.prefix + ".") and "\n" not in secret
    assert token.read_only and token.name == "crm" and "not shown again" in err.getvalue()
    assert token_check(presented=secret).token == token
    listing = StringIO()
    call_command("token", "list", "alice", stdout=listing)
    assert token.prefix in listing.getvalue() and "active" in listing.getvalue()
    call_command("token", "revoke", token.prefix, stdout=StringIO())
    assert token_check(presented=secret).token is None
    assert [t.pk for t in tokens_of(user=token.user)] == [token.pk]


def test_the_command_refuses_unknown_users_and_bad_expiry() -> None:
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("token", "create", "nobody", stdout=StringIO())
    UserFactory(username="alice")
    with pytest.raises(CommandError, match="--expires"):
        call_command("token", "create", "alice", "--expires", "0", stdout=StringIO())
    with pytest.raises(CommandError, match="No token"):
        call_command("token", "revoke", "zzzz", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_token_is_not_kept_waiting_by_another_writer() -> None:
    """While another process holds SQLite's write lock (a long import), a token still
    works at once; its last use is noted the next time the database is free."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL locks the row only, and nobody else writes a token's row")
    token, secret = token_create(user=UserFactory(), name="crm")
    with another_connection() as other:
        other.execute("BEGIN IMMEDIATE")  # the write lock, as an import holds it
        started = time.monotonic()
        checked = token_check(presented=secret)
        assert time.monotonic() - started < 1
        assert checked.token == token and checked.token.last_used_at is None
        other.rollback()
    token_check(presented=secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_staff_see_and_revoke_tokens_in_the_admin(superuser_client: Any) -> None:
    token, secret = token_create(user=UserFactory(username="alice"), name="crm")
    listed = superuser_client.get("/admin/accounts/apitoken/?q=alice").content.decode()
    assert token.prefix in listed and "crm" in listed
    assert token.secret_hash not in listed
    change = superuser_client.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()
    assert token.secret_hash not in change and token.prefix in change
    assert superuser_client.get("/admin/accounts/apitoken/add/").status_code == 403
    superuser_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert token_check(presented=secret).problem == "The token has been revoked."
