"""The calendar in a real Chromium: the next month swapped in by htmx (and the address
kept), and axe-core finds no serious violation on the month, the list and the day sheet."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engagements.test_calendar import tour
from tests.web.conftest import shot
from tests.web.test_bookings_browser import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_month_the_list_and_the_day_sheet_in_a_browser(browser: Any, live_server: Any):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    t = tour()
    page = signed_in_page(browser, live_server, t.manager)
    month = f"/bookings/calendar/2027/3/?artist={t.artist.pk}"
    page.goto(live_server.url + month)
    expect(page.locator(".cal-month")).to_contain_text("[Hold 2] Held recital")
    page.get_by_role("link", name="Next month →").click()
    expect(page.get_by_role("heading", name="April 2027")).to_be_visible()
    assert page.url.endswith(f"/bookings/calendar/2027/4/?artist={t.artist.pk}")
    page.get_by_role("link", name="← Previous month").click()
    expect(page.get_by_role("heading", name="March 2027")).to_be_visible()
    page.get_by_role("link", name="Day sheet, Saturday 27 March").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Saturday 27 March 2027")
    expect(page.locator(".day-sheet__programme")).to_contain_text("20:30")
    axe, found = Axe(), []
    for name, path in {
        "month": month,
        "roster": "/bookings/calendar/2027/3/",
        "list": f"/bookings/calendar/list/2027/3/?artist={t.artist.pk}",
        "week": "/bookings/calendar/week/2027/3/29/",
        "day-sheet": f"/bookings/day-sheets/{t.artist.pk}/2027-03-27/",
    }.items():
        page.goto(live_server.url + path)
        shot(page, f"a11y-calendar-{name}")
        results = axe.run(page)
        assert results.response["testEngine"]["name"] == "axe-core"
        found += [
            f"{name}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
    assert found == [], "\n".join(found)
