"""The browser for the browser tests: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

# Playwright's sync API runs an event loop; Django refuses database work inside one
# unless told that this is a test.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class PolicyWatch:
    """The browser, with every page and context it opens listening to the console: a
    message of the Content-Security-Policy (a script, style or eval refused) fails the
    test, so the policy (settings.CONTENT_SECURITY_POLICY) never silently breaks a page."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser
        self.violations: list[str] = []

    def _watch(self, target: Any) -> Any:
        def heard(message: Any) -> None:
            if "Content Security Policy" in message.text or "Content-Security-Policy" in (
                message.text
            ):
                self.violations.append(message.text)

        target.on("console", heard)
        return target

    def new_page(self, *args: Any, **kwargs: Any) -> Any:
        return self._watch(self._browser.new_page(*args, **kwargs))

    def new_context(self, *args: Any, **kwargs: Any) -> Any:
        return self._watch(self._browser.new_context(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture
def browser(chromium_executable: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        watched = PolicyWatch(browser)
        yield watched
        browser.close()
        assert watched.violations == [], "the Content-Security-Policy refused something"
        # Playwright runs the test in a greenlet whose context holds its own database
        # connection; close it here, or PostgreSQL refuses to drop the test database.
        connections.close_all()


def shot(page: Any, name: str) -> None:
    """A full-page screenshot in test-results/, where CI keeps test output."""
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
