"""Reading a biography written from the record recovers the facts it was written from."""

from __future__ import annotations

import pytest

from cadenza.events.models import Credit
from cadenza.ingest.biography.reading import read_biography
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent, Relationship
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import biography_sentences, render
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    AwardFactory,
    CityFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    PlaceFactory,
    RelationshipFactory,
)

pytestmark = pytest.mark.django_db


def written(agent: Agent, words: int = 150) -> str:
    return render(biography_sentences(biography_facts(agent=agent), words=words), words=words)


def names(facts: dict, kind: str, key: str = "name") -> list[str]:
    return [fact[key] for fact in facts[kind]]


def test_a_career_written_then_read_gives_back_its_facts():
    city = CityFactory(name="Vienna")
    agent = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida", begin_place=city)
    AgentInstrumentFactory(agent=agent)
    school = AgentFactory(name="Warsaw Conservatory", kind=Agent.Kind.ORGANISATION)
    RelationshipFactory(subject=agent, target=school, kind=Relationship.Kind.STUDIED_AT)
    AwardFactory(
        agent=agent, competition_as_stated="Wieniawski Competition", prize="Fifth prize", year=1935
    )
    orchestra = EnsembleFactory(name="Vienna Philharmonic")
    conductor = AgentFactory(name="Karl Böhm", sort_name="Böhm, Karl")
    hall = PlaceFactory(name="Musikverein", kind="building", parent=city)
    for year in range(8):
        event = EventFactory(venue=hall, date_year=1950 + year)
        CreditFactory(event=event, agent=agent, role=Credit.Role.SOLOIST)
        CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
        CreditFactory(event=event, agent=conductor, role=Credit.Role.CONDUCTOR)
    facts = read_biography(written(agent))
    assert facts["person"]["name"] == "Ida Haendel"
    assert facts["person"]["instruments"] == ["violin"]
    assert facts["person"]["birth_place"] == "Vienna"
    assert names(facts, "studied_at", "institution") == ["Warsaw Conservatory"]
    assert names(facts, "awards", "competition") == ["Wieniawski Competition"]
    assert facts["awards"][0]["year"] == 1935
    assert names(facts, "ensembles") == ["Vienna Philharmonic"]
    assert names(facts, "conductors") == ["Karl Böhm"]
    assert names(facts, "venues") == ["Musikverein"]


def test_the_demo_musicians_round_trip_with_their_vagueness():
    load_demo()
    kalmurzaev = read_biography(written(Agent.objects.get(name="Alessio Kalmurzaev")))
    assert kalmurzaev["person"]["instruments"] == ["violin"]
    assert kalmurzaev["person"]["birth_place"] == "Moscow"
    assert names(kalmurzaev, "studied_at", "institution") == ["Moscow Conservatory"]
    assert names(kalmurzaev, "awards", "competition") == ["several local competitions"]
    assert names(kalmurzaev, "venues") == ["Carnegie Hall"]
    assert names(kalmurzaev, "conductors") == ["renowned conductors"]
    assert kalmurzaev["retired_or_died"]["kind"] == "retired"
    inzaghi = read_biography(written(Agent.objects.get(name="Alessio Leonardo Inzaghi")))
    assert inzaghi["person"]["instruments"] == ["cello"]
    assert names(inzaghi, "works", "title") == ["Cello Suite No. 1 in G major"]
    assert any("nothing short of breathtaking" in q for q in names(inzaghi, "reviews", "quote"))
