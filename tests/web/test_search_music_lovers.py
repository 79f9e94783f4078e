"""Search as music lovers ask: ordinals and numbers alike, possessives, nicknames, names run
together; the works played most first. Runs on SQLite (the word index) and, with
DATABASE_URL, on PostgreSQL (full-text search): one contract."""

from __future__ import annotations

import pytest
from django.test import Client

from cadenza.events.credited_instruments import agent_instruments_refresh
from cadenza.ingest.work_nicknames import work_nicknames_load
from cadenza.web.search.results import search_record
from cadenza.web.search.words import terms
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CatalogueNumberFactory,
    CreditFactory,
    InstrumentFactory,
    ProgrammeItemFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> None:
    beethoven = AgentFactory(name="Ludwig van Beethoven", sort_name="Beethoven, Ludwig van")
    ma = AgentFactory(name="Yo-Yo Ma", sort_name="Ma, Yo-Yo")
    AgentFactory(name="Yoel Levi", sort_name="Levi, Yoel")
    AgentFactory(name="Michael Stern", sort_name="Stern, Michael")
    stern = AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    CreditFactory(agent=stern, instrument=InstrumentFactory(name="violin"))
    CreditFactory(agent=ma, instrument=InstrumentFactory(name="cello"))
    agent_instruments_refresh()
    works = [
        # title, catalogue number, times played
        ("Concerto, Piano, No. 5, E flat major, Op.73", "73", 3),
        ("Symphony No. 5 in C minor", "67", 8),
        ("Quartet, String, Op. 18, No. 5, A major", "18 No. 5", 1),
        ("Symphony No. 3 in E flat major, Op. 55", "55", 5),
        ("Symphony No. 7 in A major, Op.92", "92", 6),
    ]
    for title, number, played in works:
        work = WorkFactory(title=title)
        AuthorshipFactory(work=work, agent=beethoven)
        CatalogueNumberFactory(work=work, catalogue="Op.", number=number)
        for _ in range(played):
            ProgrammeItemFactory(work=work)
    work_nicknames_load()


def _works(query: str) -> list[str]:
    return [w.title for w in search_record(query).works]


def test_query_words_stand_for_ordinals_numbers_and_possessives():
    assert terms("Beethoven’s 5th") == [("beethoven",), ("5", "fifth")]
    assert terms("beethoven's fifth") == [("beethoven",), ("fifth", "5")]
    assert terms("Brahms' first") == [("brahms",), ("first", "1")]
    assert terms("BWV 1007") == [("bwv",), ("1007",)]  # no ordinal for a catalogue number


@pytest.mark.parametrize(
    "query",
    ["beethoven fifth", "beethoven's fifth", "Beethoven’s 5th", "beethoven 5", "Beethoven No. 5"],
)
def test_beethovens_fifth_is_the_symphony_first(record, query):
    found = _works(query)
    assert found[0] == "Symphony No. 5 in C minor"
    assert "Concerto, Piano, No. 5, E flat major, Op.73" in found
    assert "Symphony No. 7 in A major, Op.92" not in found


def test_the_works_played_most_come_first_among_equals(record):
    # Every one matches "beethoven" alike: the symphony played 8 times leads.
    assert _works("beethoven")[:3] == [
        "Symphony No. 5 in C minor",
        "Symphony No. 7 in A major, Op.92",
        "Symphony No. 3 in E flat major, Op. 55",
    ]


@pytest.mark.parametrize(
    ("query", "work"),
    [
        ("emperor concerto", "Concerto, Piano, No. 5, E flat major, Op.73"),
        ("Emperor", "Concerto, Piano, No. 5, E flat major, Op.73"),
        ("eroica", "Symphony No. 3 in E flat major, Op. 55"),
        ("beethoven eroica", "Symphony No. 3 in E flat major, Op. 55"),
    ],
)
def test_nicknames_find_their_works(record, query, work):
    assert _works(query) == [work]


@pytest.mark.parametrize("query", ["yoyo ma", "yoyo", "Yo Yo Ma", "ma yoyo"])
def test_names_run_together_find_the_hyphenated_name(record, query):
    assert [a.name for a in search_record(query).agents] == ["Yo-Yo Ma"]


def test_the_results_page_says_the_nickname(record, client: Client):
    body = " ".join(client.get("/search/", {"q": "emperor concerto"}).content.decode().split())
    assert (
        'Piano Concerto No. 5 in E-flat major, Op. 73</a> <span class="nickname">“Emperor”</span>'
        in body
    )


@pytest.mark.parametrize(
    ("query", "person"), [("stern violin", "Isaac Stern"), ("ma cello", "Yo-Yo Ma")]
)
def test_people_are_found_by_what_their_credits_say_they_play(record, query, person):
    assert [a.name for a in search_record(query).agents] == [person]
