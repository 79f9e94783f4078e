"""A visitor's journey through the demo record in a real Chromium (Playwright).

Screenshots of each page go to test-results/ for a human to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from cadenza.ingest.demo import load_demo
from tests.web.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_kalmurzaev_and_inzaghi(browser: Any, live_server: Any) -> None:
    from playwright.sync_api import expect

    load_demo()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    page.on(
        "request",
        lambda r: blocked.append(r.url) if not r.url.startswith(live_server.url) else None,
    )

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("career record")
    shot(page, "home")

    search = page.get_by_label("Search artists, works, venues and events")
    search.fill("Kalmurzaev")
    # htmx suggests as one types...
    expect(page.locator("#suggestions")).to_contain_text("Alessio Kalmurzaev")
    # ...and the form still submits to the full results page.
    search.press("Enter")
    page.wait_for_url("**/search/?q=Kalmurzaev")
    expect(page.get_by_role("heading", name="People and ensembles")).to_be_visible()
    shot(page, "search")

    page.locator(".result-list").get_by_role("link", name="Alessio Kalmurzaev", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Carnegie Hall")
    source = page.locator(".source").filter(has_text="Biography of Alessio Kalmurzaev")
    expect(source).to_contain_text("Born into a family of modest means in Moscow")
    expect(source.locator("mark").first).to_be_visible()
    shot(page, "kalmurzaev")

    page.get_by_label("Search the record").fill("Inzaghi")
    page.get_by_label("Search the record").press("Enter")
    page.locator(".result-list").get_by_role(
        "link", name="Alessio Leonardo Inzaghi", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Leonardo Inzaghi")
    expect(page.locator("main")).to_contain_text("BWV 1007")
    expect(page.locator("main")).to_contain_text("nothing short of breathtaking")
    shot(page, "inzaghi")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(page.url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Alessio Leonardo Inzaghi")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    shot(phone, "inzaghi-phone")

    assert blocked == [], f"the pages loaded something from elsewhere: {blocked}"
