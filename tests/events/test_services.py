import pytest

from cadenza.events.models import Credit, Programme, ProgrammeItem
from cadenza.events.services import (
    CreditRow,
    CreditSpec,
    ItemRow,
    ItemSpec,
    MovementRow,
    ProgrammeRow,
    award_add,
    credit_add,
    credits_insert,
    event_ensure,
    item_movements_insert,
    items_insert,
    programme_create,
    programmes_insert,
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


def test_bulk_rows_are_inserted_with_their_ids_and_checked():
    symphony = WorkFactory(title="Symphony No. 5")
    finale = WorkFactory(title="Allegro", parent=symphony, position=4)
    conductor = AgentFactory(name="Gustav Mahler")
    programmes_insert(rows=[ProgrammeRow(9101, "Program 1")])
    named = ItemRow(9201, 9101, 1, "work", symphony.pk, "Symphony No. 5", "52446*")
    plain = ItemRow(9202, 9101, 2, "intermission", None, "Intermission", "E")
    assert items_insert(rows=[named, plain]) == 2
    assert (
        item_movements_insert(rows=[MovementRow(9201, finale.pk), MovementRow(9201, symphony.pk)])
        == 2
    )
    credit = CreditRow(None, 9201, conductor.pk, "conductor", None, "Mahler, Gustav", 0, "52446*")
    assert credits_insert(rows=[credit, credit._replace(position=1)]) == 2
    programme = Programme.objects.get(pk=9101)
    assert [(i.pk, i.kind, i.work_id) for i in programme.items.order_by("position")] == [
        (9201, "work", symphony.pk),
        (9202, "intermission", None),
    ]
    assert set(ProgrammeItem.objects.get(pk=9201).movements.all()) == {finale, symphony}
    assert list(Credit.objects.filter(item_id=9201).values_list("position", "credited_as")) == [
        (0, "Mahler, Gustav"),
        (1, "Mahler, Gustav"),
    ]
    with pytest.raises(ValueError, match="a work item needs a work"):
        items_insert(rows=[ItemRow(9203, 9101, 3, "work", None, "Nothing", "X")])
    with pytest.raises(ValueError, match="not both"):
        credits_insert(rows=[CreditRow(None, None, conductor.pk, "conductor", None, "", 0, "")])


def test_names_and_titles_are_stored_without_control_characters(db):
    """Whatever wrote them (a biography read from text, the admin, the API): a NUL, an
    escape or a bidirectional override never reaches the record."""
    from cadenza.events.services import credit_add, event_ensure
    from cadenza.press.services import review_add
    from tests.factories import AgentFactory

    event = event_ensure(name="Recital\x00 at the\u202e Great Hall\x1b")
    assert event.name == "Recital at the Great Hall"
    assert event_ensure(name="Recital at the Great Hall").pk == event.pk
    credit = credit_add(event=event, role="soloist", credited_as="Ilse\x07 Varga")
    assert credit.credited_as == "Ilse Varga"
    review = review_add(
        subjects=[AgentFactory()], critic="A.\u2066 Critic", quotes=["Luminous\x00 playing."]
    )
    assert review.critic == "A. Critic"
    assert [q.text for q in review.quotes.all()] == ["Luminous playing."]
