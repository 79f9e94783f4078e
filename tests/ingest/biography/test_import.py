"""`cadenza bio import`: the founding texts into the record, cited, linked, once."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from cadenza.events.models import Award, Credit, Event
from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.biography.reading import BiographyError
from cadenza.ingest.demo import load_demo
from cadenza.ingest.models import Citation
from cadenza.people.models import Agent, Relationship
from cadenza.places.models import Place
from cadenza.press.models import Quote
from tests.ingest.biography.test_reading import INZAGHI, KALMURZAEV
from tests.ingest.nyphil.helpers import row_counts

pytestmark = pytest.mark.django_db


def test_the_founding_texts_into_an_empty_record():
    kalmurzaev = biography_import(text=KALMURZAEV).person
    inzaghi = biography_import(text=INZAGHI).person
    assert kalmurzaev.begin_place is not None and kalmurzaev.begin_place.name == "Moscow"
    assert [i.instrument.name for i in kalmurzaev.instruments.all()] == ["violin"]
    studied = Relationship.objects.get(subject=kalmurzaev, kind=Relationship.Kind.STUDIED_AT)
    assert studied.target.name == "Tchaikovsky Conservatory"
    award = Award.objects.get(agent=kalmurzaev)
    assert (award.competition_as_stated, award.represents_several) == (
        "several local competitions",
        True,
    )
    vague = Credit.objects.filter(event__credits__agent=kalmurzaev, agent__isnull=True)
    assert set(vague.values_list("credited_as", flat=True)) == {
        "various orchestras throughout Russia",
        "renowned conductors",
    }
    carnegie = Event.objects.get(name="Alessio Kalmurzaev at Carnegie Hall")
    assert carnegie.venue is not None and carnegie.venue.parent is not None
    assert carnegie.venue.parent.name == "New York City"
    assert "retirement" in {m.kind for m in kalmurzaev.milestones.all()}
    assert [i.instrument.name for i in inzaghi.instruments.all()] == ["cello"]
    recital = Event.objects.get(name="Alessio Leonardo Inzaghi at Carnegie Hall")
    assert recital.venue == carnegie.venue  # the same hall, found the second time
    assert recital.programme is not None
    # New to the record, the suite comes whole from the reference repertoire.
    (suite,) = [item.work for item in recital.programme.items.all() if item.work]
    assert (suite.title, str(suite.catalogue_numbers.get())) == (
        "Cello Suite No. 1 in G major",
        "BWV 1007",
    )
    assert [m.title for m in suite.movements.order_by("position")][:2] == ["Prélude", "Allemande"]
    quotes = list(Quote.objects.filter(review__subjects=inzaghi).values_list("text", flat=True))
    assert quotes[0] == (
        "Alessio Leonardo Inzaghi's performance of Bach's Cello Suite No. 1 was nothing short "
        "of breathtaking,"
    )
    # Every fact cites the words it was read from.
    for citation in Citation.objects.all():
        assert citation.excerpt and citation.excerpt in (KALMURZAEV + INZAGHI)


def test_importing_the_same_text_twice_adds_nothing():
    biography_import(text=KALMURZAEV)
    before = row_counts()
    again = biography_import(text=KALMURZAEV)
    assert row_counts() == before
    assert "Alessio Kalmurzaev" in again.linked and not again.created


def test_into_the_demo_it_links_to_what_the_record_holds():
    load_demo()
    before = (Agent.objects.count(), Place.objects.filter(name="Carnegie Hall").count())
    outcome = biography_import(text=INZAGHI)
    assert outcome.person.name == "Alessio Leonardo Inzaghi"
    assert {"Alessio Leonardo Inzaghi", "Carnegie Hall", "Cello Suite No. 1"} <= set(outcome.linked)
    assert (Agent.objects.count(), Place.objects.filter(name="Carnegie Hall").count()) == before
    kalmurzaev = biography_import(text=KALMURZAEV)
    assert "Tchaikovsky Conservatory" in kalmurzaev.linked  # the Moscow Conservatory's alias
    studied = Relationship.objects.filter(subject=kalmurzaev.person, kind="studied_at")
    assert {tie.target.name for tie in studied} == {"Moscow Conservatory"}


def test_bad_input_adds_nothing():
    before = row_counts()
    with pytest.raises(BiographyError, match="no musician"):
        biography_import(
            text="The bridge was built in 1890 by the city of Leeds and painted green in "
            "1950, when the road was widened for the trams."
        )
    assert row_counts() == before


def test_the_command_says_what_it_found_and_what_is_new(tmp_path, capsys):
    bio = tmp_path / "inzaghi.txt"
    bio.write_text(INZAGHI)
    call_command("bio_import", str(bio))
    out = capsys.readouterr().out
    assert out.startswith("Alessio Leonardo Inzaghi (id ")
    assert "New to the record: Alessio Leonardo Inzaghi, Cello Suite No. 1, Carnegie Hall" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match=r"empty.txt: the text is empty.*Nothing was imported"):
        call_command("bio_import", str(empty))


def test_cities_new_to_the_record_come_from_the_offline_gazetteer():
    person = biography_import(text=KALMURZAEV).person
    moscow = person.begin_place
    assert moscow is not None and moscow.parent is not None
    assert (moscow.name, moscow.parent.name, moscow.timezone) == (
        "Moscow",
        "Russia",
        "Europe/Moscow",
    )
    assert round(float(moscow.latitude or 0), 1) == 55.8
    new_york = Place.objects.get(name="New York City")
    assert new_york.timezone == "America/New_York"


def test_each_fact_is_cited_at_its_own_words_and_the_facts_given_stay_as_they_were():
    import copy

    from cadenza.ingest.biography.reading import LISTS, read_biography

    facts = read_biography(INZAGHI)
    given = copy.deepcopy(facts)
    biography_import(text=INZAGHI, facts=facts)
    assert facts == given
    spans = set(Citation.objects.values_list("span_start", "span_end"))
    for kind in LISTS:
        for fact in facts[kind]:
            evidence = fact["evidence"]
            assert (evidence["start"], evidence["end"]) in spans, (kind, fact)


def test_a_name_corrected_away_from_the_text_still_imports():
    from cadenza.ingest.biography.reading import read_biography

    facts = read_biography(INZAGHI)
    facts["person"] = {**facts["person"], "name": "A. L. Inzaghi-Rossi"}
    person = biography_import(text=INZAGHI, facts=facts).person
    assert person.name == "A. L. Inzaghi-Rossi"
    assert person.instruments.get().instrument.name == "cello"


def test_two_musicians_with_the_same_vague_story_share_no_event():
    """'Performances with various orchestras throughout Russia', festivals, local concerts:
    each story's own, so neither musician becomes the other's fellow soloist."""
    biography_import(text=KALMURZAEV)
    biography_import(text=KALMURZAEV.replace("Alessio Kalmurzaev", "Boris Kalmurzaev"))
    biography_import(text=INZAGHI)
    biography_import(text=INZAGHI.replace("Alessio Leonardo Inzaghi", "Bruno Leonardo Inzaghi"))
    twins = [
        {"Alessio Kalmurzaev", "Boris Kalmurzaev"},
        {"Alessio Leonardo Inzaghi", "Bruno Leonardo Inzaghi"},
    ]
    shared = [
        event.name
        for event in Event.objects.prefetch_related("credits__agent")
        if any(pair <= {c.agent.name for c in event.credits.all() if c.agent} for pair in twins)
    ]
    assert shared == []
    vague = Event.objects.filter(name__startswith="Festival performances in Europe")
    assert vague.count() == 2


HALVORSEN_DEBUT = (
    "Ingrid Halvorsen is a Norwegian cellist born in Bergen in 1980. She studied at the "
    'Norwegian Academy of Music. Critics praised her playing as "a voice of rare warmth and '
    'depth" after her debut with the Oslo Philharmonic.'
)
HALVORSEN_RECITAL = (
    "Ingrid Halvorsen, the cellist, has appeared with the Bergen Philharmonic Orchestra. A "
    'review of her recital called it "playing of quiet and luminous authority" and she '
    "returned the following season."
)


def test_a_second_biography_of_the_same_person_keeps_its_own_quote(tmp_path):
    """Two biographies of one person, each quoting an unnamed critic: both quotes are in
    the record, each cited at its own words in its own document."""
    for name, text in (("debut.txt", HALVORSEN_DEBUT), ("recital.txt", HALVORSEN_RECITAL)):
        (tmp_path / name).write_text(text)
        call_command("bio_import", str(tmp_path / name))
    person = Agent.objects.get(name="Ingrid Halvorsen")
    quotes = Quote.objects.filter(review__subjects=person)
    assert sorted(quotes.values_list("text", flat=True)) == [
        "a voice of rare warmth and depth",
        "playing of quiet and luminous authority",
    ]
    for quote in quotes:
        (citation,) = Citation.objects.filter(
            content_type__model="quote", object_id=quote.pk
        ).select_related("source")
        assert citation.source.text[citation.span_start : citation.span_end] == quote.text
    # Importing either text again adds nothing.
    before = row_counts()
    call_command("bio_import", str(tmp_path / "recital.txt"))
    assert row_counts() == before
