"""Equal counts are ordered by what the biography says, never by the record's ids: an
import may number two rows either way (the NY Phil import's are content, not numbering),
so each record here is made with the ids in the order the text must not follow."""

from __future__ import annotations

import pytest

from cadenza.press.biography_facts import biography_facts
from tests.factories import (
    AgentFactory,
    CreditFactory,
    EventFactory,
    halls_of_one_name_in,
    one_title_played_by,
)

pytestmark = pytest.mark.django_db


BOTH_WAYS = pytest.mark.parametrize("reverse", [False, True], ids=["ids-agree", "ids-disagree"])


@BOTH_WAYS
def test_venues_played_as_often_are_told_by_name_then_city_not_by_id(reverse):
    artist = AgentFactory(name="Clara Wieck")
    for hall in halls_of_one_name_in(*sorted(["Lansing", "Sioux City"], reverse=reverse)):
        CreditFactory(agent=artist, event=EventFactory(venue=hall))
    venues = [v.name for v in biography_facts(agent=artist).venues]
    assert venues == ["Municipal Auditorium, Lansing", "Municipal Auditorium, Sioux City"]


@BOTH_WAYS
def test_works_of_one_title_played_as_often_are_told_by_composer_not_by_id(reverse):
    artist = AgentFactory(name="Clara Wieck")
    composers = sorted(["Ludwig van Beethoven", "Pyotr Ilyich Tchaikovsky"], reverse=reverse)
    one_title_played_by(artist, *composers)
    works = [w.name for w in biography_facts(agent=artist).works]
    assert works == ["Beethoven's Symphony No. 5", "Tchaikovsky's Symphony No. 5"]
