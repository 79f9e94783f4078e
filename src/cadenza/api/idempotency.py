"""`Idempotency-Key` on the POSTs that create or move something: a retried request with
the same key (and user) gets the first answer again, and nothing is done twice; the same
key with another request is a 422 naming the header.

Only successful answers are kept (a refused request may be retried with its key: it
changed nothing). The write and the key are saved in one transaction, so a request that
fails after writing leaves neither; two requests racing with one key meet the key's
unique constraint and the loser answers with the winner's answer, its own writes undone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from ninja import Header, Schema
from ninja.responses import NinjaJSONEncoder

from cadenza.accounts.idempotency import KEY_LENGTH, fingerprint, key_find, key_store
from cadenza.accounts.models import IdempotencyKey
from cadenza.api.auth import actor
from cadenza.api.problems import ApiProblem

HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY = Header(
    None,
    alias=HEADER,
    min_length=1,
    max_length=KEY_LENGTH,
    description="a unique string per intended change (a UUID): a retry with the same key "
    "returns the first answer and does nothing twice; kept 24 hours",
)


def _answer(status: int, body: str, *, replayed: bool) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="application/json")
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _replay(found: IdempotencyKey, printed: str) -> HttpResponse:
    if found.fingerprint != printed:
        message = (
            "this key was already used with another request (another address or body); "
            "use a new key for a new change."
        )
        raise ApiProblem(
            422, f"{HEADER}: {message}", kind="idempotency-key-reused", errors=[(HEADER, message)]
        )
    return _answer(found.status, found.body, replayed=True)


def once(
    request: HttpRequest,
    key: str | None,
    schema: type[Schema],
    run: Callable[[], tuple[int, Any]],
    *,
    sent: bytes | None = None,
) -> HttpResponse:
    """Run `run` (which returns its status and body) unless `key` already ran; the body is
    rendered through `schema`, so the first answer and its replays are the same bytes.

    `sent` stands for the request's body where it cannot be read again (a multipart upload,
    already parsed): what makes two uploads the same (the fields, the file's digest)."""
    if not key:
        status, value = run()
        return _answer(status, _render(schema, value), replayed=False)
    user = actor(request)
    given = request.body if sent is None else sent
    printed = fingerprint(method=request.method or "POST", path=request.path, body=given)
    found = key_find(user=user, key=key)
    if found is not None:
        return _replay(found, printed)
    try:
        with transaction.atomic():
            status, value = run()
            body = _render(schema, value)
            key_store(user=user, key=key, fingerprint=printed, status=status, body=body)
    except IntegrityError:
        found = key_find(user=user, key=key)
        if found is None:  # not the key's constraint: a real fault
            raise
        return _replay(found, printed)
    return _answer(status, body, replayed=False)


def _render(schema: type[Schema], value: Any) -> str:
    data = schema.model_validate(value).model_dump(mode="json", by_alias=True)
    return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)
