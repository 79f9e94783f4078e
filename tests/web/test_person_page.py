"""The person page's career in figures: summary, appearances per season, most played works,
the venues on a world map, the people played with and the lineage of teachers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from cadenza.events.models import Credit, Series
from cadenza.people.models import Agent, Relationship
from cadenza.places.models import Place
from cadenza.web.maps import HEIGHT, WIDTH, project, world_map, world_outline
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
    RelationshipFactory,
    SeriesFactory,
    WorkFactory,
)
from tests.web.conftest import shot

pytestmark = pytest.mark.django_db

# The agent page's queries (test_query_counts.py; 16 here: no review, so no quotes to
# read; the appearances among them) and its figures: works played, their composers and
# catalogue numbers, venues, collaborators, and one per generation of the lineage beyond
# the first (two here).
QUERIES = 16 + 5 + 2


def _teach(teacher: Agent, student: Agent, year: int) -> None:
    RelationshipFactory(
        subject=teacher, target=student, kind=Relationship.Kind.TEACHER_OF, begin_year=year
    )


def touring_soloist(size: int) -> Agent:
    """A violinist with `size` seasons of concerts in two cities, the same conductor,
    orchestra and duo partner each time, a signature concerto and one new work a season,
    three generations of teachers and two of students."""
    person = AgentFactory(name="Mira Solenne")
    vienna = CityFactory(name="Vienna", latitude=Decimal("48.2082"), longitude=Decimal("16.3738"))
    new_york = CityFactory(
        name="New York", latitude=Decimal("40.7128"), longitude=Decimal("-74.006")
    )
    halls = [
        PlaceFactory(
            name="Great Hall",
            kind=Place.Kind.HALL,
            parent=PlaceFactory(name="Musikverein", kind=Place.Kind.BUILDING, parent=vienna),
        ),
        PlaceFactory(name="Carnegie Hall", kind=Place.Kind.BUILDING, parent=new_york),
    ]
    conductor = AgentFactory(name="Otto Baton")
    orchestra = EnsembleFactory(name="Ring Orchestra")
    partner = AgentFactory(name="Paul Duo")
    concerto = WorkFactory(title="Violin Concerto in D")
    AuthorshipFactory(work=concerto, agent=AgentFactory(name="Pyotr Tchaikovsky"))
    for n in range(size):
        season = SeriesFactory(name=f"{1950 + n}-{51 + n} season", kind=Series.Kind.SEASON)
        programme = ProgrammeFactory()
        signature = ProgrammeItemFactory(programme=programme, position=1, work=concerto)
        new_work = ProgrammeItemFactory(
            programme=programme, position=2, work=WorkFactory(title=f"New Piece {n}")
        )
        for item in (signature, new_work):
            CreditFactory(event=None, item=item, agent=person)
        CreditFactory(event=None, item=new_work, agent=partner)
        event = EventFactory(
            date_year=1950 + n, series=season, venue=halls[n % 2], programme=programme
        )
        CreditFactory(event=event, agent=conductor, role=Credit.Role.CONDUCTOR)
        CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
    teacher, grand, great = (
        AgentFactory(name=n) for n in ("Tea Cher", "Grand Tutor", "Old Master")
    )
    _teach(teacher, person, 1940)
    _teach(grand, teacher, 1920)
    _teach(great, grand, 1900)
    student, grandstudent = AgentFactory(name="Stu Dent"), AgentFactory(name="Young Pupil")
    _teach(person, student, 1970)
    _teach(student, grandstudent, 1995)
    return person


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


@pytest.mark.parametrize("size", [2, 5])
def test_figures_chart_and_query_count(client: Client, django_assert_num_queries, size: int):
    person = touring_soloist(size)
    with django_assert_num_queries(QUERIES):
        response = client.get(person.get_absolute_url())
    html = response.content.decode()
    figures = _section(html, "figures-h")
    pairs = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", figures))
    assert pairs["Appearances"] == str(size)
    assert pairs["Seasons"] == f"1950-51 season – {1949 + size}-{50 + size} season"
    assert pairs["Works"] == str(size + 1)  # the concerto and one new piece a season
    assert pairs["Venues"] == "2" and pairs["Cities"] == "2"
    # One bar a season, oldest first, and the same figures as a table.
    assert figures.count("<rect ") == size
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', figures)
    assert rows == [(f"{1950 + n}-{51 + n}", "1") for n in range(size)]


def test_most_played_works_are_counted_in_events_and_linked(client: Client):
    person = touring_soloist(3)
    html = _section(client.get(person.get_absolute_url()).content.decode(), "played-h")
    rows = re.findall(
        r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td>(.*?)</td><td class="num">(\d+)</td>', html
    )
    assert rows[0][1:2] == ("Violin Concerto in D",) and rows[0][3] == "3"
    assert "Pyotr Tchaikovsky" in rows[0][2]
    assert sorted(r[1] for r in rows[1:]) == ["New Piece 0", "New Piece 1", "New Piece 2"]
    assert all(r[3] == "1" for r in rows[1:])
    assert client.get(rows[0][0]).status_code == 200


def test_venues_are_points_on_the_world_map_and_listed(client: Client):
    person = touring_soloist(3)
    html = _section(client.get(person.get_absolute_url()).content.decode(), "venues-h")
    points = re.findall(
        r'<circle class="map__point" cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+"><title>([^<]+)</title>',
        html,
    )
    assert {label for _, _, label in points} == {
        "Great Hall, Vienna (2)",
        "Carnegie Hall, New York (1)",
    }
    spots = {label.split(",")[0]: (float(x), float(y)) for x, y, label in points}
    # Vienna is east and north of New York.
    assert spots["Great Hall"][0] > spots["Carnegie Hall"][0]
    assert spots["Great Hall"][1] < spots["Carnegie Hall"][1]
    # The list beside the map, for screen readers and without the picture.
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a>, ([^<]+) <span class="count">(\d+)', html)
    assert listed == [("Great Hall", "Vienna", "2"), ("Carnegie Hall", "New York", "1")]
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_collaborators_by_kind_with_events_together(client: Client):
    person = touring_soloist(4)
    html = _section(client.get(person.get_absolute_url()).content.decode(), "together-h")
    groups = dict(
        (heading, re.findall(r'<a href="[^"]+">([^<]+)</a> <span class="count"[^>]*>(\d+)', body))
        for heading, body in re.findall(r"<h3>([^<]+)</h3><ul[^>]*>(.*?)</ul>", html)
    )
    assert groups == {
        "Conductors": [("Otto Baton", "4")],
        "Orchestras and ensembles": [("Ring Orchestra", "4")],
        "Fellow soloists": [("Paul Duo", "4")],
    }


def test_lineage_nests_teachers_of_teachers_and_students_of_students(client: Client):
    person = touring_soloist(1)
    html = _section(client.get(person.get_absolute_url()).content.decode(), "lineage-h")
    names = re.sub(r'<a href="[^"]+">([^<]+)</a>( <span class="muted">[^<]+</span>)?', r"\1", html)
    assert (
        'Tea Cher<ul class="lineage"><li>Grand Tutor<ul class="lineage"><li>Old Master</li>'
        in names
    )
    assert 'Stu Dent<ul class="lineage"><li>Young Pupil</li>' in names


def test_lineage_stops_at_a_name_met_before(client: Client):
    """A student who also taught their teacher (records disagree) is not followed round."""
    person = touring_soloist(1)
    teacher = Agent.objects.get(name="Tea Cher")
    _teach(person, teacher, 1980)
    html = client.get(person.get_absolute_url()).content.decode()
    assert html.count(">Tea Cher</a>") >= 1
    assert _section(html, "lineage-h").count(">Grand Tutor</a>") == 1


def test_a_told_career_without_seasons_is_charted_per_year(client: Client):
    person = AgentFactory(name="Lena Told")
    for year in (1990, 1990, 1992):
        CreditFactory(event=EventFactory(date_year=year), agent=person)
    html = _section(client.get(person.get_absolute_url()).content.decode(), "figures-h")
    assert "Appearances per year" in html and "<dt>Years</dt><dd>1990 – 1992</dd>" in html
    assert html.count("<rect ") == 3  # 1991 drawn as a gap


def test_projection_places_the_world_in_the_box():
    assert project(0, 0) == (WIDTH / 2, project(0, 0)[1])
    left, middle = project(0, -180), project(0, 0)
    assert left[0] == pytest.approx(0, abs=0.2) and project(0, 180)[0] == pytest.approx(
        WIDTH, abs=0.2
    )
    assert project(60, 10)[1] < middle[1] < project(-40, 10)[1] <= HEIGHT
    # Equal Earth bends the meridians: at 60° N the date line is well inside the box.
    assert project(60, -180)[0] > 40


def test_world_outline_comes_from_the_installed_shapes():
    outline = world_outline()
    assert outline.count("M") > 150  # a ring or more for each country
    numbers = [int(n) for n in re.findall(r"M(\d+) (\d+)", outline)[0]]
    assert 0 <= numbers[0] <= WIDTH and 0 <= numbers[1] <= HEIGHT


def test_points_at_one_spot_are_merged_and_sized_by_count():
    drawn = world_map([("Hall A", 48.2, 16.37, 9), ("Hall B", 48.2, 16.37, 1), ("Far", 0, 0, 1)])
    assert [p.label for p in drawn.points] == ["Hall A (9); Hall B (1)", "Far (1)"]
    assert drawn.points[0].r > drawn.points[1].r


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_person_page_in_the_browser(browser: Any, live_server: Any) -> None:
    """The figures, chart, map and lineage as a visitor sees them, nothing fetched from
    elsewhere, and the same page without JavaScript; screenshots in test-results/."""
    from playwright.sync_api import expect

    person = touring_soloist(6)
    for javascript in (True, False):
        page = browser.new_page(
            viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
        )
        outside: list[str] = []
        page.on(
            "request",
            lambda r, seen=outside: (
                None if r.url.startswith(live_server.url) else seen.append(r.url)
            ),
        )
        page.goto(live_server.url + person.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text("Mira Solenne")
        expect(page.get_by_role("img", name=re.compile("World map of the venues"))).to_be_visible()
        expect(page.locator(".map__point")).to_have_count(2)
        expect(page.get_by_role("heading", name="Appearances per season")).to_be_visible()
        expect(page.locator(".lineage").get_by_role("link", name="Old Master")).to_be_visible()
        assert outside == []
        shot(page, "person-figures" if javascript else "person-figures-no-js")
        page.close()


def test_a_venue_known_only_by_its_country_is_marked_at_its_centre(client: Client):
    person = AgentFactory(name="Lena Told")
    russia = PlaceFactory(name="Russia", kind=Place.Kind.COUNTRY, country_code="RU")
    europe = PlaceFactory(name="Europe", kind=Place.Kind.REGION)
    for venue in (russia, europe):
        CreditFactory(event=EventFactory(venue=venue), agent=person)
    html = _section(client.get(person.get_absolute_url()).content.decode(), "venues-h")
    points = re.findall(r'cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+"><title>([^<]+)</title>', html)
    assert [label for _, _, label in points] == ["Russia (1)"]
    # Russia's centre is east of Moscow and north of it: east half, upper third.
    assert float(points[0][0]) > WIDTH / 2 and float(points[0][1]) < HEIGHT / 3
    # Europe, a continent, is listed beside the map but not drawn.
    assert re.search(r'<a href="[^"]+">Europe</a> <span class="count">1', html)


def test_a_long_career_is_summed_up_by_year_linking_to_the_credits_of_that_year(client: Client):
    """Past 20 performances the timeline counts them by year; each year links to the page
    of credits (12 a page, oldest first) where its events begin, and that page holds them."""
    person = AgentFactory(name="Long Career")
    for year, n in ((1950, 10), (1951, 5), (1952, 10)):
        for _ in range(n):
            CreditFactory(event=EventFactory(date_year=year), agent=person)
    html = client.get(person.get_absolute_url()).content.decode()
    years = re.findall(
        r'<li><a href="\?page=(\d+)#credits-h"[^>]*>(\d{4})</a> <span class="count">(\d+)', html
    )
    assert years == [("1", "1950", "10"), ("1", "1951", "5"), ("2", "1952", "10")]
    # One timeline entry for the run of years, dated from the first to the last.
    assert html.count("timeline__item--years") == 1 and html.count("timeline__item--") == 1
    assert '<time datetime="1950">1950</time>–<time datetime="1952">1952</time>' in html
    credits = client.get(person.get_absolute_url(), {"page": 2}).content.decode()
    table = credits[credits.index('id="agent-credits"') :]
    assert '<time datetime="1952">' in table and '<time datetime="1951">' in table
    assert table.count("<tr>") == 12 + 1  # a page of credits and the header
