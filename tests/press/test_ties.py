"""Equal counts are ordered by what the biography says, never by the record's ids: an
import may number two rows either way (the NY Phil import's are content, not numbering),
so each record here is made with the ids in the order the text must not follow."""

from __future__ import annotations

import pytest

from cadenza.people.models import Authorship
from cadenza.places.models import Place
from cadenza.press.biography_facts import biography_facts
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CityFactory,
    CreditFactory,
    EventFactory,
    PlaceFactory,
    ProgrammeItemFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def halls_of_one_name_in(*cities: str) -> list[Place]:
    """A 'Municipal Auditorium' in each city, numbered in the order given."""
    return [
        PlaceFactory(
            name="Municipal Auditorium",
            kind=Place.Kind.BUILDING,
            parent=CityFactory(name=city),
        )
        for city in cities
    ]


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
    for composer in composers:
        work = WorkFactory(title="Symphony No. 5")
        AuthorshipFactory(
            work=work, agent=AgentFactory(name=composer), role=Authorship.Role.COMPOSER
        )
        item = ProgrammeItemFactory(work=work)
        EventFactory(programme=item.programme)
        CreditFactory(agent=artist, event=None, item=item)
    works = [w.name for w in biography_facts(agent=artist).works]
    assert works == ["Beethoven's Symphony No. 5", "Tchaikovsky's Symphony No. 5"]
