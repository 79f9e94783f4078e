"""Every figure a biography states is the person page's own: one selector per figure.

The career below is built so that the old ways of counting give other numbers: credits
rows (a programme given on two nights credits its soloist once), fellow soloists of the
same item only (one plays another piece of the concert), conductors of the artist's own
items only, a year's events where the chart counts seasons, and events planned, cancelled,
in the future or rehearsed, which are no appearances.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from cadenza.events.models import Credit, Event, Series
from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_kinds import Figure
from cadenza.press.biography_writer import LENGTHS, biography_sentences
from cadenza.press.writing.phrases import number
from cadenza.web.selectors import AgentFigures
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CityFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    PlaceFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
    SeriesFactory,
    WorkFactory,
)
from tests.ingest.nyphil.helpers import QUIRKS

pytestmark = pytest.mark.django_db


def said(count: int) -> str:
    return rf"\b({re.escape(number(count))}|{count:,})\b|\bonce\b|\btwice\b"


def compare(client: Client, agent: Agent) -> list[Figure]:
    """Every figure of the biography at every length against the person page's figures."""
    response = client.get(agent.get_absolute_url())
    assert response.status_code == 200
    figures: AgentFigures = response.context["figures"]
    facts = biography_facts(agent=agent)
    stated = []
    for words in LENGTHS:
        for sentence in biography_sentences(facts, words=words):
            for figure in sentence.figures:
                if figure.kind == "composition":  # all the record's concerts of a work
                    continue
                assert figures.value_of(figure) == figure.count, (figure, sentence.text)
                assert re.search(said(figure.count), sentence.text), (figure, sentence.text)
                stated.append(figure)
    return stated


def _soloist_career() -> Agent:
    """Six concerts that took place over two seasons (one programme given on two nights),
    and one each planned, cancelled, in the future and a rehearsal."""
    soloist = AgentFactory(name="Erica Morini", sort_name="Morini, Erica")
    partner = AgentFactory(name="Cynthia Phelps", sort_name="Phelps, Cynthia")
    conductor = AgentFactory(name="Bruno Walter", sort_name="Walter, Bruno")
    guest = AgentFactory(name="Guest Conductor", sort_name="Conductor, Guest")
    orchestra = EnsembleFactory(name="Philharmonia Orchestra")
    city = CityFactory(name="London")
    building = PlaceFactory(name="Royal Festival Hall", kind="building", parent=city)
    hall = PlaceFactory(name="Main Auditorium", kind="hall", parent=building)
    brahms = AgentFactory(name="Johannes Brahms", sort_name="Brahms, Johannes")
    concerto = WorkFactory(title="Concerto, Violin, D major, Op.77")
    AuthorshipFactory(work=concerto, agent=brahms, role="composer")
    seasons = [
        SeriesFactory(name=f"{y}-{str(y + 1)[2:]} season", kind="season") for y in (1950, 1951)
    ]
    today = date.today()
    dates = [(1950, 0), (1950, 0), (1951, 1), (1951, 1), (1951, 1), (1951, 1)]
    planned = [
        dict(status=Event.Status.PLANNED),
        dict(status=Event.Status.CANCELLED),
        dict(date_year=today.year + 1),
        dict(kind=Event.Kind.REHEARSAL),
    ]
    shared = ProgrammeFactory()
    for index, (year, season) in enumerate(dates + [(1951, 1)] * len(planned)):
        extra = planned[index - len(dates)] if index >= len(dates) else {}
        programme = shared if index in (2, 3) else ProgrammeFactory()
        fields = dict(venue=hall, date_year=year, series=seasons[season], programme=programme)
        event = EventFactory(**{**fields, **extra})
        CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
        if index == 3:
            continue  # the shared programme's second night: its item credits serve both
        item = ProgrammeItemFactory(programme=programme, work=concerto)
        CreditFactory(item=item, event=None, agent=soloist, role=Credit.Role.SOLOIST)
        CreditFactory(item=item, event=None, agent=conductor, role=Credit.Role.CONDUCTOR)
        # Another piece of the same concert: its soloist and conductor are at the event.
        other = ProgrammeItemFactory(programme=programme)
        CreditFactory(item=other, event=None, agent=partner, role=Credit.Role.SOLOIST)
        if index % 2:
            CreditFactory(item=other, event=None, agent=guest, role=Credit.Role.CONDUCTOR)
    return soloist


def test_a_biography_states_the_person_pages_figures(client: Client) -> None:
    soloist = _soloist_career()
    assert Series.objects.filter(kind="season").count() == 2
    stated = compare(client, soloist)
    kinds = {figure.kind for figure in stated}
    # Six appearances: the planned, cancelled, future and rehearsed events are none.
    assert {"ensemble", "conductor", "venue", "work", "season"} <= kinds, kinds
    assert Figure("ensemble", Agent.objects.get(name="Philharmonia Orchestra").pk, 6) in stated
    assert Figure("season", "1951-52 season", 4) in stated
    text = " ".join(s.text for s in biography_sentences(biography_facts(agent=soloist), words=400))
    assert str(date.today().year + 1) not in text
    assert "1951-52 season, with four concerts" in text
    # The chart beside it counts seasons, and says so.
    page = client.get(soloist.get_absolute_url()).content.decode()
    assert "most in a season: 4" in page and "most in a year" not in page


def test_the_home_page_counts_appearances_as_the_person_page(client: Client) -> None:
    soloist = _soloist_career()
    figures: AgentFigures = client.get(soloist.get_absolute_url()).context["figures"]
    assert figures.appearances.total == 6  # not 9 credit rows, nor 10 events
    home = client.get("/").content.decode()
    assert "6 appearances" in home
    assert "credit" not in home.lower().split("artists in the record")[1].split("</section>")[0]


def test_archive_and_demo_biographies_state_their_pages_figures(client: Client) -> None:
    import_nyphil([QUIRKS])
    load_demo()
    people = Agent.objects.filter(kind=Agent.Kind.PERSON, credits__isnull=False).distinct()
    stated = [figure for agent in people for figure in compare(client, agent)]
    assert stated  # the fixture's soloists have careers to count


def test_the_press_kit_tells_no_planned_or_future_event_as_performed(client: Client) -> None:
    soloist = _soloist_career()
    response = client.get(reverse("press-kit", args=[soloist.pk, soloist.slug]))
    recent = [event for event, _ in response.context["recent"]]
    assert len(recent) == 6
    assert all(e.status == Event.Status.TOOK_PLACE and e.kind != "rehearsal" for e in recent)
    assert all((e.date_year or 0) <= date.today().year for e in recent)
