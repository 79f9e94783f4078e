"""Idempotency keys' store: found while they live, gone (and removed) once expired, and
fingerprints that tell two requests apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadenza.accounts.idempotency import KEY_LIFETIME, fingerprint, key_find, key_store
from cadenza.accounts.models import IdempotencyKey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_key_lives_a_day_and_is_then_removed() -> None:
    user = UserFactory()
    stored = key_store(user=user, key="k", fingerprint="f", status=201, body="{}")
    assert stored.expires_at - stored.created_at == KEY_LIFETIME
    assert key_find(user=user, key="k") == stored
    assert key_find(user=UserFactory(), key="k") is None  # another user's key is theirs
    IdempotencyKey.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - timedelta(1))
    assert key_find(user=user, key="k") is None
    # Storing any key empties the table of the expired ones; the name may be used again.
    again = key_store(user=user, key="k", fingerprint="g", status=200, body="[]")
    assert list(IdempotencyKey.objects.all()) == [again]


def test_one_key_is_stored_once_per_user() -> None:
    user = UserFactory()
    key_store(user=user, key="k", fingerprint="f", status=201, body="{}")
    with pytest.raises(IntegrityError), transaction.atomic():
        key_store(user=user, key="k", fingerprint="f", status=201, body="{}")


def test_fingerprints_tell_method_path_and_body_apart() -> None:
    base = fingerprint(method="POST", path="/a", body=b"{}")
    assert base == fingerprint(method="POST", path="/a", body=b"{}")
    assert (
        len(
            {
                base,
                fingerprint(method="PUT", path="/a", body=b"{}"),
                fingerprint(method="POST", path="/b", body=b"{}"),
                fingerprint(method="POST", path="/a", body=b"{ }"),
                fingerprint(method="POST", path="/a{", body=b"}"),
            }
        )
        == 5
    )
