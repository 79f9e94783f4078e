"""docs/api.md's Python example, run as written against a live server: Carnegie Hall's
concerts of its newest season, every page, with a token."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cadenza.accounts.services import token_create
from cadenza.events.models import Series
from cadenza.places.models import Place
from tests.factories import CityFactory, EventFactory, PlaceFactory, SeriesFactory, UserFactory

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", GUIDE.read_text(), flags=re.S)


@pytest.mark.django_db(transaction=True)
def test_the_guides_season_example_runs(live_server: Any, capsys: Any) -> None:
    city = CityFactory(name="New York", timezone="America/New_York")
    hall = PlaceFactory(name="Carnegie Hall", kind=Place.Kind.BUILDING, parent=city)
    stern = PlaceFactory(name="Stern Auditorium", parent=hall)
    older = SeriesFactory(name="1959-60 season", kind=Series.Kind.SEASON)
    newest = SeriesFactory(name="1960-61 season", kind=Series.Kind.SEASON)
    for n in range(105):  # more than one page of 100
        EventFactory(venue=stern if n % 2 else hall, series=newest, date_year=1960)
    EventFactory(venue=hall, series=older, date_year=1959)
    _, token = token_create(user=UserFactory(), name="docs", read_only=True)
    example = _python_blocks()[0].replace("http://127.0.0.1:8000", live_server.url)
    exec(example, {"TOKEN": token})  # our own guide's example, as a reader runs it
    assert capsys.readouterr().out == "1960-61 season 105 concerts\n"
