"""Search forgives typos, accents and word order, and ranks exact > prefix > fuzzy."""

from __future__ import annotations

import pytest
from django.test import Client

from cadenza.web.search.results import search_record
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CatalogueNumberFactory,
    CreditFactory,
    EventFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def test_a_misspelt_surname_finds_the_musician():
    musician = AgentFactory(name="Alessio Kalmurzaev", sort_name="Kalmurzaev, Alessio")
    AgentFactory(name="Alessio Rossi", sort_name="Rossi, Alessio")
    assert search_record("Kalmurzayev").agents == [musician]


def test_a_misspelt_work_is_found_by_composer_title_and_number():
    tchaikovsky = AgentFactory(name="Pyotr Ilyich Tchaikovsky")
    fifth = WorkFactory(title="Symphony No. 5 in E minor")
    fourth = WorkFactory(title="Symphony No. 4 in F minor")
    mahler_fifth = WorkFactory(title="Symphony No. 5 in C-sharp minor")
    AuthorshipFactory(work=fifth, agent=tchaikovsky)
    AuthorshipFactory(work=fourth, agent=tchaikovsky)
    AuthorshipFactory(work=mahler_fifth, agent=AgentFactory(name="Gustav Mahler"))
    assert search_record("tchaikovsky symfony 5").works == [fifth]


def test_accents_either_way():
    dvorak = AgentFactory(name="Antonín Dvořák", sort_name="Dvořák, Antonín")
    plain = AgentFactory(name="Jan Dvorak", sort_name="Dvorak, Jan")
    for query in ("Dvorak", "Dvořák", "DVORAK"):
        assert set(search_record(query).agents) == {dvorak, plain}, query


def test_word_order_does_not_matter():
    cellist = AgentFactory(name="Yo-Yo Ma", sort_name="Ma, Yo-Yo")
    for query in ("Ma, Yo-Yo", "yo-yo ma", "YO YO MA", "ma yo yo"):
        assert search_record(query).agents[:1] == [cellist], query


@pytest.mark.parametrize(
    ("catalogue", "number", "queries"),
    [
        ("BWV", "1007", ["BWV 1007", "BWV1007", "bwv 1007"]),
        ("K.", "449", ["K. 449", "K 449", "k449"]),
        ("Op.", "67", ["Op. 67", "op 67", "Op.67"]),
    ],
)
def test_catalogue_numbers_in_any_spelling(catalogue: str, number: str, queries: list[str]):
    work = WorkFactory(title="A work")
    CatalogueNumberFactory(work=work, catalogue=catalogue, number=number)
    neighbour = WorkFactory(title="Its neighbour")
    CatalogueNumberFactory(work=neighbour, catalogue=catalogue, number=f"{number}1")
    other = WorkFactory(title="Another")
    CatalogueNumberFactory(work=other, catalogue=catalogue, number="2")
    for query in queries:
        assert search_record(query).works[:1] == [work], query
        assert other not in search_record(query).works, query


def test_exact_before_prefix_before_fuzzy():
    fuzzy = AgentFactory(name="Sterm Quartet", sort_name="Sterm Quartet")
    prefix = AgentFactory(name="Sternberg Trio", sort_name="Sternberg Trio")
    exact = AgentFactory(name="Stern", sort_name="Stern")
    found = search_record("stern").agents
    assert found.index(exact) < found.index(prefix)
    assert fuzzy not in found or found.index(prefix) < found.index(fuzzy)


def test_more_credited_people_first_among_equals():
    michael = AgentFactory(name="Michael Stern", sort_name="Stern, Michael")
    isaac = AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    for _ in range(3):
        CreditFactory(agent=isaac)
    CreditFactory(agent=michael)
    assert search_record("stern").agents == [isaac, michael]


def test_events_are_found_by_venue_and_year_newest_first():
    older = EventFactory(name="Gala", date_year=1960)
    newer = EventFactory(name="Gala", date_year=1999)
    assert search_record("gala").events == [newer, older]
    assert search_record("gala 1960").events == [older]


def test_an_overlong_query_is_cut_not_refused(client: Client):
    AgentFactory(name="Isaac Stern")
    query = "stern " + "x" * 5000
    body = client.get("/search/", {"q": query}).content.decode()
    assert f"Nothing matches “{query[:100]}”" in body


def test_the_plain_form_works_without_javascript(client: Client):
    body = client.get("/").content.decode()
    assert 'action="/search/"' in body
    assert 'name="q"' in body


def test_each_kind_shows_its_count_and_a_link_to_the_rest(client: Client):
    for n in range(25):
        AgentFactory(name=f"Carnegie Singer {n}")
    EventFactory(name="Carnegie Gala")
    body = client.get("/search/", {"q": "carnegie"}).content.decode()
    assert "26 results for “carnegie”" in body
    assert '<span class="count">25</span>' in body
    assert body.count('href="/people/') == 20
    assert 'href="/search/?q=carnegie&amp;kind=people">All 25 people and ensembles' in body
    assert "kind=events" not in body  # every event is already shown


def test_more_of_one_kind_lists_only_that_kind(client: Client):
    for n in range(25):
        AgentFactory(name=f"Carnegie Singer {n}")
    EventFactory(name="Carnegie Gala")
    body = client.get("/search/", {"q": "carnegie", "kind": "people"}).content.decode()
    assert body.count('href="/people/') == 25
    assert "Carnegie Gala" not in body
    assert "25 results for “carnegie” among people and ensembles" in body
