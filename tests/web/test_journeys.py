"""A newcomer's journeys in a real Chromium: search → person → event → work → venue.

The record is the demo (the two founding musicians) and a hand-written slice of the New
York Philharmonic archive in the release's format (tests/ingest/fixtures/nyphil): no
../shared/data is needed. The tests click what a visitor sees and assert on text, links
and headings; each page's screenshot and an axe-core check go with every step.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from tests.ingest.nyphil.helpers import FIXTURES
from tests.web.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARCHIVE = [FIXTURES / "quirks.json", FIXTURES / "stern.json"]
SERIOUS = {"serious", "critical"}


@pytest.fixture
def record() -> None:
    load_demo()
    import_nyphil(ARCHIVE)


@pytest.fixture
def page(browser: Any, live_server: Any) -> Any:
    """A desktop page that refuses to load anything from outside the live server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    outside: list[str] = []
    context.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    yield context.new_page()
    context.close()
    assert outside == [], f"the pages loaded something from elsewhere: {outside}"


def stern_concerts(venue: str | None = None) -> list[str]:
    """The dates (ISO) of Stern's concerts (at `venue`), read from the fixture files."""
    dates = []
    for path in ARCHIVE:
        for program in json.loads(path.read_text())["programs"]:
            soloists = {s["soloistName"] for w in program["works"] for s in w.get("soloists", [])}
            if "Stern, Isaac" in soloists:
                dates += [
                    c["Date"][:10]
                    for c in program["concerts"]
                    if venue is None or c["Venue"] == venue
                ]
    return sorted(dates)


def stern_at_carnegie_hall() -> list[str]:
    return stern_concerts("Carnegie Hall")


def check_accessibility(page: Any, name: str) -> None:
    """axe-core on the page as shown: no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page).response
    assert response["testEngine"]["name"] == "axe-core"
    found = [
        f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert found == [], f"{name}: " + "\n".join(found)


def arrive(page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    shot(page, f"journey-{name}")
    check_accessibility(page, name)


def search_for(page: Any, words: str) -> None:
    """Type into the home page's search box and submit it, as a visitor would."""
    from playwright.sync_api import expect

    page.goto("/")
    box = page.get_by_label("Search artists, works, venues and events")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.get_by_label("Search artists, works, venues and events")).to_have_value(words)


def test_a_newcomer_follows_isaac_stern_to_carnegie_hall(record: None, page: Any) -> None:
    from playwright.sync_api import expect

    search_for(page, "Isaac Stern")
    results = page.locator(".result-list")
    expect(results.get_by_role("link", name="Isaac Stern", exact=True)).to_be_visible()
    arrive(page, "stern-search")

    results.get_by_role("link", name="Isaac Stern", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isaac Stern")
    # His Carnegie Hall appearances, each dated and linked to the hall, on the timeline.
    timeline = page.locator("#timeline")
    at_carnegie = timeline.locator("li").filter(
        has=page.get_by_role("link", name="Carnegie Hall", exact=True)
    )
    dates = sorted(at_carnegie.locator("time").evaluate_all("ts => ts.map(t => t.dateTime)"))
    assert dates == stern_at_carnegie_hall()
    expect(timeline).to_contain_text("David Geffen Hall")  # and his concert elsewhere
    # ...and on a chart of his appearances per season, drawn with its figures.
    figures = page.locator("section").filter(has=page.get_by_role("heading", name="In figures"))
    expect(figures.get_by_role("heading", name="Appearances per season")).to_be_visible()
    total = len(stern_concerts())
    chart = figures.get_by_role("img", name=re.compile(rf"^Appearances per season: {total} "))
    expect(chart).to_be_visible()
    arrive(page, "stern-person")

    # One concert's programme: in order, the intermission in its place, Stern credited.
    concert = at_carnegie.filter(has_text="2 November 1961")
    concert.get_by_role("link", name="New York Philharmonic at Carnegie Hall").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "New York Philharmonic at Carnegie Hall"
    )
    expect(page.locator("main header")).to_contain_text("2 November 1961")
    programme = page.locator(".programme > li")
    expect(programme).to_have_count(3)
    expect(programme.nth(0)).to_contain_text("Symphony No. 5 in C minor")
    expect(programme.nth(1)).to_have_text("Intermission")
    expect(programme.nth(2)).to_contain_text("Violin Concerto in D major")
    expect(programme.nth(2).get_by_role("link", name="Isaac Stern")).to_be_visible()
    expect(programme.nth(2)).to_contain_text("soloist, violin")
    event_url = page.url
    arrive(page, "stern-event")

    # To the work: Tchaikovsky's concerto, with this very performance listed.
    programme.nth(2).get_by_role("link", name="Violin Concerto in D major").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Violin Concerto in D major, Op. 35")
    main = page.locator("main")
    expect(main).to_contain_text("Pyotr Ilyich Tchaikovsky")
    expect(main).to_contain_text("Op. 35")
    expect(page.get_by_role("heading", name=re.compile("^Movements"))).to_be_visible()
    performances = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile("^Performances"))
    )
    expect(performances).to_contain_text("2 November 1961")
    expect(performances).to_contain_text("Isaac Stern")
    arrive(page, "stern-work")

    # Back to the concert, and on to the hall.
    page.go_back()
    page.wait_for_url(event_url)
    page.locator("main header").get_by_role("link", name="Carnegie Hall").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carnegie Hall")
    expect(page.get_by_role("heading", name="Concerts per season")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Stern Auditorium")  # the hall inside
    events = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile("^Events"))
    )
    for iso in stern_at_carnegie_hall():
        expect(events.locator(f'time[datetime^="{iso}"]')).to_have_count(1)
    arrive(page, "stern-place")


