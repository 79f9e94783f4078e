"""The Content-Security-Policy in a real Chromium: the pages, htmx and the admin work
under it, and what it refuses is refused (and heard by the browser fixture's watch)."""

from __future__ import annotations

from typing import Any

import pytest

from cadenza.ingest.demo import load_demo
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_and_htmx_work_under_the_policy(browser: Any, live_server: Any, superuser) -> None:
    from playwright.sync_api import expect

    load_demo()
    page = browser.new_page()
    page.goto(live_server.url + "/")
    search = page.get_by_label("Search artists, works, venues and events")
    search.fill("Kalmurz")
    expect(page.locator("#suggestions")).to_contain_text("Alessio Kalmurzaev")  # htmx
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(superuser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".site-nav")).to_contain_text("Signed in as admin-test")
    page.goto(live_server.url + "/admin/people/agent/")
    expect(page.locator("#result_list")).to_contain_text("Alessio Kalmurzaev")
    page.locator("#action-toggle").check()  # the admin's own scripts run
    expect(page.locator(".action-counter")).to_contain_text("selected")
    assert browser.violations == []


def test_an_inline_script_is_refused(browser: Any, live_server: Any) -> None:
    page = browser.new_page()
    page.goto(live_server.url + "/browse/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in said for said in browser.violations)
    browser.violations.clear()  # heard as it should be: not this test's failure


def test_the_api_docs_run_offline_under_the_policy(browser: Any, live_server: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(live_server.url + "/api/v1/docs")
    # Swagger UI drew the document: its operations, from /api/v1/openapi.json.
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.locator("#swagger-ui")).to_contain_text("/api/v1/people")
    assert outside == []
    assert browser.violations == []
