"""Query strings that vary cannot fill the page cache (cadenza.web.caching): a page asked
for with a parameter no page reads, a parameter twice or an odd value is not stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from cadenza.web.caching import ALIAS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings: Any, tmp_path: Path) -> Path:
    settings.PAGE_CACHE = True
    location = tmp_path / "pages"
    settings.CACHES = {
        **settings.CACHES,
        ALIAS: {**settings.CACHES[ALIAS], "LOCATION": str(location)},
    }
    caches[ALIAS].clear()
    return location


def _stored(location: Path) -> int:
    return sum(1 for _ in location.rglob("*.djcache"))


def test_a_thousand_made_up_query_strings_store_nothing(client: Client, page_cache: Path) -> None:
    answers = [client.get(f"/browse/people/?utm_source=x{n}") for n in range(300)]
    answers += [client.get(f"/browse/people/?page={'9' * 8}{n}") for n in range(300)]
    answers += [client.get(f"/browse/people/?page=1&page={n}") for n in range(200)]
    answers += [client.get(f"/browse/people/?sort=%3Cb%3E{n}%3C%2Fb%3E") for n in range(200)]
    assert {a.status_code for a in answers} == {200}
    assert all("Browse" in a.content.decode() or "People" in a.content.decode() for a in answers)
    assert {a.get("X-Page-Cache", "") for a in answers} == {""}
    assert _stored(page_cache) == 0


def test_the_parameters_pages_read_are_still_cached(client: Client, page_cache: Path) -> None:
    first = client.get("/browse/people/?page=1&sort=name")
    again = client.get("/browse/people/?page=1&sort=name")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert again.content == first.content
    assert client.get("/browse/people/")["X-Page-Cache"] == "miss"
    assert _stored(page_cache) == 2
