"""A manager reviews a biography in a real Chromium (Playwright): reads it, corrects a
fact's year, relinks a school to a new record, rejects a fact, and accepts the rest."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from cadenza.events.models import Award
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent, Relationship
from tests.factories import ArtistAccessFactory
from tests.ingest.biography.test_reading import KALMURZAEV
from tests.web.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_corrects_relinks_and_accepts(browser: Any, live_server: Any) -> None:
    from playwright.sync_api import expect

    load_demo()
    demo_school = Agent.objects.get(name="Moscow Conservatory")
    client = Client()
    client.force_login(ArtistAccessFactory().user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + "/biographies/review/")
    text = KALMURZAEV.replace("Alessio Kalmurzaev", "Alessio Kalm")  # someone new to the record
    page.get_by_role("textbox", name="Biography").fill(text)
    page.get_by_role("button", name="Read the facts").click()
    expect(page.get_by_role("heading", name="Facts read")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    # The school is found in the demo record (through its alias), and offered for change.
    school = page.get_by_label("Studied at Tchaikovsky Conservatory: the record it is")
    expect(school).to_have_value(str(demo_school.pk))
    school.select_option("new")
    page.get_by_label("Studied at Tchaikovsky Conservatory: year").fill("1990")
    page.get_by_label("Keep: Award several local competitions").uncheck()
    shot(page, "bio-review-corrected")
    page.get_by_role("button", name="Accept the facts kept").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalm")
    shot(page, "bio-review-imported")
    person = Agent.objects.get(name="Alessio Kalm")
    studied = Relationship.objects.get(subject=person, kind="studied_at")
    assert (studied.target.name, studied.begin_year) == ("Tchaikovsky Conservatory", 1990)
    assert studied.target != demo_school
    assert not Award.objects.filter(agent=person).exists()
    context.close()
