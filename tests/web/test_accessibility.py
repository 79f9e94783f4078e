"""Accessibility: axe-core (bundled by axe-playwright-python) on every kind of page, in
Chromium. Serious and critical violations fail the test; each page's screenshot is kept."""

from __future__ import annotations

from typing import Any

import pytest

from cadenza.events.models import Event
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from tests.web.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages() -> dict[str, str]:
    kalmurzaev = Agent.objects.get(name="Alessio Kalmurzaev")
    inzaghi = Agent.objects.get(name="Alessio Leonardo Inzaghi")
    return {
        "home": "/",
        "search": "/search/?q=bach",
        "person": kalmurzaev.get_absolute_url(),
        "person-filtered": kalmurzaev.get_absolute_url() + "?kind=training",
        "biography": f"/people/{inzaghi.pk}/{inzaghi.slug}/biography/",
        "press-kit": f"/people/{inzaghi.pk}/{inzaghi.slug}/press-kit/",
        "event": Event.objects.get(
            name="Alessio Leonardo Inzaghi at Carnegie Hall"
        ).get_absolute_url(),
        "place": Place.objects.filter(name="Carnegie Hall").first().get_absolute_url(),  # type: ignore[union-attr]
        "work": Work.objects.get(catalogue_numbers__number="1007").get_absolute_url(),
        "login": "/login/",
    }


def test_no_serious_accessibility_violations(browser: Any, live_server: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    load_demo()
    axe = Axe()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found: list[str] = []
    for name, path in _pages().items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        shot(page, f"a11y-{name}")
        results = axe.run(page)
        assert results.response["testEngine"]["name"] == "axe-core"  # it really ran
        assert results.response["url"].endswith(path)
        for violation in results.response["violations"]:
            # Minor and moderate ones are printed (pytest -s) for a human to look at.
            print(name, violation["id"], violation["impact"])
            if violation["impact"] in {"serious", "critical"}:
                targets = [node["target"] for node in violation["nodes"]][:3]
                found.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    assert found == [], "\n".join(found)
