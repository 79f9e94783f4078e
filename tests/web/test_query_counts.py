"""Every page runs a fixed number of queries, however much the record holds.

Each page is built at two sizes with the same shape, and must run the same, known number
of queries at both (pretalx's convention, with pytest-django's django_assert_num_queries).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from tests.factories import AgentFactory, ArtistAccessFactory, EventFactory, MilestoneFactory
from tests.web import records

pytestmark = pytest.mark.django_db

SIZES = [2, 7]

# Queries per page. Anonymous visitors: no session or user queries.
# artists (+ instruments, + their appearances), notable events (+ credits), recent events
# (+ credits)
HOME = 7
# index stamps (PostgreSQL: stamps and the words known; then the ids found); agents
# (+ instruments), works (+ numbers, composers, nicknames), places, events
SEARCH = 10 if connection.vendor == "postgresql" else 9
# agent, instruments, aliases, milestones, relationships, awards, reviews (+ quotes),
# appearances per season and year (which also counts them: long archive careers are summed
# up by year, and the chart reads the same), one page of event ids, the events shown, the
# agent's credits there, their programme items, movements and catalogue numbers,
# citations, works the agent wrote; the figures: works played (+ composers, + their
# catalogue numbers for the titles), venues, collaborators, the teachers' teachers
AGENT = 23
# place, names, children, events per season (which also counts them), one page of event
# ids, those events (+ credits), their works (+ soloists, composers)
PLACE = 10
# work, numbers, instruments, movements, composers, concerts (work_concerts), a page of ids,
# those events with their programmes (+ credits), the items playing the work (+ credits)
WORK = 13  # + performances per year for the chart, + its performers
# event with venue chain, series and programme; its credits; items (+ movements,
# catalogue numbers, composers, credits); reviews (+ quotes); citations
EVENT = 10


@pytest.mark.parametrize("size", SIZES)
def test_home(client: Client, django_assert_num_queries, size: int):
    for n in range(size):
        artist = AgentFactory(name=f"Artist {n}")
        MilestoneFactory(agent=artist)
        records.CreditFactory(event=EventFactory(attendance=100 + n), agent=artist)
    with django_assert_num_queries(HOME):
        response = client.get("/")
    assert response.content.decode().count('class="card"') == size


@pytest.mark.parametrize("size", SIZES)
def test_search(client: Client, django_assert_num_queries, size: int):
    for n in range(size):
        AgentFactory(name=f"Dvořák player {n}")
        records.suite_with_movements(f"Dvořák suite {n}", movements=1)
        records.PlaceFactory(name=f"Dvořák Hall {n}")
        EventFactory(name=f"Dvořák night {n}")
    client.get("/search/", {"q": "warm"})  # builds the word index once per process
    with django_assert_num_queries(SEARCH):
        response = client.get("/search/", {"q": "dvorak"})
    body = response.content.decode()
    # Each suite brings its composer and a movement: six hits per round.
    assert f"{6 * size} results" in body


@pytest.mark.parametrize("size", SIZES)
def test_agent(client: Client, django_assert_num_queries, size: int):
    person = records.career(size)
    with django_assert_num_queries(AGENT):
        response = client.get(person.get_absolute_url())
    body = response.content.decode()
    assert body.count('class="timeline__item') == size * 7
    assert f"Milestone {size - 1}" in body


@pytest.mark.parametrize("size", SIZES)
def test_agent_for_a_user_with_access(client: Client, django_assert_num_queries, size: int):
    person = records.career(size)
    access = ArtistAccessFactory(agent=person)
    client.force_login(access.user)
    # One more for the user (the session is a signed cookie), one for the access check.
    with django_assert_num_queries(AGENT + 2):
        response = client.get(person.get_absolute_url())
    assert "Fee: ask the manager." in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_place(client: Client, django_assert_num_queries, size: int):
    building = records.venue_with_events(size)
    with django_assert_num_queries(PLACE):
        response = client.get(building.get_absolute_url())
    body = response.content.decode()
    assert body.count('class="event-row"') == 2 * size
    assert body.count('class="event-row__highlights"') == 2 * size
    text = " ".join(body.split())
    assert "Composer of Suite Golden Hall 0: Suite Golden Hall 0 with Musician" in text


@pytest.mark.parametrize("size", SIZES)
def test_work(client: Client, django_assert_num_queries, size: int):
    work = records.work_with_performances(size)
    with django_assert_num_queries(WORK):
        response = client.get(work.get_absolute_url())
    body = response.content.decode()
    assert body.count('class="event-row"') == size
    assert f"Cellist {size - 1}, soloist (violin)" in body


@pytest.mark.parametrize("size", SIZES)
def test_event(client: Client, django_assert_num_queries, size: int):
    event = records.big_event(size)
    with django_assert_num_queries(EVENT):
        response = client.get(event.get_absolute_url())
    body = response.content.decode()
    assert body.count('class="programme__item') == size + 1
    assert body.count('class="review"') == size
