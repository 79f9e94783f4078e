"""Biographies written from the record: only recorded facts, in good order, at length."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from cadenza.events.models import Credit, Event
from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent, Milestone, Relationship
from cadenza.places.models import Place, PlaceName
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import (
    LENGTHS,
    TOLERANCE,
    biography_sentences,
    count_words,
    render,
)
from cadenza.press.models import Quote, Review
from cadenza.press.writing.phrases import listed, the, with_subject
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    AuthorshipFactory,
    AwardFactory,
    CityFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    MilestoneFactory,
    PlaceFactory,
    ProgrammeItemFactory,
    RelationshipFactory,
    WorkFactory,
)
from tests.ingest.nyphil.helpers import QUIRKS

pytestmark = pytest.mark.django_db


def write(agent: Agent, words: int = 150, fmt: str = "text") -> str:
    return render(
        biography_sentences(biography_facts(agent=agent), words=words), words=words, fmt=fmt
    )


def test_lists_articles_and_recorded_phrases() -> None:
    assert listed(["A"]) == "A"
    assert listed(["A", "B"]) == "A and B"
    assert listed(["A", "B", "C"]) == "A, B and C"
    assert the("Moscow Conservatory") == "the Moscow Conservatory"
    assert the("New York Philharmonic") == "the New York Philharmonic"
    assert the("Carnegie Hall") == "Carnegie Hall"
    assert the("The Juilliard School") == "The Juilliard School"
    assert with_subject("Ma", "Retired from performing.") == "Ma retired from performing."
    assert with_subject("Ma", "Born in Paris.") == "Ma was born in Paris."
    assert with_subject("Ma", "His name became a byword.") == "His name became a byword."
    assert with_subject("Ma", "Studied abroad (the text names none).") == "Ma studied abroad."


def test_a_bare_record_gets_one_true_sentence_and_nothing_invented() -> None:
    agent = AgentFactory(name="Clara Wieck", sort_name="Wieck, Clara")
    for words in LENGTHS:
        assert write(agent, words) == "Clara Wieck is a musician."


def test_every_sentence_comes_from_a_recorded_fact() -> None:
    city = CityFactory(name="Lyon")
    agent = AgentFactory(name="Anne Rivière", sort_name="Rivière, Anne", begin_place=city)
    AgentInstrumentFactory(agent=agent)
    school = AgentFactory(name="Paris Conservatoire", kind=Agent.Kind.ORGANISATION)
    RelationshipFactory(subject=agent, target=school, kind=Relationship.Kind.STUDIED_AT)
    teacher = AgentFactory(name="Pierre Martin", sort_name="Martin, Pierre")
    RelationshipFactory(subject=teacher, target=agent, kind=Relationship.Kind.TEACHER_OF)
    AwardFactory(
        agent=agent,
        competition_as_stated="Long-Thibaud Competition",
        prize="First prize",
        year=2004,
    )
    text = write(agent, 150)
    assert text.startswith("Anne Rivière is a violinist born in Lyon.")
    assert "Rivière studied at the Paris Conservatoire with Pierre Martin." in text
    # Two sentences running do not open alike: the prize's year may open its sentence.
    assert "In 2004, Rivière won first prize at the Long-Thibaud Competition." in text
    # Nothing the record does not hold: no concerts, reviews, conductors or retirement.
    for absent in ("performed", "review", "conductor", "retired", "“"):
        assert absent not in text


def test_active_artists_in_the_present_and_retired_ones_in_the_past() -> None:
    agent = AgentFactory(name="Jan Novak", sort_name="Novak, Jan")
    AgentInstrumentFactory(agent=agent)
    assert write(agent, 50).startswith("Jan Novak is a violinist.")
    MilestoneFactory(
        agent=agent, kind=Milestone.Kind.RETIREMENT, text="Retired from the stage.", year=2019
    )
    text = write(agent, 50)
    assert text.startswith("Jan Novak was a violinist.")
    assert "Novak retired from the stage in 2019." in text


def test_quotes_only_from_recorded_reviews_word_for_word() -> None:
    agent = AgentFactory(name="Lea Berg", sort_name="Berg, Lea")
    assert "“" not in write(agent)
    review = Review.objects.create(publication="The Strad", critic="Ann Smith")
    review.subjects.add(agent)
    Quote.objects.create(review=review, text="A tone of rare warmth,")
    assert "Ann Smith of The Strad wrote: “A tone of rare warmth”." in write(agent)


def _career(agent: Agent, concerts: int, first: int = 1990) -> None:
    orchestra = EnsembleFactory(name="Vienna Philharmonic")
    conductor = AgentFactory(name="Karl Böhm", sort_name="Böhm, Karl")
    city = CityFactory(name="Vienna")
    hall = PlaceFactory(name="Musikverein", kind="building", parent=city)
    for year in range(concerts):
        event = EventFactory(venue=hall, date_year=first + year)
        CreditFactory(event=event, agent=agent, role=Credit.Role.SOLOIST)
        CreditFactory(event=event, agent=orchestra, role=Credit.Role.ORCHESTRA)
        CreditFactory(event=event, agent=conductor, role=Credit.Role.CONDUCTOR)


def test_a_long_career_is_summed_up_with_counts_years_places_and_people() -> None:
    agent = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida")
    _career(agent, 12)
    text = write(agent, 150)
    # A closed span of years with no recorded end is told by what the record shows,
    # between its years, claiming nothing of now ('is a violinist' of the dead).
    assert text.startswith(
        "The musician Ida Haendel appeared in 12 concerts on record between 1990 and 2001, "
        "all with the Vienna Philharmonic."
    )
    assert " is " not in text
    assert "most often at Musikverein in Vienna (12 times)." in text
    assert "in concerts conducted by Karl Böhm (12 times)." in text
    assert "busiest year" not in text  # one performance a year: no busiest year


def test_a_hall_is_named_as_it_was_when_the_artist_last_played_there() -> None:
    agent = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida")
    _career(agent, 6, first=1990)  # 1990-1995 at the Musikverein
    hall = Place.objects.get(name="Musikverein")
    PlaceName.objects.create(place=hall, name="Old Hall", start_year=1900, end_year=1996)
    PlaceName.objects.create(place=hall, name="Musikverein", start_year=1996)
    assert "most often at Old Hall (now Musikverein) in Vienna (six times)." in write(agent, 150)
    PlaceName.objects.filter(name="Old Hall").update(end_year=1994)
    PlaceName.objects.filter(name="Musikverein").update(start_year=1994)
    assert "most often at Musikverein in Vienna (six times)." in write(agent, 150)


def test_a_career_on_record_this_year_is_told_in_the_present_perfect() -> None:
    agent = AgentFactory(name="Hilary Hahn", sort_name="Hahn, Hilary")
    _career(agent, 8, first=date.today().year - 7)
    text = write(agent, 150)
    since = date.today().year - 7
    assert f"Hahn has appeared with the Vienna Philharmonic eight times since {since}." in text
    assert "Hahn has appeared most often in concerts conducted by Karl Böhm (eight times)." in text
    MilestoneFactory(agent=agent, kind=Milestone.Kind.RETIREMENT, text="Retired.", year=None)
    assert "Hahn appeared with the Vienna Philharmonic eight times from" in write(agent, 150)


def test_counts_name_the_leading_works_and_conductors_most_played_first() -> None:
    agent = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida")
    _career(agent, 6)
    brahms = AgentFactory(name="Johannes Brahms", sort_name="Brahms, Johannes")
    concerto = WorkFactory(title="Concerto, Violin, D major, Op.77")
    AuthorshipFactory(work=concerto, agent=brahms, role="composer")
    other = WorkFactory(title="Symphonie Espagnole, Op. 21")
    events = list(Event.objects.filter(credits__agent=agent).order_by("date_year"))
    for index, event in enumerate(events):
        item = ProgrammeItemFactory(work=concerto if index < 4 else other)
        event.programme = item.programme
        event.save()
        CreditFactory(item=item, event=None, agent=agent, role=Credit.Role.SOLOIST)
    text = write(agent, 150)
    assert (
        "The works Haendel played most often on record were Brahms' Violin Concerto in D major, "
        "Op. 77 (four times) and Symphonie Espagnole, Op. 21 (twice)." in text
    )


def test_lengths_stay_within_the_tolerance_and_grow_with_the_record() -> None:
    agent = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida")
    AgentInstrumentFactory(agent=agent)
    _career(agent, 12)
    for year, prize in ((1935, "Fifth prize"), (1937, "Third prize"), (1940, "First prize")):
        AwardFactory(
            agent=agent, competition_as_stated="Wieniawski Competition", prize=prize, year=year
        )
    school = AgentFactory(name="Warsaw Conservatory", kind=Agent.Kind.ORGANISATION)
    RelationshipFactory(subject=agent, target=school, kind=Relationship.Kind.STUDIED_AT)
    review = Review.objects.create(publication="The Times")
    review.subjects.add(agent)
    Quote.objects.create(review=review, text="Playing of fire and poise.")
    sizes = [count_words(write(agent, words)) for words in LENGTHS]
    for words, size in zip(LENGTHS, sizes, strict=True):
        assert size <= words * (1 + TOLERANCE)
    assert sizes[0] < sizes[1] <= sizes[2]
    assert sizes[1] >= 75  # the record holds enough for most of 150 words


def test_the_demo_musicians_keep_their_vagueness() -> None:
    load_demo()
    kalmurzaev = write(Agent.objects.get(name="Alessio Kalmurzaev"), 150)
    assert kalmurzaev.startswith(
        "Alessio Kalmurzaev was a violinist, born into a family of modest means in Moscow, Russia."
    )
    assert "studied at the Moscow Conservatory." in kalmurzaev
    assert "won several local competitions." in kalmurzaev
    # His pronouns are recorded: the name, then he and the surname in turn.
    assert " He " in kalmurzaev and " Kalmurzaev " in kalmurzaev
    assert "concerts with various orchestras throughout Russia" in kalmurzaev
    assert "invitation to perform at Carnegie Hall in New York City" in kalmurzaev
    # The concert it led to is not placed in New York City a second time.
    assert kalmurzaev.count("New York City") == 1 and "to a packed audience" in kalmurzaev
    assert "renowned conductors" in kalmurzaev
    inzaghi = write(Agent.objects.get(name="Alessio Leonardo Inzaghi"), 50)
    assert inzaghi.startswith("Alessio Leonardo Inzaghi is a cellist.")
    # The work as every page titles it, with its catalogue number (repertoire/titles.py).
    played = (
        "He played Bach's Cello Suite No. 1 in G major, BWV 1007 at Carnegie Hall in New York City."
    )
    assert played in inzaghi
    assert "was nothing short of breathtaking”." in inzaghi


def test_an_archive_soloist_and_a_composer() -> None:
    import_nyphil([QUIRKS])
    soloist = Credit.objects.filter(role=Credit.Role.SOLOIST, agent__kind="person").first()
    assert soloist is not None and soloist.agent is not None
    text = write(soloist.agent, 150)
    assert soloist.agent.name in text
    beethoven = Agent.objects.get(name="Ludwig van Beethoven")
    assert "is a composer" in write(beethoven, 50)
    assert "The record holds one work by Beethoven: Symphony No. 5" in write(beethoven, 50)


def test_formats() -> None:
    agent = AgentFactory(name="Anna <Ré>", sort_name="Ré, Anna")
    assert write(agent, 50, "html") == "<p>Anna &lt;Ré&gt; is a musician.</p>"
    with pytest.raises(ValueError, match="format"):
        write(agent, 50, "pdf")
    with pytest.raises(ValueError, match="not 100"):
        biography_sentences(biography_facts(agent=agent), words=100)


def test_the_facts_take_a_fixed_number_of_queries(django_assert_num_queries) -> None:
    # The career's figures are the person page's selectors (one query each, the leading
    # ensemble's years one more). A short career (up to five events) also reads its single
    # performances: two more; a long one its first and last concerts: three more.
    for concerts, queries in ((2, 17), (20, 19), (60, 19)):
        agent = AgentFactory()
        _career(agent, concerts)
        with django_assert_num_queries(queries):
            biography_facts(agent=agent)


def test_the_command_finds_people_by_name_alias_and_accents(capsys) -> None:
    load_demo()
    call_command("bio_write", "kalmurzaev, alessio", "--words", "50")
    assert capsys.readouterr().out.startswith("Alessio Kalmurzaev was a violinist")
    call_command("bio_write", "Alessio Inzaghi", "--words", "50", "--format", "html")
    assert capsys.readouterr().out.startswith("<p>Alessio Leonardo Inzaghi is a cellist.")
    with pytest.raises(CommandError, match="Did you mean: Alessio Kalmurzaev"):
        call_command("bio_write", "Kalmurzayev")


def test_a_quote_ending_its_sentence_gets_no_second_full_stop() -> None:
    agent = AgentFactory(name="Lea Berg", sort_name="Berg, Lea")
    review = Review.objects.create(publication="The Strad")
    review.subjects.add(agent)
    Quote.objects.create(review=review, text="Truly unparalleled.")
    assert write(agent).endswith("The Strad wrote: “Truly unparalleled.”")


def test_most_often_names_no_one_tied_with_someone_left_out() -> None:
    agent = AgentFactory(name="Ida Haendel", sort_name="Haendel, Ida")
    _career(agent, 6)
    events = list(Event.objects.filter(credits__agent=agent).order_by("date_year"))
    names = ["A Böhm", "B Böhm", "C Böhm", "D Böhm", "E Böhm"]
    for event, name in zip(events, names, strict=False):
        other = AgentFactory(name=name, sort_name=name)
        CreditFactory(event=event, agent=other, role=Credit.Role.CONDUCTOR)
    # Karl Böhm six times, then five conductors once each: a 150-word list has room for
    # three names, but naming two of five who tie would rank them above the other three.
    assert "in concerts conducted by Karl Böhm (six times)." in write(agent, 150)
