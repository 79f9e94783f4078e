"""A manager takes an invitation from inquiry to settled in a real Chromium, and axe-core
finds no serious accessibility violation on the booking pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from cadenza.accounts.models import ArtistAccess
from cadenza.engagements.deals import deal_set, payment_add, settlement_set
from cadenza.engagements.models import Engagement
from cadenza.engagements.money import WithholdingTerm
from tests.factories import AgentFactory, ArtistAccessFactory
from tests.web.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_page(browser: Any, live_server: Any, user: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def move(page: Any, to: str) -> None:
    from playwright.sync_api import expect

    form = page.locator("form[action$='/move/']")
    form.get_by_label("Move to").select_option(label=to)
    form.get_by_role("button", name="Move").click()
    expect(page.locator(".state").first).to_have_text(to)


def test_a_manager_takes_an_invitation_from_inquiry_to_settled(browser: Any, live_server: Any):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    artist = AgentFactory(name="Alessio Kalmurzaev")
    manager = ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.MANAGER).user
    page = signed_in_page(browser, live_server, manager)
    page.goto(live_server.url + "/bookings/")
    page.get_by_role("link", name="Take a new inquiry").click()
    page.get_by_label("Artist").select_option(label="Alessio Kalmurzaev")
    page.get_by_label("Presenter").fill("Carnegie Hall")
    page.get_by_label("Title").fill("Kalmurzaev at Carnegie Hall")
    page.get_by_label("First performance").fill("2026-04-18")
    page.get_by_role("button", name="Take the inquiry").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalmurzaev at Carnegie Hall")
    holds = page.locator("form[action$='/holds/']")
    holds.get_by_label("Date").fill("2026-04-18")
    holds.get_by_role("button", name="Place the hold").click()
    expect(page.get_by_role("cell", name="1st")).to_be_visible()
    engagement = Engagement.objects.get()
    deal_set(
        engagement=engagement,
        currency="USD",
        guarantee=Decimal("10000"),
        commission_rate="15",
        withholdings=[WithholdingTerm("United States", Decimal("30"))],
    )
    page.reload()
    for state in ("Offered", "Contracted", "Confirmed", "Completed"):
        move(page, state)
    payment_add(engagement=engagement, paid_on=engagement.performances.get().date, amount="7000")
    settlement_set(engagement=engagement)
    page.reload()
    move(page, "Settled")
    table = page.locator(".money-table")
    expect(table.get_by_role("row", name="Withheld: United States")).to_contain_text("$3,000.00")
    expect(table.get_by_role("row", name="Manager's commission")).to_contain_text("$1,500.00")
    expect(table.get_by_role("row", name="The artist is owed (net)")).to_contain_text("$5,500.00")
    shot(page, "booking-settled")
    page.get_by_role("button", name="Publish the performances on the public record").click()
    page.get_by_role("link", name="on the public record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalmurzaev at Carnegie Hall")
    axe, found = Axe(), []
    for name, path in {
        "dashboard": "/bookings/",
        "list": "/bookings/engagements/",
        "new": "/bookings/engagements/new/",
        "engagement": engagement.get_absolute_url(),
    }.items():
        page.goto(live_server.url + path)
        shot(page, f"a11y-bookings-{name}")
        results = axe.run(page)
        assert results.response["testEngine"]["name"] == "axe-core"
        found += [
            f"{name}: {v['id']} ({v['impact']})"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
    assert found == [], "\n".join(found)
