"""Charts on the venue and work pages: drawn from counts read in one query, each with a table."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cadenza.events.models import Series
from cadenza.web.charts import labelled_chart
from tests.factories import AgentFactory, EventFactory, PlaceFactory, SeriesFactory
from tests.web import records

pytestmark = pytest.mark.django_db


def _table(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', html)


def test_labelled_chart_keeps_the_order_given():
    chart = labelled_chart([("1950-51", 2), ("1951-52", 8)])
    assert [b.label for b in chart.bars] == ["1950-51", "1951-52"]
    assert chart.bars[1].height == chart.height and chart.bars[0].height == chart.height / 4
    assert chart.bars[1].x > chart.bars[0].x


def test_work_page_charts_performances_per_year(client: Client):
    work = records.suite_with_movements("Chaconne")
    for year in (1990, 1990, 1993):
        soloist = AgentFactory()
        EventFactory(date_year=year, programme=records.programme_playing(work, soloist).programme)
    html = client.get(work.get_absolute_url()).content.decode()
    assert "Performances over time" in html
    assert html.count("<rect ") == 4  # 1990 to 1993, the empty years drawn as gaps
    assert _table(html) == [("1990", "2"), ("1993", "1")]


def test_venue_page_charts_concerts_per_season_oldest_first(client: Client):
    hall = PlaceFactory(name="Hall")
    for year, n in ((1951, 3), (1950, 1)):
        season = SeriesFactory(name=f"{year}-{str(year + 1)[2:]}", kind=Series.Kind.SEASON)
        for _ in range(n):
            EventFactory(venue=hall, series=season, date_year=year)
    html = client.get(hall.get_absolute_url()).content.decode()
    assert "Concerts per season" in html
    assert _table(html) == [("1950-51", "1"), ("1951-52", "3")]


def test_one_year_draws_no_chart(client: Client):
    work = records.suite_with_movements("Partita")
    EventFactory(date_year=2001, programme=records.programme_playing(work).programme)
    html = client.get(work.get_absolute_url()).content.decode()
    assert "Performances over time" not in html