def test_a_newcomer_follows_inzaghi_from_search_to_bach_and_the_hall(
    record: None, page: Any
) -> None:
    from playwright.sync_api import expect

    search_for(page, "Inzaghi")
    page.locator(".result-list").get_by_role(
        "link", name="Alessio Leonardo Inzaghi", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Leonardo Inzaghi")
    timeline = page.locator("#timeline")
    timeline.get_by_role("link", name="Alessio Leonardo Inzaghi at Carnegie Hall").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Alessio Leonardo Inzaghi at Carnegie Hall"
    )
    item = page.locator(".programme > li").filter(has_text="Cello Suite No. 1 in G major")
    expect(item).to_contain_text("BWV 1007")
    expect(item).to_contain_text("soloist, cello")
    expect(page.locator("main")).to_contain_text("nothing short of breathtaking")
    event_url = page.url

    item.get_by_role("link", name="Cello Suite No. 1 in G major").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cello Suite No. 1 in G major, BWV 1007"
    )
    expect(page.locator("main")).to_contain_text("Johann Sebastian Bach")
    expect(page.locator("main")).to_contain_text("Prélude")  # its first movement
    expect(page.locator("main")).to_contain_text("Alessio Leonardo Inzaghi")

    page.go_back()
    page.wait_for_url(event_url)
    page.locator("main header").get_by_role("link", name="Carnegie Hall").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carnegie Hall")
    expect(
        page.locator("main").get_by_role("link", name="Alessio Leonardo Inzaghi at Carnegie Hall")
    ).to_be_visible()
    shot(page, "journey-inzaghi-place")


