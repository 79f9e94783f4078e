"""The demo record: the two founding biographies as records, each fact cited by span."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from cadenza.events.models import Credit, Event
from cadenza.ingest.demo import load_demo
from cadenza.ingest.models import Citation, Source
from cadenza.people.models import Agent, Milestone, Relationship
from cadenza.repertoire.models import Work

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every Cadenza table, so a reload can be compared with it."""
    return {
        model._meta.label: sorted(map(tuple, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.label.split(".")[0]
        in {"places", "repertoire", "people", "events", "press", "ingest"}
    }


def test_loading_twice_changes_nothing():
    load_demo()
    before = _snapshot()
    load_demo()
    assert _snapshot() == before
    assert sum(len(rows) for rows in before.values()) > 200


def test_kalmurzaev_is_a_violinist_from_moscow_who_studied_at_the_tchaikovsky_conservatory():
    load_demo()
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    assert person.begin_place.name == "Moscow"
    assert person.begin_place.parent.name == "Russia"
    assert not person.begin  # the text gives no date: none is invented
    assert [i.instrument.name for i in person.instruments.all()] == ["violin"]
    studied = person.relationships.get(kind=Relationship.Kind.STUDIED_AT)
    assert studied.target.name == "Moscow Conservatory"
    assert "Tchaikovsky Conservatory" in studied.target.aliases.values_list("name", flat=True)
    assert person.milestones.filter(kind=Milestone.Kind.RETIREMENT).exists()


def test_vagueness_is_recorded_not_invented():
    load_demo()
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    russia = Event.objects.get(name="Concerts with various orchestras throughout Russia")
    assert russia.represents_several
    orchestra = russia.credits.get(role=Credit.Role.ORCHESTRA)
    assert (orchestra.agent, orchestra.credited_as) == (None, "various orchestras")
    conductors = Credit.objects.filter(event__credits__agent=person, role=Credit.Role.CONDUCTOR)
    assert {c.credited_as for c in conductors} == {"renowned conductors"}
    assert all(c.agent is None for c in conductors)
    assert person.awards.get().competition_as_stated == "several local competitions"


def test_kalmurzaev_facts_follow_the_biography_order():
    load_demo()
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    orders = {
        "lessons": person.milestones.get(text__startswith="Began taking lessons").narrative_order,
        "conservatory": person.relationships.get().narrative_order,
        "competitions": person.awards.get().narrative_order,
        "carnegie": Event.objects.get(name="Alessio Kalmurzaev at Carnegie Hall").narrative_order,
        "retired": person.milestones.get(kind=Milestone.Kind.RETIREMENT).narrative_order,
    }
    assert sorted(orders, key=orders.__getitem__) == list(orders)


def test_inzaghi_played_bwv_1007_at_carnegie_hall_and_the_quote_is_word_for_word():
    load_demo()
    person = Agent.objects.get(name="Alessio Leonardo Inzaghi")
    credit = Credit.objects.get(agent=person, item__isnull=False)
    assert credit.item.work.catalogue_numbers.get().__str__() == "BWV 1007"
    assert credit.item.programme.events.get().venue.name == "Carnegie Hall"
    assert credit.instrument.name == "cello"
    quote = person.reviews.get().quotes.first()
    assert "nothing short of breathtaking" in quote.text
    text = Source.objects.get(key__endswith="alessio-leonardo-inzaghi.txt").text
    assert quote.text in text


def test_every_fact_cites_its_words_in_the_biography():
    load_demo()
    for citation in Citation.objects.select_related("source", "content_type"):
        excerpt = citation.source.text[citation.span_start : citation.span_end]
        assert excerpt and excerpt == citation.excerpt
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    cited_events = set(
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(Event)).values_list(
            "object_id", flat=True
        )
    )
    credited = set(Event.objects.filter(credits__agent=person).values_list("pk", flat=True))
    assert credited <= cited_events


def test_all_six_cello_suites_with_their_movements():
    load_demo()
    suites = Work.objects.filter(
        catalogue_numbers__catalogue="BWV",
        catalogue_numbers__number__in=[str(n) for n in range(1007, 1013)],
    )
    assert suites.count() == 6
    first = suites.get(catalogue_numbers__number="1007")
    assert first.key == "G major"
    assert list(first.movements.values_list("title", flat=True)) == [
        "Prélude",
        "Allemande",
        "Courante",
        "Sarabande",
        "Menuet I",
        "Menuet II",
        "Gigue",
    ]
    assert first.authorships.get().agent.name == "Johann Sebastian Bach"
