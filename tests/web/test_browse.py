"""Browsing without typing: from the home page to every person, work and place; people
by instrument and role, works by composer, places by country and city, seasons; a venue's
long list narrowed and sorted. Each page runs a fixed number of queries."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from cadenza.events.credited_instruments import agent_instruments_refresh
from cadenza.events.models import Credit, Series
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work, WorkAlias
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CatalogueNumberFactory,
    CityFactory,
    CreditFactory,
    EventFactory,
    InstrumentFactory,
    PlaceFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
    SeriesFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def hall() -> Place:
    """Two seasons at a hall in New York, with a conductor, two soloists and two works."""
    usa = PlaceFactory(name="United States", kind=Place.Kind.COUNTRY)
    city = CityFactory(name="New York", parent=usa)
    hall = PlaceFactory(name="Carnegie Hall", kind=Place.Kind.HALL, parent=city)
    PlaceFactory(name="Salle Pleyel", kind=Place.Kind.HALL, parent=CityFactory(name="Paris"))
    beethoven = AgentFactory(name="Ludwig van Beethoven", sort_name="Beethoven, Ludwig van")
    brahms = AgentFactory(name="Johannes Brahms", sort_name="Brahms, Johannes")
    fifth, concerto = WorkFactory(title="Symphony No. 5"), WorkFactory(title="Violin Concerto")
    ProgrammeItemFactory(work=WorkFactory(title="The Star-Spangled Banner"))  # no composer
    AuthorshipFactory(work=fifth, agent=beethoven)
    AuthorshipFactory(work=concerto, agent=brahms)
    bernstein = AgentFactory(name="Leonard Bernstein", sort_name="Bernstein, Leonard")
    stern = AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    violin = InstrumentFactory(name="violin")
    for n, season in enumerate(("1960-61 season", "1961-62 season")):
        series = SeriesFactory(name=season, kind=Series.Kind.SEASON)
        programme = ProgrammeFactory()
        ProgrammeItemFactory(programme=programme, work=fifth, position=1)
        if n:  # the second season: Stern plays the concerto
            item = ProgrammeItemFactory(programme=programme, work=concerto, position=2)
            CreditFactory(event=None, item=item, agent=stern, instrument=violin)
        event = EventFactory(
            name="New York Philharmonic at Carnegie Hall",
            venue=hall,
            series=series,
            programme=programme,
            date_year=1960 + n,
        )
        CreditFactory(event=event, agent=bernstein, role=Credit.Role.CONDUCTOR)
    agent_instruments_refresh()
    return hall


def _links(body: str, base: str) -> set[str]:
    found = set()
    for href in re.findall(r'href="([^"]+)"', body):
        url = urljoin(base, unescape(href))
        if url.startswith("/") and not url.startswith(("/static/", "/login", "/admin")):
            found.add(url.split("#")[0])
    return found


def test_a_newcomer_reaches_every_person_work_and_place_from_the_home_page(hall, client: Client):
    """Follow links only, from the home page through the browse pages (not search)."""
    seen: set[str] = set()
    todo = ["/"]
    while todo:
        url = todo.pop()
        if url in seen or urlsplit(url).path.startswith("/search"):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        path = urlsplit(url).path
        if path == "/" or path.startswith("/browse/"):  # pages of the record end the walk
            todo += sorted(_links(response.content.decode(), url) - seen)
    reached = {urlsplit(url).path.rstrip("/") for url in seen}
    for record in [*Agent.objects.all(), *Work.objects.all(), *Place.objects.all()]:
        assert record.get_absolute_url().rstrip("/") in reached, record


def test_people_by_instrument_and_role(hall, client: Client):
    index = _text(client.get("/browse/"))
    assert "By instrument Violin 1" in index and "Conductors 1" in index
    violinists = _text(client.get("/browse/people/", {"instrument": "violin"}))
    assert "Violin 1" in violinists and "Isaac Stern 1 concert with the violin" in violinists
    conductors = _text(client.get("/browse/people/", {"role": "conductor"}))
    assert "Leonard Bernstein 2 concerts as conductor" in conductors
    assert "Isaac Stern" not in conductors


def test_works_by_composer_most_played_first_or_by_title(hall, client: Client):
    composers = _text(client.get("/browse/composers/", {"letter": "B"}))
    assert "Beethoven, Ludwig van 1 work" in composers and "Brahms, Johannes 1 work" in composers
    assert "Stern" not in composers  # not a composer
    beethoven = Agent.objects.get(name="Ludwig van Beethoven")
    works = _text(client.get(f"/browse/composers/{beethoven.pk}/works/"))
    assert "Symphony No. 5 played in 2 concerts" in works
    nobodys = _text(client.get("/browse/composers/none/works/"))
    assert "Works with no composer named 1 " in nobodys
    # On a programme no concert played: no concert to count.
    assert "most first By title The Star-Spangled Banner" in nobodys
    assert "Star-Spangled Banner played" not in nobodys


def test_places_by_country_and_city(hall, client: Client):
    countries = _text(client.get("/browse/places/"))
    assert "United States country · 2 events New York 2" in countries
    usa = Place.objects.get(name="United States")
    assert "Carnegie Hall 2" in _text(client.get("/browse/places/", {"within": usa.pk}))


def test_seasons_and_a_seasons_events_say_what_they_played(hall, client: Client):
    seasons = _text(client.get("/browse/seasons/", {"kind": "season"}))
    assert seasons.index("1961-62 season 1") < seasons.index("1960-61 season 1")  # newest first
    series = Series.objects.get(name="1961-62 season")
    page = _text(client.get(f"/browse/seasons/{series.pk}/"))
    assert "Beethoven: Symphony No. 5; Brahms: Violin Concerto with Isaac Stern (violin)" in page


def test_a_venues_long_list_narrowed_by_soloist_conductor_work_and_sorted(hall, client: Client):
    url = hall.get_absolute_url()
    stern = Agent.objects.get(name="Isaac Stern")
    bernstein = Agent.objects.get(name="Leonard Bernstein")
    concerto = Work.objects.get(title="Violin Concerto")
    with_stern = _text(client.get(url, {"soloist": stern.pk}))
    assert "1 event with Isaac Stern" in with_stern and "1960 " not in with_stern
    playing = _text(client.get(url, {"work": concerto.pk}))
    assert "1 event playing Violin Concerto" in playing
    oldest = _text(client.get(url, {"conductor": bernstein.pk, "sort": "oldest"}))
    assert "2 events conducted by Leonard Bernstein · oldest first" in oldest
    assert oldest.index("1960 ") < oldest.index("1961 ")
    newest = _text(client.get(url))
    assert newest.index("1961 ") < newest.index("1960 ")
    # The history part links to the narrowed lists.
    history = client.get(f"{url}history/").content.decode()
    assert f"?soloist={stern.pk}#events-h" in history and f"?work={concerto.pk}#events-h" in history


def _more(hall: Place, n: int) -> None:
    """n more of everything a browse page lists: violinists playing at concerts of new
    seasons under new conductors, composers with works (numbers and nicknames), countries
    with cities and halls."""
    violin = InstrumentFactory(name="violin")
    beethoven = Agent.objects.get(name="Ludwig van Beethoven")
    season = Series.objects.get(name="1961-62 season")
    for i in range(n):
        country = PlaceFactory(name=f"Country {i}", kind=Place.Kind.COUNTRY)
        city = CityFactory(name=f"City {i}", parent=country)
        elsewhere = PlaceFactory(name=f"Hall {i}", kind=Place.Kind.HALL, parent=city)
        composer = AgentFactory(name=f"Bea Composer{i}", sort_name=f"Composer{i}, Bea")
        work = WorkFactory(title=f"Bagatelle {i}")
        AuthorshipFactory(work=work, agent=beethoven)
        CatalogueNumberFactory(work=work, catalogue="WoO", number=str(50 + i))
        WorkAlias.objects.create(work=work, name=f"Nickname {i}")
        AuthorshipFactory(work=WorkFactory(title=f"Sonata {i}"), agent=composer)
        programme = ProgrammeFactory()
        item = ProgrammeItemFactory(programme=programme, work=work)
        player = AgentFactory(name=f"Violinist {i}", sort_name=f"Violinist {i}")
        CreditFactory(event=None, item=item, agent=player, instrument=violin)
        conductor = AgentFactory(name=f"Conductor {i}", sort_name=f"Conductor {i}")
        for venue, series in ((elsewhere, SeriesFactory(kind=Series.Kind.SEASON)), (hall, season)):
            event = EventFactory(venue=venue, series=series, programme=programme, date_year=1961)
            CreditFactory(event=event, agent=conductor, role=Credit.Role.CONDUCTOR)
    agent_instruments_refresh()


# Every browse page, its queries (the same however much the record holds) and what the
# rows added by `_more` show on it.
BROWSE_PAGES = [
    # instruments, roles, initials, events per place, places, series kinds
    ("/browse/", 6, "Country 0"),
    # the instrument, a count, the page
    ("/browse/people/?instrument=violin", 3, "Violinist 0 2 concerts with the violin"),
    # concerts per conductor, their agents
    ("/browse/people/?role=conductor", 2, "Conductor 0 2 concerts as conductor"),
    # a count, the page, the initials
    ("/browse/composers/", 3, "Composer0, Bea 1 work"),
    # the composer, the works, their concerts, one page's catalogue numbers and nicknames
    (
        "/browse/composers/{beethoven}/works/",
        5,
        "Bagatelle 0, WoO 50 “Nickname 0” played in 2 concerts",
    ),
    # concerts per venue, every place
    ("/browse/places/", 2, "Country 0 country · 1 event"),
    # the place, concerts per venue, every place
    ("/browse/places/?within={usa}", 3, "New York city · "),
    # a count, the page, the kinds
    ("/browse/seasons/", 3, "Seasons and festivals"),
    # the season, a count, the page's ids, its events (+ credits, the works, their
    # soloists and composers)
    ("/browse/seasons/{season}/", 8, "Bagatelle 0"),
]


@pytest.mark.parametrize("more", [1, 4])
@pytest.mark.parametrize(("url", "queries", "shown"), BROWSE_PAGES)
def test_browse_pages_run_a_fixed_number_of_queries(
    hall, client: Client, django_assert_num_queries, url, queries, shown, more
):
    _more(hall, more)
    ids = {
        "beethoven": Agent.objects.get(name="Ludwig van Beethoven").pk,
        "usa": Place.objects.get(name="United States").pk,
        "season": Series.objects.get(name="1961-62 season").pk,
    }
    with django_assert_num_queries(queries):
        response = client.get(url.format(**ids))
    assert shown in _text(response)
