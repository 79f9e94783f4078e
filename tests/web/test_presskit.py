"""The press kit: biographies ready to copy, quotes with sources, repertoire, recent dates."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from cadenza.places.models import PlaceName
from tests.factories import ArtistAccessFactory
from tests.web import records

pytestmark = pytest.mark.django_db


def page(client: Client, agent: Agent) -> str:
    response = client.get(f"/people/{agent.pk}/{agent.slug}/press-kit/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_demo_cellists_press_kit(client: Client):
    load_demo()
    inzaghi = Agent.objects.get(name="Alessio Leonardo Inzaghi")
    body = page(client, inzaghi)
    for words in (50, 150, 400):
        opening = f'<div id="bio-{words}" class="presskit__text"><p>Alessio Leonardo Inzaghi'
        assert f"{opening} is a cellist." in body
        assert f'data-copy="bio-{words}" hidden>' in body  # shown by copy.js where it works
    assert "nothing short of breathtaking," in body
    assert "<figcaption>A review" in body
    assert "Cello Suite No. 1 in G major" in body  # the repertoire
    assert "No dated performances in the record yet." in body  # the demo's are undated
    person = client.get(inzaghi.get_absolute_url()).content.decode()
    assert f'href="/people/{inzaghi.pk}/{inzaghi.slug}/press-kit/"' in person


def test_recent_performances_newest_first_and_private_notes_for_the_team(client: Client):
    person = records.career(5)
    body = page(client, person)
    years = [body.index(f"· {year}") for year in (2004, 2003, 2002)]
    assert years == sorted(years)
    assert "Fee: ask the manager." not in body
    access = ArtistAccessFactory(agent=person)
    client.force_login(access.user)
    assert "Fee: ask the manager." in page(client, person)


def test_recent_performances_name_a_hall_as_it_was_then(client: Client):
    person = records.career(3)
    event = person.credits.select_related("event__venue").filter(event__date_year=2002).get().event
    PlaceName.objects.create(place=event.venue, name="Philharmonic Hall", end_year=2010)
    PlaceName.objects.create(place=event.venue, name=event.venue.name, start_year=2010)
    assert f"· 2002 · Philharmonic Hall (now {event.venue.name}), Moscow</li>" in page(
        client, person
    )


def test_it_prints_without_the_site_chrome(client: Client):
    css = client.get("/static/web/cadenza.css")
    text = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert ".no-print, .copy-button, .site-nav" in text
    assert "break-inside: avoid" in text


# The agent (3), its biography facts (the person page's figures, the catalogue numbers of
# the works played, 2 more for a career of five events or fewer, told one by one, or more
# for a longer one's first and last concerts, with theirs), quotes, recent performances
# with their venues' names of the time, and the access check: the same for a larger career.
@pytest.mark.parametrize(("size", "queries"), [(2, 25), (7, 31), (12, 31)])
def test_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, size: int, queries: int
):
    person = records.career(size)
    with django_assert_num_queries(queries):
        response = client.get(f"/people/{person.pk}/{person.slug}/press-kit/")
    assert "Anna Kovács" in response.content.decode()
