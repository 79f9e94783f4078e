"""Every figure a page shows agrees with the biography's and the other pages': one selector
per figure, each counting concerts that took place (`events/performed.py`).

A small hand-made record: a violinist's 22 concerts at one hall over two seasons, with a
programme given on two nights, and one engagement still planned for next year and one
cancelled, both at the same hall, in the same season, playing the same work with the
same people. Counting credit rows, programmes or every event would give other numbers.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.test import Client

from cadenza.events.credited_instruments import agent_instruments_refresh
from cadenza.events.models import Credit, Event, Series
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import LENGTHS, biography_sentences
from cadenza.repertoire.models import Work
from cadenza.web.selectors import AgentFigures
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CityFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    InstrumentFactory,
    PlaceFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
    SeriesFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db

PLAYED = 22  # concerts that took place


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def record() -> Agent:
    violin = InstrumentFactory(name="violin")
    soloist = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida")
    orchestra = EnsembleFactory(name="Hallé Orchestra")
    conductor = AgentFactory(name="John Barbirolli", sort_name="Barbirolli, John")
    city = CityFactory(name="Manchester", country_code="GB")
    hall = PlaceFactory(name="Free Trade Hall", kind=Place.Kind.HALL, parent=city)
    brahms = AgentFactory(name="Johannes Brahms", sort_name="Brahms, Johannes")
    concerto = WorkFactory(title="Violin Concerto in D major")
    AuthorshipFactory(work=concerto, agent=brahms, role="composer")
    seasons = [SeriesFactory(name=f"{y}-{y - 1899} season", kind="season") for y in (1950, 1951)]
    next_year = date.today().year + 1
    others = [
        dict(status=Event.Status.PLANNED, date_year=next_year),
        dict(status=Event.Status.CANCELLED, date_year=1951),
    ]
    shared = ProgrammeFactory()
    for index in range(PLAYED + len(others)):
        season = 0 if index < 10 else 1
        extra = others[index - PLAYED] if index >= PLAYED else {"date_year": 1950 + season}
        programme = shared if index in (3, 4) else ProgrammeFactory()
        event = EventFactory(venue=hall, series=seasons[season], programme=programme, **extra)
        CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
        CreditFactory(event=event, agent=conductor, role=Credit.Role.CONDUCTOR)
        if index == 4:
            continue  # the second night of the shared programme: its item credits serve both
        item = ProgrammeItemFactory(programme=programme, work=concerto)
        CreditFactory(item=item, event=None, agent=soloist, role="soloist", instrument=violin)
    agent_instruments_refresh()
    return soloist


def test_every_figure_agrees_across_pages_and_the_biography(client: Client, record: Agent):
    soloist = record
    hall = Place.objects.get(name="Free Trade Hall")
    concerto = Work.objects.get(title="Violin Concerto in D major")
    brahms = Agent.objects.get(name="Johannes Brahms")
    season = Series.objects.get(name="1951-52 season")
    assert Event.objects.count() == PLAYED + 2

    # The person page: its figures, chart, timeline by year and credits.
    response = client.get(soloist.get_absolute_url())
    figures: AgentFigures = response.context["figures"]
    person = _text(response)
    assert figures.appearances.total == PLAYED
    assert f"Appearances {PLAYED}" in person
    assert [(t.label, t.count) for t in figures.appearances.seasons] == [
        ("1950-51 season", 10),
        ("1951-52 season", 12),
    ]
    assert "most in a season: 12" in person
    # Past 20 performances the timeline counts them by year, as the chart does.
    years = re.search(
        r"Appearances each year, with the page of the credits[^:]*: (.*?) Credits", person
    )
    assert years and years.group(1).split()[:4] == ["1950", "10", "1951", "12"], person
    assert str(date.today().year + 1) not in years.group(1)
    assert f"Credits {PLAYED}" in person
    assert figures.works_played.top[0].count == PLAYED
    assert [(v.name, v.count) for v in figures.venues] == [("Free Trade Hall", PLAYED)]
    together = {
        c.agent.name: c.count for group in figures.collaborators.groups[:2] for c in group[1]
    }
    assert together == {"John Barbirolli": PLAYED, "Hallé Orchestra": PLAYED}

    # The biography states the page's figures, and never next year's engagement.
    facts = biography_facts(agent=soloist)
    for words in LENGTHS:
        sentences = biography_sentences(facts, words=words)
        for sentence in sentences:
            for figure in sentence.figures:
                assert figures.value_of(figure) == figure.count, (figure, sentence.text)
        assert str(date.today().year + 1) not in " ".join(s.text for s in sentences)

    # The home page's shortlist, the browse pages by instrument and by role.
    assert f"Ida Haendel violinist · {PLAYED} appearances" in _text(client.get("/"))
    violinists = _text(client.get("/browse/people/", {"instrument": "violin"}))
    assert f"Ida Haendel {PLAYED} concerts with the violin" in violinists
    soloists = _text(client.get("/browse/people/", {"role": "soloist"}))
    assert f"Ida Haendel {PLAYED} concerts as soloist" in soloists
    conductors = _text(client.get("/browse/people/", {"role": "conductor"}))
    assert f"John Barbirolli {PLAYED} concerts as conductor" in conductors

    # The work page, the composer's works, the composer's biography.
    work = client.get(concerto.get_absolute_url())
    assert work.context["page"].paginator.count == PLAYED
    work_text = _text(work)
    assert f"Performances {PLAYED}" in work_text
    assert re.search(r"1950 10 1951 12\b", work_text)  # the chart's table, per year
    assert f"Hallé Orchestra {PLAYED}" in work_text and f"Ida Haendel {PLAYED}" in work_text
    works = _text(client.get(f"/browse/composers/{brahms.pk}/works/"))
    assert f"Violin Concerto in D major played in {PLAYED} concerts" in works
    composer = biography_facts(agent=brahms)
    assert [(n.count, n.key) for n in composer.most_performed] == [(PLAYED, concerto.pk)]

    # The place page, its history, the browse pages of places and seasons.
    place = _text(client.get(hall.get_absolute_url()))
    assert f"Events {PLAYED}" in place
    assert "1951-52 season 12 1950-51 season 10" in place
    history = _text(client.get(f"{hall.get_absolute_url()}history/"))
    assert f"Ida Haendel {PLAYED}" in history and f"John Barbirolli {PLAYED}" in history
    assert re.search(rf"Violin Concerto in D major .*?\b{PLAYED}\b", history)
    city = hall.parent
    places = _text(client.get("/browse/places/", {"within": city.pk}))
    assert f"Free Trade Hall hall · {PLAYED} events" in places
    seasons = _text(client.get("/browse/seasons/"))
    assert "1951-52 season 12" in seasons and "1950-51 season 10" in seasons
    season_page = client.get(f"/browse/seasons/{season.pk}/")
    assert "Events 12" in _text(season_page)
    shown = season_page.context["page"].object_list
    assert all(e.status == Event.Status.TOOK_PLACE for e in shown)
