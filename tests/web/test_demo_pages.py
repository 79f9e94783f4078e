"""The public pages over the demo record: the two founding biographies, end to end."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from cadenza.events.models import Event
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_demo()


def text_of(response) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    body = response.content.decode()
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


def test_home_lists_both_founding_artists_and_the_carnegie_hall_concerts(client: Client, demo):
    response = client.get("/")
    page = text_of(response)
    assert "The career record of classical musicians" in page
    kalmurzaev = Agent.objects.get(name="Alessio Kalmurzaev")
    inzaghi = Agent.objects.get(name="Alessio Leonardo Inzaghi")
    body = response.content.decode()
    assert f'href="{kalmurzaev.get_absolute_url()}"' in body
    assert f'href="{inzaghi.get_absolute_url()}"' in body
    assert "Alessio Leonardo Inzaghi at Carnegie Hall" in page
    assert 'role="search"' in body


def test_search_finds_a_work_by_its_catalogue_number(client: Client, demo):
    page = text_of(client.get("/search/", {"q": "BWV 1007"}))
    assert "Cello Suite No. 1" in page
    assert "Cello Suite No. 2" not in page


def test_search_finds_the_conservatory_by_an_alias(client: Client, demo):
    conservatory = Agent.objects.get(name="Moscow Conservatory")
    response = client.get("/search/", {"q": "tchaikovsky conservatory"})
    assert conservatory.get_absolute_url() in response.content.decode()


def test_kalmurzaev_timeline_follows_his_biography(client: Client, demo):
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    page = text_of(client.get(person.get_absolute_url()))
    story = [
        "Began taking lessons from a young age",
        "Spent countless hours practising",
        "Moscow Conservatory",
        "several local competitions",
        "Concerts with various orchestras throughout Russia",
        "Received an invitation to perform at Carnegie Hall",
        "Rehearsals for the Carnegie Hall performance",
        "Alessio Kalmurzaev at Carnegie Hall",
        "Accolades from critics and fans alike",
        "synonymous with excellence",
        "Festival performances in Europe",
        "Festival performances in Asia",
        "Retired from performing",
        "byword for musical excellence",
    ]
    timeline = page[page.index("Career timeline") :]
    positions = [timeline.index(fact) for fact in story]
    assert positions == sorted(positions)
    assert "violinist" in page
    assert "Born Moscow, Russia" in page


def test_kalmurzaev_page_shows_his_biography_with_the_cited_words_marked(client: Client, demo):
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Biography of Alessio Kalmurzaev" in body
    assert "<mark" in body
    assert ">he began taking lessons from a young age</mark>" in body
    # The whole text is there, not only the cited spans.
    assert "As he grew older, Alessio" in html.unescape(body)


def test_inzaghi_page_shows_bach_and_the_review_quote_word_for_word(client: Client, demo):
    person = Agent.objects.get(name="Alessio Leonardo Inzaghi")
    page = text_of(client.get(person.get_absolute_url()))
    assert "BWV 1007" in page
    assert (
        "“Alessio Leonardo Inzaghi's performance of Bach's Cello Suite No. 1 was nothing short "
        "of breathtaking,”" in page
    )
    assert "Also: Alessio Inzaghi" in page


def test_carnegie_hall_page_lists_both_concerts(client: Client, demo):
    hall = Place.objects.get(name="Carnegie Hall")
    page = text_of(client.get(hall.get_absolute_url()))
    assert "Alessio Kalmurzaev at Carnegie Hall" in page
    assert "Alessio Leonardo Inzaghi at Carnegie Hall" in page
    assert "New York" in page


def test_cello_suite_page_lists_movements_in_order_and_the_performance(client: Client, demo):
    suite = Work.objects.get(catalogue_numbers__catalogue="BWV", catalogue_numbers__number="1007")
    page = text_of(client.get(suite.get_absolute_url()))
    assert "Johann Sebastian Bach" in page
    assert "BWV 1007" in page
    movements = [m.title for m in suite.movements.order_by("position")]
    assert movements[0] == "Prélude"
    positions = [page.index(title) for title in movements[:4]]
    assert positions == sorted(positions)
    assert "Alessio Leonardo Inzaghi at Carnegie Hall" in page


def test_inzaghi_concert_page_has_programme_soloist_review_and_sources(client: Client, demo):
    event = Event.objects.get(name="Alessio Leonardo Inzaghi at Carnegie Hall")
    page = text_of(client.get(event.get_absolute_url()))
    assert "Cello Suite No. 1" in page
    assert "Alessio Leonardo Inzaghi, soloist, cello" in page
    assert "nothing short of breathtaking" in page
    assert "Biography of Alessio Leonardo Inzaghi" in page


def test_kalmurzaev_concert_page_keeps_the_vague_audience_note(client: Client, demo):
    event = Event.objects.get(name="Alessio Kalmurzaev at Carnegie Hall")
    page = text_of(client.get(event.get_absolute_url()))
    assert "a packed audience" in page
    assert "Carnegie Hall" in page


def test_an_unnamed_credit_shows_the_words_of_the_source(client: Client, demo):
    event = Event.objects.get(name="Festival performances in Europe")
    page = text_of(client.get(event.get_absolute_url()))
    assert "renowned conductors, conductor" in page
    assert "Alessio Kalmurzaev, soloist, violin" in page
