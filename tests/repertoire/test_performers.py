from __future__ import annotations

import pytest
from django.test import Client

from cadenza.repertoire.performers import nouns_joined, performer_noun, performer_nouns
from tests.factories import AgentFactory, AgentInstrumentFactory, InstrumentFactory


def test_a_noun_for_every_instrument_joined_as_said():
    pairs = [("pianist", "piano"), ("", "harpsichord"), ("", "oud"), ("pianist", "piano")]
    assert performer_nouns(pairs) == ["pianist", "harpsichordist", "oud player"]
    assert nouns_joined(["pianist", "harpsichordist"]) == "pianist and harpsichordist"
    assert nouns_joined(["violinist", "violist", "conductor"]) == "violinist, violist and conductor"
    assert nouns_joined(["cellist"]) == "cellist" and nouns_joined([]) == ""
    assert performer_noun("Horn") == "horn player"


@pytest.mark.django_db
def test_the_person_page_names_a_player_of_each_instrument(client: Client):
    """The archive's instruments carry no noun: "pianist, harpsichord" was shown."""
    person = AgentFactory(name="Igor Kipnis", sort_name="Kipnis, Igor")
    piano = InstrumentFactory(name="piano", performer_noun="pianist")
    harpsichord = InstrumentFactory(name="harpsichord", performer_noun="")
    AgentInstrumentFactory(agent=person, instrument=piano, position=0)
    AgentInstrumentFactory(agent=person, instrument=harpsichord, position=1)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "pianist and harpsichordist" in page
    assert "pianist, harpsichord" not in page
