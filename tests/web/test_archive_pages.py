"""The pages over an imported archive: a hall's concerts by season, a soloist's
appearances, a work's performances; each in a fixed number of queries at two sizes."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.db.models import Count
from django.test import Client

from cadenza.events.models import Event, Series
from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from tests.ingest.nyphil.helpers import FIXTURES

pytestmark = pytest.mark.django_db

# Queries per page over the archive: as over hand-made records (test_query_counts), but
# the archive has no reviews, so the agent page reads no quotes for them, and no
# teachers, so no lineage beyond them.
PLACE = 10  # the rows' works, their soloists and composers: three more (test_query_counts)
AGENT = 21  # + the catalogue numbers of the titles shown (docs/titles.md)
WORK = 13  # + performances per year for the chart, + its performers


def text_of(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@pytest.fixture
def archive(tmp_path: Path) -> Callable[[int], None]:
    """Import the quirks fixture `copies` times over: each copy a day later, new GUIDs."""

    def load(copies: int) -> None:
        data = json.loads((FIXTURES / "quirks.json").read_text())
        programs = []
        for n in range(copies):
            for program in data["programs"]:
                twin = copy.deepcopy(program)
                twin["id"] = f"{program['id']}-{n}"
                for concert in twin.get("concerts", []):
                    when = datetime.strptime(concert["Date"], "%Y-%m-%dT%H:%M:%SZ")
                    concert["Date"] = (when + timedelta(days=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
                programs.append(twin)
        path = tmp_path / f"archive-{copies}.json"
        path.write_text(json.dumps({"programs": programs}))
        import_nyphil([path])

    return load


def carnegie() -> Place:
    return Place.objects.get(name="Carnegie Hall")


def fifth() -> Work:
    return Work.objects.get(
        parent__isnull=True,
        catalogue_numbers__number="67",
        authorships__agent__name="Ludwig van Beethoven",
    )


# Place ------------------------------------------------------------------------


def test_a_hall_counts_its_concerts_per_season(client: Client, archive):
    archive(3)
    hall = carnegie()
    page = text_of(client.get(hall.get_absolute_url()))
    expected = (
        Event.objects.filter(venue=hall, series__kind=Series.Kind.SEASON)
        .values_list("series__name")
        .annotate(n=Count("pk"))
    )
    assert list(expected) == [("1961-62 season", 6)]
    assert "Seasons 1 1961-62 season 6" in page
    assert "Events 6" in page


def test_a_season_link_lists_only_that_seasons_concerts(client: Client, archive):
    archive(2)
    hall = carnegie()
    room = Place.objects.create(name="Recital Room", kind=Place.Kind.HALL, parent=hall)
    other = Series.objects.create(name="1999-00 season", kind=Series.Kind.SEASON)
    Event.objects.create(name="Late recital", venue=room, series=other, date_year=1999)
    season = Series.objects.get(name="1961-62 season")
    whole = text_of(client.get(hall.get_absolute_url()))
    # The building's page counts the concerts in the halls inside it too.
    assert "Events 5" in whole and "1999-00 season 1" in whole
    assert whole.index("1999-00 season") < whole.index("1961-62 season")

    body = client.get(hall.get_absolute_url(), {"season": season.pk}).content.decode()
    assert body.count('class="event-row"') == 4
    assert "Late recital" not in body
    assert "1961-62 season: 4 events" in text_of(
        client.get(hall.get_absolute_url(), {"season": season.pk})
    )
    assert f'href="?season={season.pk}#events-h"' in body
    assert f'hx-get="?season={season.pk}"' in body

    partial = client.get(
        hall.get_absolute_url(), {"season": other.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in partial
    assert partial.count('class="event-row"') == 1 and "Late recital" in partial
    assert "All seasons" in partial


def test_a_season_of_another_place_or_nonsense_shows_every_event(client: Client, archive):
    archive(1)
    hall = carnegie()
    for value in ("abc", "999999"):
        body = client.get(hall.get_absolute_url(), {"season": value}).content.decode()
        assert body.count('class="event-row"') == 2
        assert "All seasons" not in body


# Person -------------------------------------------------------------------------


def test_a_soloists_page_lists_each_appearance_with_work_role_venue_and_date(
    client: Client, archive
):
    archive(2)
    stern = Agent.objects.get(name="Isaac Stern")
    page = text_of(client.get(stern.get_absolute_url()))
    # Chronological: oldest first.
    assert "Credits 4" in page
    first = page.index("2 November 1961")
    assert first < page.index("3 November 1961") < page.index("4 November 1961")
    row = page[first : page.index("3 November 1961")]
    assert "Carnegie Hall" in row
    assert "Soloist, violin" in row
    assert "Violin Concerto in D major, Op. 35" in row  # as musicians write it
    # Only the work he played, not the symphony before it.
    assert "Symphony No. 5" not in row


def test_a_conductors_page_lists_the_works_he_conducted(client: Client, archive):
    archive(1)
    bernstein = Agent.objects.get(name="Leonard Bernstein")
    page = text_of(client.get(bernstein.get_absolute_url()))
    row = page[page.index("2 November 1961") : page.index("3 November 1961")]
    assert "Conductor" in row
    assert "Symphony No. 5 in C minor, Op. 67" in row and "Violin Concerto in D major" in row


# Work ---------------------------------------------------------------------------


def test_a_work_page_lists_its_performances_with_performers(client: Client, archive):
    archive(1)
    page = text_of(client.get(fifth().get_absolute_url()))
    # Two at Carnegie Hall; six on the 1959-60 tour, which played the whole work and,
    # again, its scherzo: newest first.
    assert "Performances 8" in page
    assert page.index("3 November 1961") < page.index("2 November 1961")
    assert page.index("2 November 1961") < page.index("1 September 1959")
    assert "Leonard Bernstein, conductor" in page
    assert "Musikverein" in page


def test_a_movement_page_lists_the_concerts_that_played_it(client: Client, archive):
    archive(1)
    scherzo = Work.objects.get(parent=fifth(), title__startswith="Scherzo")
    page = text_of(client.get(scherzo.get_absolute_url()))
    assert "Performances 6" in page and "1 September 1959" in page
    assert "November 1961" not in page


def test_the_archives_performances_join_the_demos_bach_suite(client: Client, archive):
    load_demo()
    archive(1)
    suite = Work.objects.get(catalogue_numbers__catalogue="BWV", catalogue_numbers__number="1007")
    page = text_of(client.get(suite.get_absolute_url()))
    assert "Yo-Yo Ma, soloist (cello)" in page
    assert "23 September 1962" in page


# Fixed queries ------------------------------------------------------------------


@pytest.mark.parametrize("copies", [1, 3])
def test_archive_pages_run_fixed_queries(
    client: Client, archive, django_assert_num_queries, copies: int
):
    archive(copies)
    stern = Agent.objects.get(name="Isaac Stern")
    bernstein = Agent.objects.get(name="Leonard Bernstein")
    season = Series.objects.get(name="1961-62 season")
    hall, symphony = carnegie(), fifth()
    with django_assert_num_queries(PLACE):
        response = client.get(hall.get_absolute_url())
    assert f"1961-62 season {2 * copies}" in text_of(response)
    with django_assert_num_queries(PLACE):
        response = client.get(hall.get_absolute_url(), {"season": season.pk})
    assert response.content.decode().count('class="event-row"') == 2 * copies
    for person in (stern, bernstein):
        with django_assert_num_queries(AGENT):
            response = client.get(person.get_absolute_url())
        assert "Violin Concerto in D major, Op. 35" in response.content.decode()
    with django_assert_num_queries(WORK):
        response = client.get(symphony.get_absolute_url())
    assert text_of(response).count("Leonard Bernstein, conductor") == 8 * copies
