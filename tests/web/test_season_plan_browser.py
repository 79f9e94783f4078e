"""The season planner in a real Chromium: a manager reads the demo's plan (its route on
the map, each declined offer's reason), applies it after seeing every change, and on a
phone the offers table scrolls inside its box instead of widening the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from cadenza.accounts.models import User
from cadenza.engagements.demo import MANAGER_LOGIN, demo_logins, load_bookings_demo
from cadenza.engagements.models import Engagement, State
from cadenza.ingest.demo import load_demo
from cadenza.seasons.demo import load_season_demo
from cadenza.seasons.models import PlanRun
from tests.web.conftest import shot
from tests.web.test_bookings_browser import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 390


def test_a_manager_reads_the_demo_plan_and_applies_it(browser: Any, live_server: Any):
    from playwright.sync_api import expect

    load_demo()
    load_bookings_demo()
    demo_logins()
    run = load_season_demo()
    year = run.season_start.year
    manager = User.objects.get(username=MANAGER_LOGIN)
    url = f"{live_server.url}/bookings/plans/{run.pk}/"

    page = signed_in_page(browser, live_server, manager)
    page.goto(f"{live_server.url}/bookings/plans/")
    page.get_by_role("link", name=f"#{run.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Alessio Kalmurzaev, 1 June to 31 August {year}"
    )
    expect(page.get_by_role("heading", name="The best plan, proved")).to_be_visible()
    expect(page.locator(".figures")).to_contain_text("13 of 16")
    route = page.locator("section[aria-labelledby=route-h]")
    expect(route.locator("svg.map__svg polyline.map__route")).to_be_visible()
    expect(route.get_by_role("img")).to_be_visible()
    stops = route.locator(".venues__list li")
    expect(stops).to_have_count(15)
    expect(stops.first).to_have_text("Moscow")
    expect(stops.last).to_have_text("Moscow")
    gstaad = page.get_by_role("row", name=f"Gstaad Menuhin Festival {year}")
    expect(gstaad).to_contain_text("declined: the 2 August date leaves no free day after Lenox")
    expect(gstaad).to_contain_text("Verbier's radius clause excludes it")
    expect(page.get_by_role("row", name=f"Tanglewood {year}")).to_contain_text("accepted: 31 Jul")
    shot(page, "season-plan")

    page.get_by_role("link", name="Apply this plan…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What applying the plan changes")
    expect(page.get_by_role("heading", name="15 engagements to change")).to_be_visible()
    expect(page.get_by_role("row", name=f"Tanglewood {year}")).to_contain_text(
        f"on 31 July {year}; becomes contracted"
    )
    shot(page, "season-plan-apply")
    page.get_by_role("button", name="Apply all of it").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Applied the plan: 15 engagements moved, each logged."
    )
    expect(page.locator("section[aria-labelledby=verdict-heading]")).to_contain_text(
        f"by {MANAGER_LOGIN}: each engagement's log says what changed."
    )
    expect(page.get_by_role("link", name="Apply this plan…")).to_have_count(0)
    assert page.url == url
    run.refresh_from_db()
    assert run.applied_by == manager
    tanglewood = Engagement.objects.get(title=f"Tanglewood {year}")
    assert tanglewood.state == State.CONTRACTED
    assert PlanRun.objects.count() == 1

    # On a phone the wide offers table scrolls in its box; the page itself does not.
    client = Client()
    client.force_login(manager)
    phone = browser.new_context(viewport={"width": PHONE, "height": 844})
    phone.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    small = phone.new_page()
    small.goto(url)
    expect(small.get_by_role("heading", name="Every offer and what the planner made of it"))
    box = small.locator("section[aria-labelledby=offers-heading] .table-scroll")
    expect(box).to_be_visible()
    inside, shown = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert inside > shown, "the offers table fits a phone: this check checks nothing"
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"the plan page scrolls sideways on a phone ({width} px)"
    shot(small, "season-plan-phone")
