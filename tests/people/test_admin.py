from __future__ import annotations

import pytest

from cadenza.people.models import Agent, Relationship
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    AliasFactory,
    AuthorshipFactory,
    CityFactory,
    InstrumentFactory,
    MilestoneFactory,
    RelationshipFactory,
)

pytestmark = pytest.mark.django_db


def test_agent_admin_shows_birth_instrument_teachers_and_milestones(admin_pages, superuser_client):
    moscow = CityFactory(name="Moscow", timezone="Europe/Moscow")
    alessio = AgentFactory(
        name="Alessio Kalmurzaev", sort_name="Kalmurzaev, Alessio", begin_place=moscow
    )
    AliasFactory(agent=alessio, name="А. Калмурзаев")  # noqa: RUF001 (Cyrillic)
    AgentInstrumentFactory(agent=alessio, instrument=InstrumentFactory(name="violin"))
    RelationshipFactory(
        subject=alessio,
        target=AgentFactory(name="Tchaikovsky Conservatory", kind=Agent.Kind.ORGANISATION),
        kind=Relationship.Kind.STUDIED_AT,
    )
    MilestoneFactory(agent=alessio, text="Received an invitation to Carnegie Hall.")

    admin_pages(alessio, search="Kalmurzaev")

    listing = superuser_client.get("/admin/people/agent/").content.decode()
    assert "Moscow" in listing  # the begin place column

    change = superuser_client.get(f"/admin/people/agent/{alessio.pk}/change/").content.decode()
    assert "А. Калмурзаев" in change  # noqa: RUF001 (the alias inline)
    assert "Tchaikovsky Conservatory" in change  # relationship inline
    assert "Received an invitation to Carnegie Hall." in change  # milestone inline
    assert 'name="instruments-0-instrument"' in change  # instrument inline


def test_agent_search_finds_an_alias(superuser_client):
    AliasFactory(agent__name="Alessio Leonardo Inzaghi", name="A. L. Inzaghi")
    AgentFactory(name="Someone Else")

    body = superuser_client.get("/admin/people/agent/", {"q": "L. Inzaghi"}).content.decode()

    assert "Alessio Leonardo Inzaghi" in body
    assert "Someone Else" not in body


def test_agent_autocomplete_answers_with_matching_agents(superuser_client):
    AgentFactory(name="Alessio Kalmurzaev")
    AgentFactory(name="Someone Else")

    response = superuser_client.get(
        "/admin/autocomplete/",
        {
            "term": "Kalm",
            "app_label": "people",
            "model_name": "relationship",
            "field_name": "target",
        },
    )

    assert response.status_code == 200
    names = [r["text"] for r in response.json()["results"]]
    assert names == ["Alessio Kalmurzaev"]


def test_alias_admin_pages(admin_pages):
    admin_pages(AliasFactory(name="A. L. Inzaghi"), search="Inzaghi")


def test_agent_instrument_admin_pages(admin_pages):
    link = AgentInstrumentFactory(
        agent__name="Alessio Leonardo Inzaghi", instrument=InstrumentFactory(name="cello")
    )
    admin_pages(link, text="Alessio Leonardo Inzaghi: cello", search="Inzaghi")


def test_relationship_admin_pages(admin_pages):
    tie = RelationshipFactory(
        subject__name="Alessio Kalmurzaev", target__name="Tchaikovsky Conservatory"
    )
    admin_pages(tie, text="Tchaikovsky Conservatory", search="Tchaikovsky")


def test_milestone_admin_pages(admin_pages):
    milestone = MilestoneFactory(agent__name="Alessio Kalmurzaev", text="Retired from the stage.")
    admin_pages(milestone, text="Retired from the stage.", search="Retired")


def test_authorship_admin_pages(admin_pages):
    authorship = AuthorshipFactory(
        agent__name="Johann Sebastian Bach", work__title="Cello Suite No. 1"
    )
    admin_pages(authorship, text="Johann Sebastian Bach", search="Bach")


def _agent_post(**fields: object) -> dict[str, object]:
    """The person add form as a browser sends it, its inlines empty unless given."""
    data: dict[str, object] = {"kind": "person", "name": "Ida Haendel", "sort_name": "Haendel, Ida"}
    for prefix in ("aliases", "instruments", "relationships", "milestones"):
        data |= {
            f"{prefix}-TOTAL_FORMS": 0,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    return data | fields


def test_person_admin_refuses_birth_and_death_years_out_of_bounds(superuser_client):
    page = superuser_client.get("/admin/people/agent/add/").content.decode()
    assert '"relationships-TOTAL_FORMS"' in page  # the inlines _agent_post leaves empty

    refused = superuser_client.post(
        "/admin/people/agent/add/", _agent_post(begin_year=99999999, end_year=2200)
    ).content.decode()
    assert "Begin year: Give a year between 800 and 2100, not 99999999." in refused
    assert "End year: Give a year between 800 and 2100, not 2200." in refused
    assert not Agent.objects.filter(name="Ida Haendel").exists()


def test_person_admin_sets_pronouns_and_a_plausible_birth(superuser_client):
    saved = superuser_client.post(
        "/admin/people/agent/add/", _agent_post(begin_year=1928, pronouns="she")
    )
    assert saved.status_code == 302
    ida = Agent.objects.get(name="Ida Haendel")
    assert (ida.begin_year, ida.pronouns) == (1928, "she")
