"""Works and movements: catalogue numbers, composers, nicknames; a work's performances
per year and its events, as its page counts them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cadenza.events.selectors import work_event_years
from tests.api.conftest import problem
from tests.factories import CatalogueNumberFactory, WorkFactory
from tests.web.records import suite_with_movements, work_with_performances

pytestmark = pytest.mark.django_db


def test_a_work_with_its_movements_numbers_and_performances(api_client: Client) -> None:
    work = work_with_performances(3)
    body = api_client.get(f"/api/v1/works/{work.pk}").json()
    assert body["title"].startswith("Cello Suite") and body["key"] == "G major"
    assert body["composers"][0]["name"] == "Composer of Cello Suite"
    assert [m["position"] for m in body["movements"]] == [1, 2, 3, 4]
    assert body["movements"][0]["parent"]["id"] == work.pk
    assert body["catalogue_numbers"][0]["text"] in body["title"]
    assert body["performances_per_year"] == [
        {"year": y, "count": n} for y, n in work_event_years(work=work)
    ]
    assert [p["count"] for p in body["performers"]["soloists"]] == [1, 1, 1]
    events = api_client.get(body["events"] + "&ordering=-date").json()["items"]
    assert [e["name"] for e in events] == ["Recital 2", "Recital 1", "Recital 0"]
    movement = api_client.get(f"/api/v1/works/{body['movements'][0]['id']}").json()
    assert movement["parent"]["id"] == work.pk and movement["composers"] == body["composers"]


def test_works_are_listed_whole_by_title_and_filtered(
    api_client: Client, django_assert_max_num_queries: Any
) -> None:
    suites = [suite_with_movements(f"Suite {n}") for n in (3, 1, 2)]
    bwv = WorkFactory(title="Cello Suite No. 1")
    CatalogueNumberFactory(work=bwv, catalogue="BWV", number="1007")
    with django_assert_max_num_queries(3):  # the page, its numbers, its composers
        body = api_client.get("/api/v1/works").json()
    assert [w["title"].split(",")[0] for w in body["items"]] == [
        "Cello Suite No. 1",
        "Suite 1",
        "Suite 2",
        "Suite 3",
    ]
    assert body["items"][0]["title"] == "Cello Suite No. 1, BWV 1007"
    found = api_client.get("/api/v1/works?catalogue=BWV 1007").json()["items"]
    assert [w["id"] for w in found] == [bwv.pk]
    composer = suites[0].authorships.get().agent
    by = api_client.get(f"/api/v1/works?composer={composer.pk}").json()["items"]
    assert [w["id"] for w in by] == [suites[0].pk]
    with_movements = api_client.get("/api/v1/works?movements=true&limit=100").json()["items"]
    assert len(with_movements) == 4 + 3 * 3
    problem(api_client.get("/api/v1/works?composer=x"), 400)
    problem(api_client.get("/api/v1/works/123456"), 404)
