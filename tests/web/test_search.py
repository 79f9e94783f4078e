"""Search: case- and accent-insensitive, grouped by kind, with htmx suggestions."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cadenza.web.search import fold, search_record, word_pattern, words
from tests.factories import (
    AgentFactory,
    AliasFactory,
    AuthorshipFactory,
    CatalogueNumberFactory,
    CreditFactory,
    EventFactory,
    PlaceFactory,
    PlaceNameFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def test_fold_drops_case_and_accents():
    assert fold("Antonín DVOŘÁK") == "antonin dvorak"
    assert fold("Łódź Øresund") == "lodz oresund"


def test_words_split_letters_from_digits():
    assert words("BWV1007") == ["bwv", "1007"]
    assert words("  K. 466 ") == ["k", "466"]


def test_word_patterns_match_accented_forms_at_word_starts():
    assert re.search(word_pattern("dvorak"), "Antonin Dvořák", re.IGNORECASE)
    assert re.search(word_pattern("saens"), "Camille Saint-Saëns", re.IGNORECASE)
    assert not re.search(word_pattern("ma"), "Thomas", re.IGNORECASE)
    assert re.search(word_pattern("5"), "Symphony No. 5, Op. 64", re.IGNORECASE)
    assert not re.search(word_pattern("5"), "Op. 54", re.IGNORECASE)


def test_regex_characters_are_text():
    assert words(".*") == []
    assert search_record("a+b (c)").count == 0  # nothing to break out of


def test_words_match_in_any_order_and_every_word_must_match():
    ma = AgentFactory(name="Yo-Yo Ma", sort_name="Ma, Yo-Yo")
    AgentFactory(name="Thomas Mann", sort_name="Mann, Thomas")
    assert search_record("Ma, Yo-Yo").agents == [ma]
    assert search_record("yo-yo ma").agents == [ma]
    saens = AgentFactory(name="Camille Saint-Saëns")
    AgentFactory(name="Saint Louis Symphony", kind="ensemble")
    assert search_record("saint saens").agents == [saens]


def test_typos_are_corrected_when_nothing_matches():
    kalmurzaev = AgentFactory(name="Alessio Kalmurzaev", sort_name="Kalmurzaev, Alessio")
    results = search_record("Kalmurzayev")
    assert results.agents == [kalmurzaev]
    assert results.corrected == "kalmurzaev"
    tchaikovsky = AgentFactory(name="Pyotr Ilyich Tchaikovsky")
    fifth = WorkFactory(title="Symphony No. 5 in E minor")
    AuthorshipFactory(work=fifth, agent=tchaikovsky)
    other = WorkFactory(title="Symphony No. 5 in C minor")
    AuthorshipFactory(work=other, agent=AgentFactory(name="Ludwig van Beethoven"))
    WorkFactory(title="Symphony No. 54")
    results = search_record("tchaikovsky symfony 5")
    assert results.works == [fifth]
    assert results.corrected == "tchaikovsky symphony 5"
    assert search_record("beethoven").corrected == ""  # found as typed: nothing corrected


def test_catalogue_numbers_in_their_usual_spellings():
    concerto = WorkFactory(title="Piano Concerto No. 14")
    CatalogueNumberFactory(work=concerto, catalogue="K.", number="449")
    for query in ("K. 449", "K 449", "k449"):
        assert search_record(query).works == [concerto], query


def test_closest_names_come_first():
    AgentFactory(name="Isaac Sternberg", sort_name="Sternberg, Isaac")
    stern = AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    assert search_record("isaac stern").agents[0] == stern


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


def test_the_page_says_when_it_searched_a_corrected_spelling(client: Client):
    AgentFactory(name="Alessio Kalmurzaev", sort_name="Kalmurzaev, Alessio")
    page = client.get("/search/", {"q": "Kalmurzayev"}).content.decode()
    assert "1 result for “kalmurzaev”" in page
    assert "nothing matched “Kalmurzayev” as typed" in page
    assert "Alessio Kalmurzaev</a>" in page


def test_among_equal_matches_the_most_credited_comes_first():
    AgentFactory(name="I. Stern", sort_name="Stern, I.")
    stern = AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    for _ in range(3):
        CreditFactory(agent=stern)
    assert search_record("stern").agents[0] == stern
