"""The press kit in a real Chromium: copy a biography, and print the page.

Screenshots (screen and print) go to test-results/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from tests.web.conftest import RESULTS, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOLOIST = Path(__file__).parents[1] / "ingest" / "fixtures" / "nyphil" / "soloist.json"


def test_an_archive_soloists_press_kit_copies_and_prints(browser: Any, live_server: Any) -> None:
    from playwright.sync_api import expect

    load_demo()
    import_nyphil([SOLOIST])
    kessler = Agent.objects.get(name="Ruth Kessler")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/people/{kessler.pk}/{kessler.slug}/press-kit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ruth Kessler")
    for words in (50, 150, 400):
        expect(page.locator(f"#bio-{words}")).to_contain_text(
            "The violinist Ruth Kessler appeared in eight concerts"
        )
    expect(page.locator("#bio-150")).to_contain_text("Brahms' Violin Concerto in D major, Op. 77")
    repertoire = page.locator("section[aria-labelledby=repertoire-h] li").first
    expect(repertoire).to_have_text("Brahms' Violin Concerto in D major, Op. 77 (3 performances)")
    expect(page.locator("section[aria-labelledby=recent-h]")).to_contain_text("Musikverein")
    shot(page, "presskit")

    # The button copies exactly the biography shown, without the page around it.
    button = page.locator("button[data-copy=bio-150]")
    expect(button).to_have_text("Copy the 150-word biography")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#bio-150").inner_text().strip()
    assert copied.startswith("The violinist Ruth Kessler appeared") and "Copy" not in copied

    # On paper: no site header, navigation or buttons; the biographies and lists remain.
    page.emulate_media(media="print")
    for chrome in (".site-header", ".copy-button", ".no-print"):
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    expect(page.locator("#bio-400")).to_be_visible()
    expect(page.locator("section[aria-labelledby=quotes-h]")).to_be_visible()
    shot(page, "presskit-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (RESULTS / "presskit.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 3, f"the press kit prints on {pages} pages"
    context.close()
