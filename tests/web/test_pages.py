"""The record pages, built from factories: what each shows, and to whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from cadenza.places.models import Place
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    CitationFactory,
    CityFactory,
    EventFactory,
    PlaceFactory,
    SourceFactory,
    UserFactory,
    WorkFactory,
)
from tests.web import records
from tests.web.test_demo_pages import text_of

pytestmark = pytest.mark.django_db

NOTES = "Prefers morning rehearsals."


# Private notes ---------------------------------------------------------------


def test_private_notes_are_hidden_from_visitors(client: Client):
    agent = AgentFactory(private_notes=NOTES)
    assert NOTES not in client.get(agent.get_absolute_url()).content.decode()


def test_private_notes_are_hidden_from_a_user_without_access(client: Client):
    agent = AgentFactory(private_notes=NOTES)
    ArtistAccessFactory(agent=AgentFactory())  # access to someone else
    client.force_login(UserFactory())
    assert NOTES not in client.get(agent.get_absolute_url()).content.decode()


def test_private_notes_are_shown_to_the_artists_manager(client: Client):
    access = ArtistAccessFactory(agent=AgentFactory(private_notes=NOTES))
    client.force_login(access.user)
    page = text_of(client.get(access.agent.get_absolute_url()))
    assert f"Private notes only you and the artist's team see this {NOTES}" in page


def test_private_notes_are_shown_to_staff(client: Client):
    agent = AgentFactory(private_notes=NOTES)
    client.force_login(UserFactory(is_staff=True))
    assert NOTES in client.get(agent.get_absolute_url()).content.decode()


# Agent -----------------------------------------------------------------------


def test_agent_page_shows_birth_ties_credits_and_highlighted_sources(client: Client):
    person = records.career(2)
    page = text_of(client.get(person.get_absolute_url()))
    assert "Born May 1980, Old Hall, Moscow" in page
    assert "Teachers Teacher 0" in page
    assert "Studied at School 0" in page
    assert "Suite 1, BWV" in page  # works played, with the catalogue number
    assert "“Quote 1”" in page
    body = client.get(person.get_absolute_url()).content.decode()
    # The agent's span, and the two milestones' overlapping spans as one run.
    assert body.count("<mark") == 2
    assert '"@type": "Person"' in body


def test_an_agents_page_without_slug_redirects_to_the_canonical_address(client: Client):
    agent = AgentFactory(name="Clara Schumann")
    response = client.get(f"/people/{agent.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/people/{agent.pk}/clara-schumann/"
    assert client.get(f"/people/{agent.pk}/wrong/")["Location"].endswith("/clara-schumann/")


def test_an_unknown_agent_is_not_found(client: Client):
    response = client.get("/people/999999/nobody/")
    assert response.status_code == 404


def test_source_text_is_escaped_around_the_marks(client: Client):
    agent = AgentFactory()
    source = SourceFactory(text="<b>bold</b> claim")
    CitationFactory(source=source, record=agent, span_start=12, span_end=17)
    body = client.get(agent.get_absolute_url()).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt; <mark" in body
    assert ">claim</mark>" in body


# Place -----------------------------------------------------------------------


def test_place_page_shows_chain_names_halls_and_events_newest_first(client: Client):
    building = records.venue_with_events(2)
    page = text_of(client.get(building.get_absolute_url()))
    assert "Vienna (city)" in page
    assert "Gesellschaft der Musikfreunde 1870–" in page
    assert "Inside Musikverein Golden Hall hall, 1,744 seats" in page
    assert "Europe/Vienna (from Vienna)" in page
    assert page.index("Concert Musikverein 1") < page.index("Concert Musikverein 0")
    assert "an orchestra" in page


def test_place_events_are_paginated_by_twenty_five_with_htmx_partials(client: Client):
    hall = PlaceFactory(name="Small Hall")
    for n in range(30):
        EventFactory(venue=hall, date_year=1900 + n, name=f"Night {n}")
    first = client.get(hall.get_absolute_url()).content.decode()
    assert first.count('class="event-row"') == 25
    assert "Night 29" in first and "Night 4<" not in first
    assert 'href="?page=2"' in first and 'hx-get="?page=2"' in first
    partial = client.get(hall.get_absolute_url(), {"page": 2}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body
    assert body.count('class="event-row"') == 5
    assert "Night 0<" in body and "Page 2 of 2" in body


def test_a_history_restore_gets_the_whole_page(client: Client):
    hall = PlaceFactory(name="Small Hall")
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    body = client.get(hall.get_absolute_url(), headers=headers).content.decode()
    assert "<html" in body and "Small Hall" in body


# Work ------------------------------------------------------------------------


def test_work_page_shows_composer_numbers_movements_and_performances(client: Client):
    work = records.work_with_performances(2)
    work.duration = timedelta(minutes=18)
    work.save()
    page = text_of(client.get(work.get_absolute_url()))
    assert "Composer Composer of Cello Suite" in page
    assert "Catalogue BWV" in page
    assert "about 18 min" in page
    positions = [page.index(f"Cello Suite movement {n}") for n in (1, 2, 3, 4)]
    assert positions == sorted(positions)
    assert "Recital 1" in page and "Cellist 1, soloist (violin)" in page


def test_a_movement_links_to_its_work_and_lists_the_concerts_that_played_it(client: Client):
    work = records.work_with_performances(1)
    first = work.movements.get(position=1)
    page = text_of(client.get(first.get_absolute_url()))
    assert "Movement 1 of Cello Suite" in page
    assert "Recital 0" in page  # the programme played movements 1 and 2
    fourth = work.movements.get(position=4)
    assert "Recital 0" not in text_of(client.get(fourth.get_absolute_url()))


# Event -----------------------------------------------------------------------


def test_event_page_shows_local_time_audience_programme_and_credits(client: Client):
    event = records.big_event(2)
    page = text_of(client.get(event.get_absolute_url()))
    assert "Monday 4 March 2024, 19:30 (America/New_York)" in page
    assert "2,700 of 2,804 seats (96%) — a packed hall" in page
    assert "renowned conductors, conductor" in page
    assert "Player 1, soloist" in page
    assert "Work 0 movement 1; Work 0 movement 2" in page
    assert "Soloist 1, soloist" in page
    assert "Intermission" in page
    assert "“Word for word 1.”" in page
    assert "The gala was a triumph." in page


def test_event_without_a_time_shows_its_partial_date(client: Client):
    event = EventFactory(date_year=1891, date_month=5, starts_at=None, venue=None)
    page = text_of(client.get(event.get_absolute_url()))
    assert "May 1891" in page


def test_event_time_falls_back_to_the_building_time_zone(client: Client):
    city = CityFactory(timezone="Europe/Vienna")
    hall = PlaceFactory(parent=PlaceFactory(kind=Place.Kind.BUILDING, parent=city))
    event = EventFactory(venue=hall, starts_at=datetime(2024, 1, 1, 18, 0, tzinfo=UTC))
    assert "19:00 (Europe/Vienna)" in text_of(client.get(event.get_absolute_url()))


# Home, login and logout ------------------------------------------------------


def test_home_lists_people_with_a_career_and_not_composers_alone(client: Client):
    storied = records.MilestoneFactory(agent=AgentFactory(name="Storied Player")).agent
    composer = WorkFactory().pk and AgentFactory(name="Mere Composer")
    page = text_of(client.get("/"))
    assert storied.name in page
    assert composer.name not in page


def test_login_and_logout_show_in_the_navigation(client: Client):
    UserFactory(username="manager")
    login = client.get("/login/")
    assert 'autocomplete="current-password"' in login.content.decode()
    response = client.post(
        "/login/", {"username": "manager", "password": "correct horse battery"}, follow=True
    )
    assert "Signed in as manager" in text_of(response)
    assert 'action="/logout/"' in response.content.decode()
    after = client.post("/logout/", follow=True)
    assert "Log in" in text_of(after)
    assert "Signed in as" not in text_of(after)


def test_a_wrong_password_is_refused_with_a_message(client: Client):
    UserFactory(username="manager")
    response = client.post("/login/", {"username": "manager", "password": "nope"})
    assert "Please enter a correct username and password" in text_of(response)
