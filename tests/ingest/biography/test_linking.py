"""The biography linker finds the record's agents as people.names matches names."""

import pytest

from cadenza.ingest.biography.linking import agent_linked
from cadenza.ingest.biography.record import RecordNames
from tests.factories import AgentFactory, AliasFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "written", ["Nikolai Rimsky Korsakov", "Rimsky-Korsakov, Nikolai", "NIKOLAI RIMSKY-KORSAKOV"]
)
def test_a_spelling_of_a_recorded_name_links_to_it(written):
    composer = AgentFactory(name="Nikolai Rimsky-Korsakov")
    AgentFactory(name="Nikolai Tcherepnin")
    assert agent_linked(written) == composer
    assert RecordNames().agent(written) == composer.pk


def test_an_alias_links_and_two_agents_of_one_name_link_neither():
    cellist = AgentFactory(name="Yo-Yo Ma")
    AliasFactory(agent=cellist, name="马友友")
    assert agent_linked("马友友") == cellist
    assert RecordNames().agent("Ma, Yo-Yo") == cellist.pk
    AgentFactory(name="Ma Yo Yo")
    assert agent_linked("Yo Yo Ma") is None
    assert RecordNames().agent("Yo Yo Ma") is None
    assert agent_linked("Yo-Yo Ma") == cellist  # the name written alike wins
