"""Login throttling (django-axes, settings AXES_*): wrong passwords lock one account for a
while, on the login page, the admin's and any `authenticate(request=...)`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import F
from django.test import Client, RequestFactory

from tests.conftest import PASSWORD, signed_in_as
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _log_in(client: Client, username: str, password: str, url: str = "/login/") -> object:
    return client.post(url, {"username": username, "password": password})


def _guess(username: str, times: int, url: str = "/login/") -> Client:
    guesser = Client()
    for n in range(times):
        _log_in(guesser, username, f"guess number {n}", url)
    return guesser


def test_fifty_wrong_passwords_lock_the_account_even_against_the_right_one() -> None:
    UserFactory(username="violinist")
    guesser = Client()
    answers = [_log_in(guesser, "violinist", f"guess {n}") for n in range(50)]
    limit = settings.AXES_FAILURE_LIMIT
    # Below the limit: the form again, saying the password was wrong.
    assert answers[0].status_code == 200
    assert "Please enter a correct username and password" in answers[0].content.decode()
    # From the limit on: refused, whatever is sent.
    assert {a.status_code for a in answers[limit:]} == {429}

    owner = Client()  # the right password, from elsewhere, during the lockout
    refused = _log_in(owner, "violinist", PASSWORD)
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many failed logins" in page and "Try again in 15 minutes." in page
    assert refused["Retry-After"] == str(15 * 60)
    assert '<link rel="stylesheet"' in page  # styled like every other page
    assert "_auth_user_id" not in owner.session
    assert "Signed in as" not in owner.get("/").content.decode()


def test_a_locked_account_locks_no_other() -> None:
    UserFactory(username="violinist")
    UserFactory(username="cellist")
    guesser = _guess("violinist", settings.AXES_FAILURE_LIMIT)
    assert _log_in(guesser, "violinist", PASSWORD).status_code == 429
    # The same visitor (same address) logs in to another account.
    answer = _log_in(guesser, "cellist", PASSWORD)
    assert answer.status_code == 302
    assert signed_in_as(guesser.get("/").content.decode()) == "cellist"


def test_the_lock_lifts_after_the_cool_off() -> None:
    UserFactory(username="violinist")
    _guess("violinist", settings.AXES_FAILURE_LIMIT)
    assert _log_in(Client(), "violinist", PASSWORD).status_code == 429
    # The failures were a minute less than the cool-off ago: still locked.
    cooloff = settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - cooloff + timedelta(minutes=1))
    assert _log_in(Client(), "violinist", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - cooloff)
    owner = Client()
    assert _log_in(owner, "violinist", PASSWORD).status_code == 302
    assert signed_in_as(owner.get("/").content.decode()) == "violinist"


def test_the_admin_login_is_throttled_too(superuser: object) -> None:
    name = superuser.username  # type: ignore[attr-defined]
    _guess(name, settings.AXES_FAILURE_LIMIT, url="/admin/login/")
    refused = _log_in(Client(), name, PASSWORD, url="/admin/login/")
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    # The public login form counts the same failures: it is one account.
    assert _log_in(Client(), name, PASSWORD).status_code == 429


def test_authenticate_with_a_request_is_refused_during_the_lockout() -> None:
    """What the API's token endpoint calls: it needs no page of its own to be throttled."""
    user = UserFactory(username="violinist")
    request = RequestFactory().post("/api/v1/token")
    assert authenticate(request=request, username="violinist", password=PASSWORD) == user
    for n in range(settings.AXES_FAILURE_LIMIT):
        request = RequestFactory().post("/api/v1/token")
        assert authenticate(request=request, username="violinist", password=f"no {n}") is None
    request = RequestFactory().post("/api/v1/token")
    assert authenticate(request=request, username="violinist", password=PASSWORD) is None
    assert getattr(request, "axes_locked_out", False)


def test_a_right_password_clears_earlier_failures() -> None:
    UserFactory(username="violinist")
    limit = settings.AXES_FAILURE_LIMIT
    _guess("violinist", limit - 1)
    assert _log_in(Client(), "violinist", PASSWORD).status_code == 302
    _guess("violinist", limit - 1)  # counted from nothing again: not locked
    owner = Client()
    assert _log_in(owner, "violinist", PASSWORD).status_code == 302
    assert signed_in_as(owner.get("/").content.decode()) == "violinist"


def test_the_api_token_endpoint_is_throttled_and_says_so_as_a_problem() -> None:
    UserFactory(username="violinist")
    client = Client()

    def ask(password: str) -> object:
        body = {"username": "violinist", "password": password, "name": "crm"}
        return client.post("/api/v1/auth/token", body, content_type="application/json")

    answers = [ask(f"guess {n}") for n in range(settings.AXES_FAILURE_LIMIT + 2)]
    assert answers[0].status_code == 401  # a wrong password, said as a problem
    refused = ask(PASSWORD)  # the right one, during the lockout
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["Retry-After"] == str(15 * 60)
    problem = refused.json()
    assert problem["type"] == "urn:cadenza:problem:locked-out"
    assert "try again in 15 minutes" in problem["detail"]
    assert "token" not in problem
    # The page's login is locked for the same account: one throttle for both.
    assert _log_in(Client(), "violinist", PASSWORD).status_code == 429
