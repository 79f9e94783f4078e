"""The review page refuses what the record cannot hold, saying why, and writes nothing:
never a server error, never a value quietly dropped."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.test import Client

from cadenza.events.models import Event
from tests.factories import ArtistAccessFactory
from tests.ingest.biography.test_reading import KALMURZAEV
from tests.ingest.nyphil.helpers import row_counts

pytestmark = pytest.mark.django_db
URL = "/biographies/review/"


@pytest.fixture
def manager(client: Client) -> Client:
    client.force_login(ArtistAccessFactory().user)
    return client


def _accept(manager: Client, text: str = KALMURZAEV, **fields: str) -> tuple[int, str]:
    form = {"text": text, "action": "accept", "keep:venues:0": "1"} | fields
    response = manager.post(URL, form)
    body = html.unescape(response.content.decode())
    said = re.search(r'<p class="error" role="alert">([^<]*)</p>', body)
    return response.status_code, said.group(1) if said else ""


def test_a_name_too_long_for_the_record_is_refused_not_a_server_error(manager: Client):
    before = row_counts()
    name = "Z" + "z" * 4988 + " Kalmurzaev"
    text = f"{name} is a violinist born in Moscow. He studied at the Moscow Conservatory."
    status, said = _accept(manager, text)
    assert (status, said) == (
        400,
        "the person's name is 5,000 characters long; a name has at most 200. Nothing was imported.",
    )
    status, said = _accept(manager, person="y" * 5000)
    assert status == 400 and said.startswith("person: Ensure this value has at most 200")
    assert row_counts() == before


@pytest.mark.parametrize(
    ("year", "why"),
    [
        ("99999999999", "less than or equal to"),
        (str(date.today().year + 1), "less than or equal to"),  # not born yet
        ("12", "greater than or equal to 800"),
        ("abc", "Enter a whole number"),
    ],
)
def test_a_birth_year_out_of_range_is_refused(manager: Client, year: str, why: str):
    before = row_counts()
    status, said = _accept(manager, person="Alessio Kalmurzaev", **{"person:birth_year": year})
    assert status == 400 and said.startswith("birth_year: ") and why in said
    assert said.endswith(". Nothing was imported.") and ".." not in said
    assert row_counts() == before


def test_a_fact_year_that_is_not_a_number_is_refused_not_dropped(manager: Client):
    # Dropped, "abc" left the concert undated: a second, undated Carnegie Hall concert.
    status, said = _accept(manager, person="Alessio Kalmurzaev", **{"field:venues:0:year": "abc"})
    assert (status, said) == (
        400,
        "Venue Carnegie Hall: year: Enter a whole number. Nothing was imported.",
    )
    assert not Event.objects.exists()
    status, said = _accept(manager, person="Alessio Kalmurzaev", **{"field:venues:0:year": "2023"})
    assert status == 302
    assert list(Event.objects.filter(venue__name="Carnegie Hall").values_list("date_year")) == [
        (2023,)
    ]
