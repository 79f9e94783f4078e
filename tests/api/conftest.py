"""Helpers for the API's tests: a user with tokens, and reading problem responses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from cadenza.accounts.models import User
from cadenza.accounts.services import token_create
from tests.factories import UserFactory


@pytest.fixture
def alice(db: None) -> User:
    return UserFactory(username="alice")


@pytest.fixture
def bearer(alice: User) -> dict[str, str]:
    """Headers with a read-write token of alice's, named "crm"."""
    _, secret = token_create(user=alice, name="crm")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def read_only_bearer(alice: User) -> dict[str, str]:
    _, secret = token_create(user=alice, name="reports", read_only=True)
    return {"Authorization": f"Bearer {secret}"}


def problem(response: Any, status: int) -> dict[str, Any]:
    """The problem details of a response, after checking its status and media type."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "instance", "errors"}
    return body


@pytest.fixture
def api_client() -> Client:
    return Client()


# The booking world (tests/api/bookings.py), for the engagements', availability's and
# the planner's tests.
from tests.api.bookings import world  # noqa: E402, F401
