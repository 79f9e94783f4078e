"""Suggestions as you type, in a real Chromium: a combobox over a listbox of links, arrow
keys when JavaScript runs, plain links to Tab to, the full results page without it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cadenza.ingest.demo import load_demo
from tests.factories import AgentFactory
from tests.web.conftest import shot

BOX = "Search artists, works, venues and events"


@pytest.mark.django_db
def test_the_partial_is_a_listbox_of_links(client: Client):
    agent = AgentFactory(name="Alessio Kalmurzaev")
    body = client.get("/search/", {"q": "kalmurzayev"}, headers={"HX-Request": "true"})
    html = body.content.decode()
    assert '<ul id="suggestion-list" class="suggestion-list" role="listbox"' in html
    assert (
        f'<a role="option" aria-selected="false" id="suggestion-people-1"'
        f' href="{agent.get_absolute_url()}">Alessio Kalmurzaev'
    ) in html


@pytest.mark.django_db
def test_the_box_is_a_combobox_that_controls_the_list(client: Client):
    html = client.get("/").content.decode()
    assert 'role="combobox" aria-autocomplete="list" aria-expanded="false"' in html
    assert 'aria-controls="suggestion-list"' in html
    assert "/static/web/search.js" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_arrow_keys_choose_a_suggestion_and_enter_opens_it(browser: Any, live_server: Any):
    from playwright.sync_api import expect

    load_demo()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name=BOX)
    box.fill("kalmurzayev bach")  # nothing is both
    expect(page.locator("#suggestions")).to_contain_text("Nothing matches")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.fill("alessio")  # both founding musicians, and their concerts
    listbox = page.get_by_role("listbox", name="Suggestions")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Alessio")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status")).to_contain_text("suggestions: arrow keys to choose")
    count = options.count()
    assert count >= 3

    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("ArrowUp")
    box.press("ArrowUp")  # from the first, up wraps to the last
    expect(options.nth(count - 1)).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()  # focus stays in the box while choosing
    shot(page, "search-suggestions")

    box.press("Escape")
    expect(listbox).to_have_count(0)
    expect(box).to_have_attribute("aria-expanded", "false")

    box.fill("Kalmurzayev")  # a typo, forgiven as one types
    first = page.get_by_role("option").first
    expect(first).to_contain_text("Alessio Kalmurzaev")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_suggestions_are_plain_links_to_tab_to(browser: Any, live_server: Any):
    from playwright.sync_api import expect

    load_demo()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name=BOX)
    box.fill("bwv 1007")
    expect(page.get_by_role("option").first).to_contain_text("Cello Suite No. 1")
    box.press("Tab")  # the Search button
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Cello Suite No. 1" in focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cello Suite No. 1")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_box_is_a_form(browser: Any, live_server: Any):
    from playwright.sync_api import expect

    load_demo()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name=BOX)
    box.fill("inzagi")  # a typo
    box.press("Enter")
    page.wait_for_url("**/search/?q=inzagi")
    expect(page.locator("#suggestions")).to_be_empty()
    link = page.locator(".result-list").get_by_role(
        "link", name="Alessio Leonardo Inzaghi", exact=True
    )
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Leonardo Inzaghi")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_open_suggestions_pass_axe(browser: Any, live_server: Any):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    load_demo()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/search/?q=carnegie")
    box = page.get_by_role("combobox", name=BOX)
    box.fill("carnegie hall")  # the page was opened with "carnegie" in the box
    expect(page.get_by_role("option").first).to_be_visible()
    box.press("ArrowDown")
    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    serious = [
        f"{v['id']} {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
