"""Idempotency keys: the first answer to a POST made with a key, kept for a day.

`key_find` reads a live key of a user (expired ones count as absent); `key_store` keeps
the answer, and empties the table of expired keys as it goes, so no timer is needed.
Two requests racing with one key meet the unique constraint: the second's transaction
fails and it reads the first's answer (`cadenza.api.idempotency`).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone

from cadenza.accounts.models import IdempotencyKey, User

KEY_LIFETIME = timedelta(hours=24)
KEY_LENGTH = 200


def fingerprint(*, method: str, path: str, body: bytes) -> str:
    """What makes two requests "the same" for a key: method, path and body, byte for byte."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def key_find(*, user: User, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(user=user, key=key, expires_at__gt=timezone.now()).first()


def keys_expire() -> int:
    """Remove the expired keys; returns how many."""
    removed, _ = IdempotencyKey.objects.filter(expires_at__lte=timezone.now()).delete()
    return removed


def key_store(*, user: User, key: str, fingerprint: str, status: int, body: str) -> IdempotencyKey:
    """Keep the answer; an expired key of the same name is replaced."""
    keys_expire()
    now = timezone.now()
    return IdempotencyKey.objects.create(
        user=user,
        key=key,
        fingerprint=fingerprint,
        status=status,
        body=body,
        created_at=now,
        expires_at=now + KEY_LIFETIME,
    )
