"""A person's timeline and biography: the person page's own, entry for entry."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.api.conftest import problem
from tests.factories import EnsembleFactory
from tests.web.records import career

pytestmark = pytest.mark.django_db


def _page_kinds(client: Client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    start = html.index('class="timeline"')
    return re.findall(r'class="timeline__item timeline__item--(\w+)"', html[start:])


def test_the_timeline_is_the_person_pages(api_client: Client) -> None:
    person = career(3)
    body = api_client.get(f"/api/v1/people/{person.pk}/timeline").json()
    assert [e["kind"] for e in body["entries"]] == _page_kinds(Client(), person.get_absolute_url())
    assert body["agent"]["name"] == "Anna Kovács" and body["summarised"] is False
    counts = {c["category"]: c["count"] for c in body["categories"]}
    assert counts["performances"] == 6 and counts["reviews"] == 3
    years = [e["date"]["iso"] for e in body["entries"] if e["date"]]
    assert years == sorted(years)
    milestone = next(e for e in body["entries"] if e["kind"] == "milestone")
    assert milestone["text"] == "Milestone 0" and milestone["date"]["text"] == "2000"
    performance = next(e for e in body["entries"] if e["kind"] == "performance")
    assert performance["event"]["url"].startswith("/events/")
    review = next(e for e in body["entries"] if e["kind"] == "review")
    assert review["category"] == "reviews"


def test_the_timeline_narrowed_to_a_category_is_the_pages(api_client: Client) -> None:
    person = career(2)
    body = api_client.get(f"/api/v1/people/{person.pk}/timeline?category=training").json()
    page = _page_kinds(Client(), f"{person.get_absolute_url()}?kind=training")
    assert [e["kind"] for e in body["entries"]] == page
    assert {e["category"] for e in body["entries"]} == {"training"}
    teacher = next(e for e in body["entries"] if e["label"] == "Studied with")
    assert teacher["agent"]["name"].startswith("Teacher ")
    bad = problem(api_client.get(f"/api/v1/people/{person.pk}/timeline?category=gossip"), 400)
    assert bad["errors"][0]["field"] == "category"


def test_the_biography_in_its_lengths(api_client: Client) -> None:
    person = career(2)
    body = api_client.get(f"/api/v1/people/{person.pk}/biography").json()
    assert [v["words"] for v in body["versions"]] == [50, 150, 400]
    assert all("Kovács" in v["text"] for v in body["versions"])
    html = api_client.get(f"/api/v1/people/{person.pk}/biography?format=html&words=150").json()
    assert [v["words"] for v in html["versions"]] == [150] and "<p>" in html["versions"][0]["text"]
    problem(api_client.get(f"/api/v1/people/{person.pk}/biography?words=99"), 400)
    ensemble = EnsembleFactory()
    problem(api_client.get(f"/api/v1/people/{ensemble.pk}/biography"), 404)
    assert api_client.get(f"/api/v1/ensembles/{ensemble.pk}/timeline").status_code == 200
