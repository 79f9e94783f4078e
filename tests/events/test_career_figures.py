"""The person page's figures order equal counts by what the page shows, never by ids
(an import may number two rows either way): each record is made both ways round."""

from __future__ import annotations

import pytest

from cadenza.events.career_figures import agent_venues, agent_works_played
from cadenza.events.history_figures import place_works_played
from tests.factories import (
    AgentFactory,
    CreditFactory,
    EventFactory,
    PlaceFactory,
    halls_of_one_name_in,
    one_title_played_by,
)

pytestmark = pytest.mark.django_db
BOTH_WAYS = pytest.mark.parametrize("reverse", [False, True], ids=["ids-agree", "ids-disagree"])


@BOTH_WAYS
def test_venues_of_one_name_and_count_are_listed_by_city(reverse):
    artist = AgentFactory()
    for hall in halls_of_one_name_in(*sorted(["Lansing", "Sioux City"], reverse=reverse)):
        CreditFactory(agent=artist, event=EventFactory(venue=hall))
    assert [v.city for v in agent_venues(agent=artist)] == ["Lansing", "Sioux City"]


@BOTH_WAYS
def test_works_of_one_title_and_count_are_listed_by_composer(reverse):
    artist = AgentFactory()
    hall = PlaceFactory()
    one_title_played_by(artist, *sorted(["Beethoven", "Tchaikovsky"], reverse=reverse), venue=hall)
    for played in (agent_works_played(agent=artist), place_works_played(place=hall)):
        assert [p.composers[0].name for p in played.top] == ["Beethoven", "Tchaikovsky"]
