"""A venue's works and performers (loaded into the place page when scrolled to, a page of
its own without JavaScript) and a work's performers, counted in events."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cadenza.events.career_figures import agent_collaborators
from cadenza.events.models import Credit
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    PlaceFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return text_of(html[start : html.find("</section>", start)])


def concert_hall(size: int) -> tuple[Place, Work]:
    """A hall inside a building; `size` programmes there, each given on two nights: the
    same symphony (conducted by Otto Baton, with one of its movements played again as an
    encore), a concerto with a soloist, the house orchestra on every night."""
    building = PlaceFactory(name="Konzerthaus", kind=Place.Kind.BUILDING)
    hall = PlaceFactory(name="Grosser Saal", kind=Place.Kind.HALL, parent=building)
    symphony = WorkFactory(title="Symphony No. 9")
    finale = WorkFactory(title="Finale", parent=symphony, position=4)
    AuthorshipFactory(work=symphony, agent=AgentFactory(name="Anton Bruckner"))
    conductor, orchestra = AgentFactory(name="Otto Baton"), EnsembleFactory(name="House Band")
    for n in range(size):
        programme = ProgrammeFactory()
        played = ProgrammeItemFactory(programme=programme, position=1, work=symphony)
        CreditFactory(event=None, item=played, agent=conductor, role=Credit.Role.CONDUCTOR)
        concerto = ProgrammeItemFactory(
            programme=programme, position=2, work=WorkFactory(title=f"Concerto {n}")
        )
        CreditFactory(event=None, item=concerto, agent=AgentFactory(name=f"Solo {n}"))
        encore = ProgrammeItemFactory(programme=programme, position=3, work=finale)
        CreditFactory(event=None, item=encore, agent=conductor, role=Credit.Role.CONDUCTOR)
        for _night in range(2):
            event = EventFactory(venue=hall, programme=programme, date_year=1990 + n)
            CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
    return building, symphony


@pytest.mark.parametrize("size", [2, 6])
def test_a_venue_lists_its_works_and_performers_counted_in_events(
    client: Client, django_assert_num_queries, size: int
):
    building, _ = concert_hall(size)
    url = f"{building.get_absolute_url()}history/"
    # The place (with its names and the halls inside), the works played, their composers,
    # the performers: whatever the size.
    with django_assert_num_queries(7):  # + the works' catalogue numbers, for their titles
        html = client.get(url).content.decode()
    played = _section(html, "played-h")
    # The building counts the events of the hall inside it; each night counts.
    assert f"Symphony No. 9 Anton Bruckner {2 * size}" in played
    assert f"Finale — {2 * size}" in played
    assert "Concerto 0 — 2" in played
    performers = _section(html, "performers-h")
    assert f"Conductors Otto Baton {2 * size}" in performers
    assert f"Orchestras and ensembles House Band {2 * size}" in performers
    assert "Soloists Solo 0 2" in performers


def test_the_place_page_loads_its_history_when_seen_and_links_to_it_without_javascript(
    client: Client,
):
    building, _ = concert_hall(1)
    url = f"{building.get_absolute_url()}history/"
    page = client.get(building.get_absolute_url()).content.decode()
    section = page[page.index('id="place-history"') - 20 : page.index('id="history-h"')]
    assert f'hx-get="{url}"' in section and 'hx-trigger="revealed"' in section
    assert f'<a href="{url}">The works played most at Konzerthaus' in page
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part and part.lstrip().startswith('<div id="place-history">')
    assert "Otto Baton" in part
    whole = client.get(url).content.decode()
    assert "<html" in whole and "Works and performers at Konzerthaus" in text_of(whole)
    moved = client.get(f"/places/{building.pk}/an-old-name/history/")
    assert moved.status_code == 301 and moved["Location"] == url


def test_a_work_page_names_who_performed_it_most(client: Client):
    _, symphony = concert_hall(3)
    html = client.get(symphony.get_absolute_url()).content.decode()
    performers = _section(html, "performers-h")
    assert "Performed most by" in performers
    assert "Conductors Otto Baton 6" in performers
    assert "Orchestras and ensembles House Band 6" in performers
    # The soloists played the concertos, not the symphony.
    assert "Solo 0" not in performers
    finale = Work.objects.get(title="Finale")
    movement = _section(client.get(finale.get_absolute_url()).content.decode(), "performers-h")
    assert "Otto Baton 6" in movement


def test_roles_of_one_group_are_counted_together_in_events(client: Client):
    """A fellow soloist credited as soloist at two concerts and as assisting artist at a
    third played at three; an orchestra credited as orchestra and as ensemble, at two."""
    person, partner = AgentFactory(name="Mira Solenne"), AgentFactory(name="Paul Duo")
    band = EnsembleFactory(name="Ring Band")
    hall = PlaceFactory(name="Saal", kind=Place.Kind.HALL)
    roles = [Credit.Role.SOLOIST, Credit.Role.SOLOIST, Credit.Role.ASSISTING_ARTIST]
    for n, role in enumerate(roles):
        event = EventFactory(venue=hall, date_year=2000 + n)
        CreditFactory(event=event, agent=person)
        CreditFactory(event=event, agent=partner, role=role)
        if n < 2:
            band_role = Credit.Role.ORCHESTRA if n == 0 else Credit.Role.ENSEMBLE
            CreditFactory(event=event, agent=band, role=band_role)
    together = agent_collaborators(agent=person)
    assert [(c.agent.name, c.count) for c in together.soloists] == [("Paul Duo", 3)]
    assert [(c.agent.name, c.count) for c in together.ensembles] == [("Ring Band", 2)]
    html = client.get(f"{hall.get_absolute_url()}history/").content.decode()
    performers = _section(html, "performers-h")
    assert "Soloists Mira Solenne 3 Paul Duo 3" in performers
    assert "Orchestras and ensembles Ring Band 2" in performers
