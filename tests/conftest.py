"""Shared fixtures, the guard that keeps tests away from the user's data, and the rule
that CI must really run the browser tests.

CADENZA_HOME: the settings module reads it when pytest-django loads Django, before this
file is imported, so `make test` points it at a fresh temp directory. Here we also give
this run its own directory, for the settings object and for every subprocess a test
starts (the `cadenza` command, the settings tests), so a plain `uv run pytest` never
writes into ./var either.

CADENZA_REQUIRE_BROWSER=1 (set by .ci/run): a test marked `browser` that skips fails
instead, and a run in which no browser test passed fails too.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

_TEST_HOME = Path(tempfile.mkdtemp(prefix="cadenza-test-home-"))
os.environ["CADENZA_HOME"] = str(_TEST_HOME)
settings.CADENZA_HOME = _TEST_HOME
settings.STATIC_ROOT = _TEST_HOME / "static"
settings.STATIC_ROOT.mkdir()
# Logging in is most of an admin test's time with the real hasher; tests need no strength.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Background tasks run when queued (once the transaction commits); the database backend and
# its worker are tested on their own (tests/seasons/test_runs.py).
settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

REQUIRE_BROWSER = os.environ.get("CADENZA_REQUIRE_BROWSER", "") not in {"", "0"}
_browser_tests_passed = 0

PASSWORD = "correct horse battery"


def signed_in_as(body: str) -> str | None:
    """The username the page's header says is signed in (None: nobody)."""
    found = re.search(r"Signed in as\s*<a [^>]*><strong>([^<]+)</strong>", body)
    return found.group(1) if found else None


def sign_in(client: Client, *, username: str, password: str) -> bool:
    """`client.login` with a request, as the login throttle (django-axes) needs for every
    authentication: it counts failures per account."""
    from django.test import RequestFactory

    return client.login(
        request=RequestFactory().post("/login/"), username=username, password=password
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_TEST_HOME, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if (
        REQUIRE_BROWSER
        and item.get_closest_marker("browser")
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"CADENZA_REQUIRE_BROWSER is set, so this browser test may not skip: {reason}"
        )
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _browser_tests_passed
    if report.when == "call" and report.passed and "browser" in report.keywords:
        _browser_tests_passed += 1


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_BROWSER and _browser_tests_passed == 0 and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REQUIRE_BROWSER:
        if _browser_tests_passed == 0:
            terminalreporter.write_line(
                "CADENZA_REQUIRE_BROWSER is set but no test marked `browser` passed: "
                "this run FAILS.",
                red=True,
                bold=True,
            )
        else:
            terminalreporter.write_line(f"browser tests passed: {_browser_tests_passed}")


@pytest.fixture
def chromium_executable() -> str:
    """The system Chromium for Playwright (Debian's package; CI installs it).

    CADENZA_CHROMIUM overrides the path. Skips when there is none, which CI turns into a
    failure through CADENZA_REQUIRE_BROWSER.
    """
    path = os.environ.get("CADENZA_CHROMIUM") or shutil.which("chromium")
    if not path or not Path(path).exists():
        pytest.skip("no Chromium found: install Debian's `chromium` or set CADENZA_CHROMIUM")
    return path


@pytest.fixture
def superuser(db: None) -> Any:
    from tests.factories import UserFactory

    return UserFactory(
        username="admin-test",
        email="admin@example.org",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def superuser_client(superuser: Any) -> Client:
    """A client logged in through the real login form's backend as a superuser."""
    client = Client()
    assert sign_in(client, username=superuser.username, password=PASSWORD)
    return client


@pytest.fixture
def admin_pages(superuser_client: Client) -> Callable[..., None]:
    """Open an object's admin changelist (searched), add page and change page, and check
    that each shows what it should, not only that it answers 200."""

    def check(obj: Any, *, text: str | None = None, search: str | None = None) -> None:
        opts = obj._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        text = str(obj) if text is None else text

        changelist = superuser_client.get(base, {"q": search} if search else {})
        assert changelist.status_code == 200, base
        body = changelist.content.decode()
        assert text in _unescape(body), f"{text!r} not in the {opts.model_name} changelist"

        add = superuser_client.get(f"{base}add/")
        assert add.status_code == 200
        assert f"Add {opts.verbose_name}" in add.content.decode()
        assert "<form" in add.content.decode()

        change = superuser_client.get(f"{base}{obj.pk}/change/")
        assert change.status_code == 200
        change_body = _unescape(change.content.decode())
        assert f"Change {opts.verbose_name}" in change_body
        assert text in change_body, f"{text!r} not on the {opts.model_name} change page"

    return check


def _unescape(page: str) -> str:
    return html.unescape(page)


@pytest.fixture(autouse=True)
def _fresh_search_index(request: pytest.FixtureRequest) -> None:
    """Each test's rows are new to search, even when a rolled-back or flushed test left
    the record version at the same number with other rows."""
    from django.db import connection

    from cadenza.web.search import postgres, word_index

    word_index.forget()
    if connection.vendor == "postgresql" and request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")  # the test's database, ready first
        postgres.forget()


@pytest.fixture
def stored_files():
    """The files a test adds to the documents' storage (removed after the test)."""
    from cadenza.engagements.models import Document

    root = Path(Document._meta.get_field("file").storage.location)

    def files() -> set[Path]:
        return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

    before = files()
    yield lambda: files() - before
    for path in files() - before:
        path.unlink()
