import pytest

from cadenza.events.models import Credit, ProgrammeItem
from cadenza.events.services import (
    CreditSpec,
    ItemSpec,
    award_add,
    credit_add,
    event_ensure,
    programme_create,
)
from cadenza.partialdates import PartialDate
from tests.factories import AgentFactory, EventFactory, InstrumentFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_programme_keeps_order_intermissions_movements_and_item_credits():
    concerto = WorkFactory(title="Cello Concerto")
    first = WorkFactory(title="Allegro", parent=concerto, position=1)
    WorkFactory(title="Adagio", parent=concerto, position=2)
    overture = WorkFactory(title="Overture")
    soloist = AgentFactory(name="Yo-Yo Ma")
    cello = InstrumentFactory(name="cello")
    programme = programme_create(
        items=[
            ItemSpec(work=overture),
            ItemSpec(kind=ProgrammeItem.Kind.INTERMISSION),
            ItemSpec(
                work=concerto,
                movements=[first],
                credits=[CreditSpec(role=Credit.Role.SOLOIST, agent=soloist, instrument=cello)],
            ),
        ]
    )
    items = list(programme.items.all())
    assert [(i.position, i.kind, str(i)) for i in items] == [
        (1, "work", "Overture"),
        (2, "intermission", "Intermission"),
        (3, "work", "Cello Concerto"),
    ]
    assert list(items[2].movements.all()) == [first]
    assert [str(c) for c in items[2].credits.all()] == ["Yo-Yo Ma (Soloist)"]


def test_programme_rejects_a_movement_of_another_work_and_saves_nothing():
    other = WorkFactory(title="Other")
    stray = WorkFactory(title="Stray", parent=other, position=1)
    with pytest.raises(ValueError, match="not a movement"):
        programme_create(
            items=[ItemSpec(work=WorkFactory()), ItemSpec(work=WorkFactory(), movements=[stray])]
        )
    assert ProgrammeItem.objects.count() == 0


def test_credit_names_someone_and_belongs_to_one_place():
    event = EventFactory()
    with pytest.raises(ValueError, match="agent or the name"):
        credit_add(event=event, role=Credit.Role.CONDUCTOR)
    with pytest.raises(ValueError, match="not both"):
        credit_add(role=Credit.Role.CONDUCTOR, credited_as="x")
    vague = credit_add(event=event, role=Credit.Role.CONDUCTOR, credited_as="renowned conductors")
    assert vague.agent is None
    assert (
        credit_add(event=event, role=Credit.Role.CONDUCTOR, credited_as="renowned conductors")
        == vague
    )


def test_event_ensure_is_keyed_on_name_venue_and_date():
    a = event_ensure(name="Gala", date=PartialDate(1891, 5, 5))
    b = event_ensure(name="Gala", date=PartialDate(1891, 5, 5))
    c = event_ensure(name="Gala", date=PartialDate(1892))
    assert a == b != c
    assert str(a) == "Gala, 5 May 1891"


def test_award_needs_a_competition():
    agent = AgentFactory()
    with pytest.raises(ValueError, match="competition"):
        award_add(agent=agent, prize="First prize")
    award = award_add(
        agent=agent, competition_as_stated="several local competitions", represents_several=True
    )
    assert str(award) == f"{agent}: prize, several local competitions"
