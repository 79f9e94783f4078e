"""The biography page: three lengths written from the record, a partial for htmx."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from tests.factories import AgentFactory, CreditFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_the_biography_page_shows_three_lengths_from_the_record(client: Client) -> None:
    load_demo()
    inzaghi = Agent.objects.get(name="Alessio Leonardo Inzaghi")
    response = client.get(f"/people/{inzaghi.pk}/{inzaghi.slug}/biography/")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    for words in (50, 150, 400):
        assert f"About {words} words" in page
    assert page.count("<p>Alessio Leonardo Inzaghi is a cellist.") == 3
    assert "nothing short of breathtaking" in page
    assert '<a href="/people/' in page  # back to the person page


def test_the_person_page_links_to_it_and_htmx_gets_only_the_texts(client: Client) -> None:
    agent = AgentFactory(name="Mira Holt", sort_name="Holt, Mira")
    url = f"/people/{agent.pk}/{agent.slug}/biography/"
    person = client.get(agent.get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in person and f'<a href="{url}">' in person
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert "<p>Mira Holt is a musician.</p>" in partial


def test_an_old_address_is_sent_to_the_current_one(client: Client) -> None:
    agent = AgentFactory(name="Mira Holt")
    response = client.get(f"/people/{agent.pk}/old-name/biography/")
    assert response.status_code == 301
    assert response["Location"] == f"/people/{agent.pk}/mira-holt/biography/"


# The agent (3), its facts (17), and a short career's single performances (2) or a long
# one's first and last concerts (4 without programmes).
@pytest.mark.parametrize(("concerts", "queries"), [(1, 19), (30, 21), (90, 21)])
def test_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, concerts: int, queries: int
) -> None:
    agent = AgentFactory(name="Mira Holt")
    for _ in range(concerts):
        CreditFactory(event=EventFactory(), agent=agent)
    with django_assert_num_queries(queries):
        response = client.get(f"/people/{agent.pk}/mira-holt/biography/")
    assert "Mira Holt" in response.content.decode()
