"""Search: case- and accent-insensitive, grouped by kind, with htmx suggestions."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cadenza.web.search.results import search_record
from cadenza.web.search.words import pattern, words
from tests.factories import (
    AgentFactory,
    AliasFactory,
    CatalogueNumberFactory,
    EventFactory,
    PlaceFactory,
    PlaceNameFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def test_words_split_letters_from_digits():
    assert words("BWV1007") == ["bwv", "1007"]
    assert words("  K. 466 ") == ["k", "466"]


def test_pattern_matches_accented_and_punctuated_forms():
    regex = re.compile(pattern("saint saens"), re.IGNORECASE)
    assert regex.search("Camille Saint-Saëns")
    assert not regex.search("Saint Louis")
    assert re.search(pattern("Dvořák"), "Antonin Dvorak", re.IGNORECASE)


def test_pattern_treats_regex_characters_as_text():
    assert pattern(".*") == ""
    assert re.compile(pattern("a+b (c)"))  # nothing to break out of


def test_bwv_1007_finds_the_first_cello_suite_and_not_its_neighbours():
    suite = WorkFactory(title="Cello Suite No. 1")
    CatalogueNumberFactory(work=suite, catalogue="BWV", number="1007")
    other = WorkFactory(title="Cello Suite No. 2")
    CatalogueNumberFactory(work=other, catalogue="BWV", number="1008")
    for query in ("BWV 1007", "bwv1007", "Bwv  1007"):
        assert search_record(query).works == [suite], query


def test_agents_are_found_by_alias_and_without_accents():
    dvorak = AgentFactory(name="Antonín Dvořák", sort_name="Dvořák, Antonín")
    conservatory = AgentFactory(name="Moscow Conservatory")
    AliasFactory(agent=conservatory, name="Tchaikovsky Conservatory")
    assert search_record("dvorak").agents == [dvorak]
    assert search_record("DVOŘÁK").agents == [dvorak]
    assert search_record("tchaikovsky").agents == [conservatory]


def test_places_are_found_by_a_former_name():
    hall = PlaceFactory(name="David Geffen Hall")
    PlaceNameFactory(place=hall, name="Avery Fisher Hall", start_year=1973, end_year=2015)
    assert search_record("avery fisher").places == [hall]


def test_events_are_found_by_name_and_an_empty_query_finds_nothing(
    django_assert_num_queries,
):
    event = EventFactory(name="Gala Concert")
    assert search_record("gala").events == [event]
    with django_assert_num_queries(0):
        assert search_record("  ").count == 0


def test_search_page_groups_results_by_kind(client: Client):
    AgentFactory(name="Carnegie Quartet")
    PlaceFactory(name="Carnegie Hall")
    EventFactory(name="Carnegie Gala")
    body = client.get("/search/", {"q": "carnegie"}).content.decode()
    assert body.index("People and ensembles") < body.index("Places") < body.index("Events")
    assert "Works</h2>" not in body
    assert "3 results for “carnegie”" in body


def test_search_page_says_when_nothing_matches(client: Client):
    body = client.get("/search/", {"q": "zzzz"}).content.decode()
    assert "Nothing matches “zzzz”" in body


def test_htmx_gets_only_the_suggestions_partial(client: Client):
    agent = AgentFactory(name="Alessio Kalmurzaev")
    response = client.get("/search/", {"q": "kalmur"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert f'href="{agent.get_absolute_url()}"' in body
    assert "All results for “kalmur”" in body


def test_search_escapes_what_it_echoes(client: Client):
    body = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
