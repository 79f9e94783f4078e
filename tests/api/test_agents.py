"""People, ensembles and organisations: lists paged and filtered, a bounded number of
queries, and a person's figures the same as their page's (one selector for both)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from cadenza.people.models import Agent
from tests.api.conftest import problem
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    EnsembleFactory,
    InstrumentFactory,
    OrganisationFactory,
)
from tests.web.records import career
from tests.web.test_person_page import touring_soloist

pytestmark = pytest.mark.django_db


def _all(client: Client, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while url:
        body = client.get(url).json()
        items += body["items"]
        url = body["next"]
    return items


def test_people_are_listed_by_name_a_page_at_a_time(api_client: Client) -> None:
    violin = InstrumentFactory(name="violin")
    for name in ["Zoë Zimmer", "Anna Alder", "Maria Moser", "Bea Bauer", "Carl Conti"]:
        person = AgentFactory(name=name, sort_name=name.split()[1] + ", " + name.split()[0])
        if name.startswith(("A", "M")):
            AgentInstrumentFactory(agent=person, instrument=violin)
    EnsembleFactory(name="Quartetto Alder")
    OrganisationFactory(name="Alder Hall Society")
    first = api_client.get("/api/v1/people?limit=2").json()
    assert [p["name"] for p in first["items"]] == ["Anna Alder", "Bea Bauer"]
    assert first["items"][0]["instruments"] == ["violin"]
    assert first["items"][0]["url"].startswith("/people/")
    everyone = _all(api_client, "/api/v1/people?limit=2")
    assert [p["sort_name"] for p in everyone] == [
        "Alder, Anna",
        "Bauer, Bea",
        "Conti, Carl",
        "Moser, Maria",
        "Zimmer, Zoë",
    ]
    backwards = _all(api_client, "/api/v1/people?limit=3&ordering=-name")
    assert [p["name"] for p in backwards] == [p["name"] for p in reversed(everyone)]
    violinists = api_client.get("/api/v1/people?instrument=Violin").json()["items"]
    assert [p["name"] for p in violinists] == ["Anna Alder", "Maria Moser"]
    named = api_client.get("/api/v1/people?q=alder").json()["items"]
    assert [p["name"] for p in named] == ["Anna Alder"]
    assert [e["name"] for e in _all(api_client, "/api/v1/ensembles")] == ["Quartetto Alder"]
    assert [o["kind"] for o in _all(api_client, "/api/v1/organisations")] == ["organisation"]


@pytest.mark.parametrize("size", [3, 30])
def test_a_list_costs_the_same_queries_whatever_its_length(
    api_client: Client, django_assert_max_num_queries: Any, size: int
) -> None:
    for n in range(size):
        AgentInstrumentFactory(agent=AgentFactory(name=f"Player {n:02}"))
    with django_assert_max_num_queries(2):  # the page, and the instruments of its rows
        body = api_client.get("/api/v1/people?limit=100").json()
    assert len(body["items"]) == size and all(p["instruments"] for p in body["items"])


def test_unknown_ordering_limit_and_cursor_are_400s_naming_them(api_client: Client) -> None:
    AgentFactory()
    ordering = problem(api_client.get("/api/v1/people?ordering=born"), 400)
    assert (
        ordering["errors"][0]["field"] == "ordering"
        and "'born'" in ordering["errors"][0]["message"]
    )
    limit = problem(api_client.get("/api/v1/people?limit=1000"), 400)
    assert limit["errors"][0]["field"] == "limit"
    cursor = problem(api_client.get("/api/v1/people?cursor=abc"), 400)
    assert cursor["errors"] == [
        {"field": "cursor", "message": "not a cursor this API gave (copy the `next` link)."}
    ]


def _page_figures(client: Client, person: Agent) -> dict[str, str]:
    html = client.get(person.get_absolute_url()).content.decode()
    start = html.index('id="figures-h"')
    section = html[start : html.index("</section>", start)]
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", section))


@pytest.mark.parametrize("size", [2, 4])
def test_a_persons_figures_are_their_pages(api_client: Client, size: int) -> None:
    person = touring_soloist(size)
    detail = api_client.get(f"/api/v1/people/{person.pk}").json()
    page = _page_figures(Client(), person)
    figures = detail["figures"]
    assert str(figures["appearances"]) == page["Appearances"] == str(size)
    assert str(figures["works"]) == page["Works"]
    assert str(figures["venues"]) == page["Venues"] and str(figures["cities"]) == page["Cities"]
    assert f"{figures['first']} – {figures['last']}" == page["Seasons"]
    assert [s["count"] for s in figures["seasons"]] == [1] * size


def test_a_person_in_detail_tells_no_private_notes(api_client: Client) -> None:
    person = career(2)
    response = api_client.get(f"/api/v1/people/{person.pk}")
    body = response.json()
    assert "Fee: ask the manager" not in response.content.decode()
    assert body["name"] == "Anna Kovács" and body["begin"] == {"iso": "1980-05", "text": "May 1980"}
    assert body["begin_place"]["name"] == "Old Hall, Moscow"
    assert body["aliases"] == [{"name": "Anna Kovacs", "kind": "alias"}]
    assert body["timeline"] == f"/api/v1/people/{person.pk}/timeline"
    events = api_client.get(body["events"]).json()["items"]
    assert len(events) == 4 and all(e["date"]["iso"] in {"2000", "2001"} for e in events)


def test_an_agent_of_another_kind_is_not_found_there(api_client: Client) -> None:
    ensemble = EnsembleFactory()
    body = problem(api_client.get(f"/api/v1/people/{ensemble.pk}"), 404)
    assert body["detail"] == f"No person {ensemble.pk}."
    assert api_client.get(f"/api/v1/ensembles/{ensemble.pk}").json()["kind"] == "ensemble"
    problem(api_client.get("/api/v1/people/999999"), 404)
    problem(api_client.get("/api/v1/people/abc"), 404)
