"""Biographies a manager would send: pronouns from the record, varied references and
openings, no sentence twice, prizes said as prizes, lengths within 15 % or said short."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from django.urls import reverse

from cadenza.events.models import Credit
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent, Milestone, Relationship
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import (
    LENGTHS,
    biography_sentences,
    biography_shortfall,
    count_words,
    render,
)
from cadenza.press.writing.measure import prose_report
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    AwardFactory,
    CityFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    MilestoneFactory,
    PlaceFactory,
    RelationshipFactory,
)

pytestmark = pytest.mark.django_db


def _violinist(pronouns: str = "") -> Agent:
    """A recent career (told in the present), studies, two prizes and a legacy told twice."""
    agent = AgentFactory(name="Mira Testova", sort_name="Testova, Mira", pronouns=pronouns)
    AgentInstrumentFactory(agent=agent)
    school = AgentFactory(name="Sofia Conservatory", kind=Agent.Kind.ORGANISATION)
    RelationshipFactory(subject=agent, target=school, kind=Relationship.Kind.STUDIED_AT)
    AwardFactory(agent=agent, competition_as_stated="First Prize", prize="winner", year=2012)
    AwardFactory(
        agent=agent, competition_as_stated="Paganini Competition", prize="Second prize", year=2015
    )
    for text in ("Became a byword for poise.", "Became a legend in Sofia."):
        MilestoneFactory(agent=agent, kind=Milestone.Kind.LEGACY, text=text)
    orchestra = EnsembleFactory(name="Sofia Philharmonic")
    conductor = AgentFactory(name="Emil Tabakov", sort_name="Tabakov, Emil")
    hall = PlaceFactory(name="Bulgaria Hall", kind="building", parent=CityFactory(name="Sofia"))
    for year in range(2016, 2026):
        event = EventFactory(venue=hall, date_year=year)
        CreditFactory(event=event, agent=agent, role=Credit.Role.SOLOIST)
        CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
        CreditFactory(event=event, agent=conductor, role=Credit.Role.CONDUCTOR)
    return agent


def texts(agent: Agent, words: int) -> list[str]:
    return [s.text for s in biography_sentences(biography_facts(agent=agent), words=words)]


def test_pronouns_are_the_records_and_never_guessed() -> None:
    unknown = " ".join(texts(_violinist(), 150))
    assert not re.search(r"\b(he|she|they|his|her|their)\b", unknown, re.IGNORECASE)
    she = " ".join(texts(Agent.objects.get(name="Mira Testova"), 150))
    assert she == unknown  # the same record: the same telling
    Agent.objects.filter(name="Mira Testova").update(pronouns=Agent.Pronouns.SHE)
    she = " ".join(texts(Agent.objects.get(name="Mira Testova"), 150))
    assert re.search(r"\bShe\b", she) and not re.search(r"\b(he|his|they)\b", she, re.I)
    Agent.objects.filter(name="Mira Testova").update(pronouns=Agent.Pronouns.THEY)
    they = " ".join(texts(Agent.objects.get(name="Mira Testova"), 150))
    assert re.search(r"\bThey\b", they)
    assert not re.search(r"\bThey (is|was|has)\b", they)  # 'They are', 'They have'


def test_openings_vary_and_no_sentence_is_told_twice() -> None:
    agent = _violinist()
    facts = biography_facts(agent=agent)
    for words in LENGTHS:
        sentences = biography_sentences(facts, words=words)
        text = render(sentences, words=words)
        note = biography_shortfall(facts, words=words, text=text)
        report = prose_report(sentences, words=words, told=count_words(text), note=note)
        assert not report.same_openings, report.same_openings
        assert not report.repeated
        assert report.in_range, (words, report.told, note)
    # Two legacy milestones that open alike are one sentence, not two.
    told = " ".join(texts(agent, 400))
    assert told.count("became a") == 1


def test_a_prize_read_only_as_winning_is_told_as_the_prize() -> None:
    told = " ".join(texts(_violinist(), 150))
    assert "First Prize in 2012 and second prize at the Paganini Competition in 2015" in told
    assert "winner at" not in told


def test_the_full_name_comes_first_then_the_surname_or_the_pronoun() -> None:
    load_demo()
    for name in ("Alessio Kalmurzaev", "Alessio Leonardo Inzaghi"):
        told = texts(Agent.objects.get(name=name), 150)
        assert told[0].startswith(name)
        assert not any(t.startswith(name) for t in told[1:])
        openings = [t.split()[0] for t in told]
        assert "He" in openings or "His" in openings  # their biographies say 'he'
        assert all(a != b for a, b in pairwise(openings)), openings


def test_a_record_too_short_for_the_length_is_said_to_be_so() -> None:
    agent = AgentFactory(name="Clara Wieck", sort_name="Wieck, Clara")
    facts = biography_facts(agent=agent)
    text = render(biography_sentences(facts, words=150), words=150)
    assert "shorter than the 150 words asked" in biography_shortfall(facts, words=150, text=text)
    _violinist()
    full = biography_facts(agent=Agent.objects.get(name="Mira Testova"))
    text = render(biography_sentences(full, words=50), words=50)
    assert biography_shortfall(full, words=50, text=text) == ""


def test_the_biography_page_and_the_press_kit_say_when_the_record_is_short(client) -> None:
    agent = AgentFactory(name="Clara Wieck", sort_name="Wieck, Clara")
    for name in ("biography", "press-kit"):
        page = client.get(reverse(name, args=[agent.pk, agent.slug])).content.decode()
        assert "so this biography is shorter than the 400 words asked" in page
    _violinist()
    full = Agent.objects.get(name="Mira Testova")
    page = client.get(reverse("biography", args=[full.pk, full.slug])).content.decode()
    assert "shorter than the 50 words asked" not in page


def test_the_founding_violinist_is_told_in_press_order_naming_his_birthplace_once() -> None:
    """Origins and training, competitions, the career's highlights, then legacy; Moscow,
    where he was born, said once (the lead and the background both said it)."""
    load_demo()
    kalmurzaev = Agent.objects.get(name="Alessio Kalmurzaev")
    for words in LENGTHS:
        text = " ".join(texts(kalmurzaev, words))
        assert len(re.findall(r"Moscow(?! Conservatory)", text)) == 1, text
        assert text.startswith("Alessio Kalmurzaev was a violinist, born into a family"), text
        competitions = text.index("won several local competitions")
        assert text.index("studied at the Moscow Conservatory") < competitions, text
        assert competitions < text.index("Carnegie Hall"), text
        if "byword" in text:
            assert text.index("Carnegie Hall") < text.index("byword"), text
