import pytest
from django.core.exceptions import ValidationError

from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, Relationship
from cadenza.people.services import (
    agent_ensure,
    milestone_add,
    relationship_add,
    sort_name_for,
)
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "sort_name"),
    [
        ("Ludwig van Beethoven", "Beethoven, Ludwig van"),
        ("Carl Maria von Weber", "Weber, Carl Maria von"),
        ("Alessio Leonardo Inzaghi", "Inzaghi, Alessio Leonardo"),
        ("John Corigliano Sr.", "Corigliano, John, Sr."),
        ("Yo-Yo Ma", "Ma, Yo-Yo"),
        ("Cher", "Cher"),
    ],
)
def test_sort_name_for_people(name, sort_name):
    assert sort_name_for(name) == sort_name


def test_ensembles_sort_as_written():
    assert sort_name_for("New York Philharmonic", kind=Agent.Kind.ENSEMBLE) == (
        "New York Philharmonic"
    )


def test_agent_ensure_normalises_spaces_and_keeps_partial_dates():
    agent = agent_ensure(name="Isaac  Stern", begin=PartialDate(1920, 7, 21))
    assert agent.name == "Isaac Stern"
    assert agent.sort_name == "Stern, Isaac"
    assert str(agent.begin) == "21 July 1920"
    assert agent_ensure(name="Isaac Stern") == agent


def test_agent_ensure_never_overwrites_what_is_recorded():
    agent = agent_ensure(name="Isaac Stern", summary="Violinist.")
    agent_ensure(name="Isaac Stern", summary="Something else.", background="Born in Kremenets.")
    agent.refresh_from_db()
    assert agent.summary == "Violinist."
    assert agent.background == "Born in Kremenets."


def test_relationship_is_recorded_once_and_not_with_oneself():
    student, school = AgentFactory(), AgentFactory(kind=Agent.Kind.ORGANISATION)
    first = relationship_add(
        subject=student, kind=Relationship.Kind.STUDIED_AT, target=school, begin=PartialDate(1990)
    )
    again = relationship_add(subject=student, kind=Relationship.Kind.STUDIED_AT, target=school)
    assert first == again
    assert str(first.begin) == "1990"
    with pytest.raises(ValueError, match="themselves"):
        relationship_add(subject=student, kind=Relationship.Kind.TEACHER_OF, target=student)


def test_milestone_keeps_narrative_order_and_rejects_a_day_without_month():
    agent = AgentFactory()
    fact = milestone_add(agent=agent, kind="retirement", text="Retired.", narrative_order=90)
    assert fact.narrative_order == 90
    assert not fact.date
    with pytest.raises(ValidationError):
        PartialDate(1990, None, 3)