def test_a_newcomer_follows_kalmurzaev_to_his_carnegie_hall_concert(
    record: None, page: Any
) -> None:
    from playwright.sync_api import expect

    search_for(page, "Kalmurzaev")
    page.locator(".result-list").get_by_role("link", name="Alessio Kalmurzaev", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Moscow")
    timeline.get_by_role("link", name="Alessio Kalmurzaev at Carnegie Hall").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev at Carnegie Hall")
    performers = page.locator("section").filter(has=page.get_by_role("heading", name="Performers"))
    expect(performers).to_contain_text("soloist, violin")
    # The biography names no piece for this concert, so the page shows no programme.
    expect(page.locator(".programme")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Accolades from critics")

    page.locator("main header").get_by_role("link", name="Carnegie Hall").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carnegie Hall")
    expect(
        page.locator("main").get_by_role("link", name="Alessio Kalmurzaev at Carnegie Hall")
    ).to_be_visible()
    # And back from the hall to the musician, through the concert's performers.
    page.locator("main").get_by_role("link", name="Alessio Kalmurzaev at Carnegie Hall").click()
    performers.get_by_role("link", name="Alessio Kalmurzaev").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")
    shot(page, "journey-kalmurzaev-back")


# Filtering a timeline ---------------------------------------------------------------


def test_the_timeline_filters_in_place_with_javascript(record: None, page: Any) -> None:
    from playwright.sync_api import expect

    search_for(page, "Kalmurzaev")
    page.locator(".result-list").get_by_role("link", name="Alessio Kalmurzaev", exact=True).click()
    person_path = page.url.split("?")[0]
    page.wait_for_load_state("networkidle")
    page.evaluate("window.stillThisPage = true")  # lost if the browser loads a new page
    filters = page.get_by_role("navigation", name="Show in the timeline")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Festival performances in Asia")

    filters.get_by_role("link", name=re.compile("^Training")).click()
    page.wait_for_url(re.compile(r"\?kind=training"))
    expect(timeline).to_contain_text("Moscow Conservatory")
    expect(timeline).not_to_contain_text("Festival performances in Asia")
    expect(filters.get_by_role("link", name=re.compile("^Training"))).to_have_attribute(
        "aria-current", "true"
    )
    assert page.evaluate("window.stillThisPage") is True, "htmx did not swap the list in place"
    arrive(page, "filter-training")

    filters.get_by_role("link", name=re.compile("^Performances")).click()
    page.wait_for_url(re.compile(r"\?kind=performances"))
    expect(timeline).to_contain_text("Festival performances in Asia")
    expect(timeline).not_to_contain_text("Moscow Conservatory")

    filters.get_by_role("link", name="All", exact=True).click()
    expect(timeline).to_contain_text("Moscow Conservatory")
    expect(timeline).to_contain_text("Festival performances in Asia")
    assert page.url.split("?")[0] == person_path
    assert page.evaluate("window.stillThisPage") is True

    # The address each filter pushed opens the same list as a page of its own.
    page.goto(person_path + "?kind=training")
    expect(page.locator("#timeline")).to_contain_text("Moscow Conservatory")
    expect(page.locator("#timeline")).not_to_contain_text("Festival performances in Asia")


def test_the_timeline_filters_as_plain_links_without_javascript(
    record: None, browser: Any, live_server: Any
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/search/?q=Kalmurzaev")
    page.locator(".result-list").get_by_role("link", name="Alessio Kalmurzaev", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")
    filters = page.get_by_role("navigation", name="Show in the timeline")

    filters.get_by_role("link", name=re.compile("^Competitions")).click()
    page.wait_for_url(re.compile(r"\?kind=competitions"))
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("several local competitions")
    expect(timeline).not_to_contain_text("Moscow Conservatory")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")
    shot(page, "filter-competitions-no-js")

    # The rest of the journey works without JavaScript too.
    timeline_all = filters.get_by_role("link", name="All", exact=True)
    timeline_all.click()
    page.locator("#timeline").get_by_role(
        "link", name="Alessio Kalmurzaev at Carnegie Hall"
    ).click()
    page.locator("main header").get_by_role("link", name="Carnegie Hall").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carnegie Hall")
    context.close()


# Search suggestions -------------------------------------------------------------------


def suggestion(page: Any, name: str) -> Any:
    """A suggestion under the search box: an option named by its title, then its kind's
    heading ("Isaac Stern People and ensembles")."""
    title = re.compile(rf"^{re.escape(name)} [A-Z]")
    return page.locator("#suggestions").get_by_role("option", name=title)


def test_suggestions_appear_as_one_types_and_a_click_opens_the_page(
    record: None, page: Any
) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    box = page.get_by_label("Search artists, works, venues and events")
    box.press_sequentially("isaac ste", delay=40)
    expect(suggestion(page, "Isaac Stern")).to_be_visible()
    all_results = page.locator("#suggestions").get_by_role("link", name=re.compile("All results"))
    expect(all_results).to_be_visible()
    assert page.url.endswith("/"), "typing must not leave the page"
    arrive(page, "suggestions")

    suggestion(page, "Isaac Stern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isaac Stern")


def test_suggestions_forgive_a_typo_and_open_from_the_keyboard(record: None, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    box = page.get_by_label("Search artists, works, venues and events")
    box.press_sequentially("Kalmurzayev", delay=40)
    wanted = suggestion(page, "Alessio Kalmurzaev")
    expect(wanted).to_be_visible()

    # Arrow keys move through the suggestions; Enter opens the one chosen.
    options = page.locator("#suggestions").get_by_role("option")
    for _ in range(options.count()):
        box.press("ArrowDown")
        if wanted.get_attribute("aria-selected") == "true":
            break
    else:
        pytest.fail("the arrow keys never chose the suggestion")
    assert box.get_attribute("aria-activedescendant") == wanted.get_attribute("id")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alessio Kalmurzaev")

    # Typing something else replaces the list.
    page.goto("/")
    box = page.get_by_label("Search artists, works, venues and events")
    box.press_sequentially("BWV 1007", delay=40)
    expect(suggestion(page, "Cello Suite No. 1 in G major")).to_be_visible()
    expect(page.locator("#suggestions")).not_to_contain_text("Kalmurzaev")


def test_suggestions_are_links_without_javascript_to_tab_to(
    record: None, browser: Any, live_server: Any
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    box = page.get_by_label("Search artists, works, venues and events")
    box.fill("Isaac Stern")
    box.press("Enter")  # without htmx the form submits: the full results page
    page.wait_for_url(re.compile(r"/search/\?q=Isaac"))
    page.locator(".result-list").get_by_role("link", name="Isaac Stern", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isaac Stern")
    context.close()
