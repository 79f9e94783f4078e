"""Every kind of page fits a phone: at 390 px nothing makes the page scroll sideways (a
wide table scrolls inside its own region). A screenshot of each goes to test-results/."""

from __future__ import annotations

from typing import Any

import pytest

from cadenza.accounts.models import User
from tests.ingest.biography.test_reading import KALMURZAEV
from tests.web.conftest import shot
from tests.web.page_kinds import load_whole_demo, page_kinds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
# The elements wider than the window, named for the failure message.
_TOO_WIDE = """() => {
  const limit = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit + 1) continue;
    let clipped = false;  // inside a region that scrolls or clips on its own
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow !== 'visible') { clipped = true; break; }
    }
    if (!clipped) wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  }
  return {scroll: document.documentElement.scrollWidth, limit, wide: wide.slice(0, 5)};
}"""


def test_every_page_kind_fits_a_phone(browser: Any, live_server: Any) -> None:
    load_whole_demo()
    manager = User.objects.get(username="demo-manager")
    manager.set_password("phone-width")
    manager.save()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    overflowing = {}
    signed_in = False
    for kind, url, needs_login in page_kinds():
        if needs_login and not signed_in:
            page.goto(live_server.url + "/login/")
            page.get_by_label("Username").fill("demo-manager")
            page.get_by_label("Password").fill("phone-width")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(lambda u: "/login/" not in u)
            signed_in = True
        page.goto(live_server.url + url)
        assert page.locator("h1").count() >= 1, kind
        found = page.evaluate(_TOO_WIDE)
        shot(page, f"phone-{kind}")
        if found["scroll"] > found["limit"] or found["wide"]:
            overflowing[kind] = found
    # The review page with a biography read: its facts table and fields, styled as the site's.
    page.goto(live_server.url + "/biographies/review/")
    page.locator("#bio-text").fill(KALMURZAEV)
    page.get_by_role("button", name="Read the facts").click()
    page.locator("#facts-h").wait_for()
    shot(page, "phone-bio-review-facts")
    found = page.evaluate(_TOO_WIDE)
    if found["scroll"] > found["limit"] or found["wide"]:
        overflowing["bio-review-facts"] = found
    person = page.locator("#person")
    styled = person.evaluate(
        "e => [getComputedStyle(e).borderTopLeftRadius, getComputedStyle(e).fontFamily]"
    )
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert styled[0] != "0px" and styled[1] == body_font  # not the browser's bare field
    context.close()
    said = [f"{k}: {v['scroll']} px wide, {', '.join(v['wide'])}" for k, v in overflowing.items()]
    if said:
        pytest.fail("pages wider than a phone:\n" + "\n".join(said))
