"""Every shape of query the issue names, and more, against one small record.

The same table runs on SQLite (the in-process word index) and on PostgreSQL (full-text
and trigram search) when DATABASE_URL points there: both engines keep one contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client

from cadenza.web.search.results import search_record
from tests.factories import (
    AgentFactory,
    AliasFactory,
    AuthorshipFactory,
    CatalogueNumberFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    PlaceFactory,
    PlaceNameFactory,
    SeriesFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def _person(name: str, sort_name: str) -> None:
    AgentFactory(name=name, sort_name=sort_name)


def _work(title: str, composer: str, *numbers: str, parent: str | None = None) -> None:
    from cadenza.people.models import Agent
    from cadenza.repertoire.models import Work

    work = WorkFactory(
        title=title, parent=Work.objects.get(title=parent) if parent else None, position=1
    )
    if parent is None:
        AuthorshipFactory(work=work, agent=Agent.objects.get(name=composer))
    for number in numbers:
        catalogue, _, rest = number.rpartition(" ")
        CatalogueNumberFactory(work=work, catalogue=catalogue, number=rest)


@pytest.fixture
def record() -> None:
    for name, sort_name in [
        ("Alessio Kalmurzaev", "Kalmurzaev, Alessio"),
        ("Alessio Leonardo Inzaghi", "Inzaghi, Alessio Leonardo"),
        ("Antonín Dvořák", "Dvořák, Antonín"),
        ("Harald Sæverud", "Sæverud, Harald"),
        ("Þórunn Ashkenazy", "Ashkenazy, Þórunn"),
        ("Yo-Yo Ma", "Ma, Yo-Yo"),
        ("Ludwig van Beethoven", "Beethoven, Ludwig van"),
        ("Pyotr Ilyich Tchaikovsky", "Tchaikovsky, Pyotr Ilyich"),
        ("Gustav Mahler", "Mahler, Gustav"),
        ("Johannes Brahms", "Brahms, Johannes"),
        ("Johann Sebastian Bach", "Bach, Johann Sebastian"),
        ("Wolfgang Amadeus Mozart", "Mozart, Wolfgang Amadeus"),
        ("Michael Stern", "Stern, Michael"),
        ("Ludwig Spohr", "Spohr, Ludwig"),
        ("Пётр Ильич Чайковский", "Чайковский, Пётр Ильич"),
    ]:
        _person(name, sort_name)
    from cadenza.people.models import Agent

    isaac = AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    for _ in range(3):
        CreditFactory(agent=isaac)
    CreditFactory(agent=Agent.objects.get(name="Michael Stern"))
    conservatory = AgentFactory(
        name="Moscow Conservatory", sort_name="Moscow Conservatory", kind=Agent.Kind.ORGANISATION
    )
    AliasFactory(agent=conservatory, name="Tchaikovsky Conservatory")
    EnsembleFactory(name="New York Philharmonic", sort_name="New York Philharmonic")

    _work("Symphony No. 5 in C minor", "Ludwig van Beethoven", "Op. 67")
    _work("Symphony No. 9 in D minor", "Ludwig van Beethoven", "Op. 125")
    _work("Symphony No. 5 in E minor", "Pyotr Ilyich Tchaikovsky", "Op. 64")
    _work("Symphony No. 4 in F minor", "Pyotr Ilyich Tchaikovsky", "Op. 36")
    _work("Symphony No. 5 in C-sharp minor", "Gustav Mahler")
    _work("Symphony No. 1 in C minor", "Johannes Brahms", "Op. 68")
    _work("Symphony No. 2 in D major", "Johannes Brahms", "Op. 73")
    _work("Piano Concerto No. 2 in B-flat major", "Johannes Brahms", "Op. 83")
    _work("Cello Concerto in B minor", "Antonín Dvořák", "Op. 104")
    _work("Cello Suite No. 1 in G major", "Johann Sebastian Bach", "BWV 1007")
    _work("Sarabande", "", parent="Cello Suite No. 1 in G major")
    _work("Cello Suite No. 2 in D minor", "Johann Sebastian Bach", "BWV 1008")
    _work("Piano Concerto No. 14 in E-flat major", "Wolfgang Amadeus Mozart", "K. 449")
    _work("Piano Concerto No. 20 in D minor", "Wolfgang Amadeus Mozart", "K. 466")

    carnegie = PlaceFactory(name="Carnegie Hall")
    geffen = PlaceFactory(name="David Geffen Hall")
    PlaceNameFactory(place=geffen, name="Avery Fisher Hall", start_year=1973, end_year=2015)
    PlaceFactory(name="Wigmore Hall")
    festival = SeriesFactory(name="Tanglewood Festival")
    EventFactory(name="Isaac Stern in recital", venue=carnegie, date_year=1960)
    EventFactory(name="New Year's Eve gala", venue=carnegie, date_year=1999)
    EventFactory(name="Opening night", venue=geffen, date_year=1962)
    EventFactory(name="Summer concert", venue=None, series=festival, date_year=1975)


@dataclass
class Case:
    query: str
    kind: str  # the attribute of Results: agents, works, places, events
    first: str | None = None  # the name the kind's list starts with
    found: set[str] = field(default_factory=set)  # names among the kind's results
    not_found: set[str] = field(default_factory=set)  # names that must not be there


CASES = [
    # Typos: one letter too many; a misspelt word beside a composer and a number.
    Case("Kalmurzayev", "agents", first="Alessio Kalmurzaev"),
    Case("kalmursaev", "agents", first="Alessio Kalmurzaev"),
    Case("Inzagi", "agents", first="Alessio Leonardo Inzaghi"),
    Case(
        "tchaikovsky symfony 5",
        "works",
        first="Symphony No. 5 in E minor",
        not_found={"Symphony No. 5 in C minor", "Symphony No. 4 in F minor"},
    ),
    Case("beethovn", "agents", first="Ludwig van Beethoven"),
    # Accents and capitals either way.
    Case("Dvorak", "agents", first="Antonín Dvořák"),
    Case("Dvořák", "agents", first="Antonín Dvořák"),
    Case("DVORAK", "agents", first="Antonín Dvořák"),
    # Letters that fold to two (æ → ae, þ → th), as written or not, on both engines.
    Case("Sæverud", "agents", first="Harald Sæverud"),
    Case("saeverud", "agents", first="Harald Sæverud"),
    Case("Þórunn", "agents", first="Þórunn Ashkenazy"),
    Case("thorunn", "agents", first="Þórunn Ashkenazy"),
    Case("dvořak cello", "works", first="Cello Concerto in B minor"),
    Case("Чайковский", "agents", first="Пётр Ильич Чайковский"),  # not Latin: the same rules
    Case("петр чаиковскии", "agents", first="Пётр Ильич Чайковский"),
    # Word order and punctuation.
    Case("Ma, Yo-Yo", "agents", first="Yo-Yo Ma"),
    Case("yo-yo ma", "agents", first="Yo-Yo Ma"),
    Case("Stern Isaac", "agents", first="Isaac Stern", not_found={"Michael Stern"}),
    Case("Beethoven, Ludwig van", "agents", first="Ludwig van Beethoven"),
    # Names with particles.
    Case("van Beethoven", "agents", first="Ludwig van Beethoven", not_found={"Ludwig Spohr"}),
    Case("ludwig van beethoven", "agents", first="Ludwig van Beethoven"),
    # Catalogue numbers in any spelling, never their neighbours.
    Case(
        "BWV 1007",
        "works",
        first="Cello Suite No. 1 in G major",
        not_found={"Cello Suite No. 2 in D minor"},
    ),
    Case("bwv1007", "works", first="Cello Suite No. 1 in G major"),
    Case(
        "K. 449",
        "works",
        first="Piano Concerto No. 14 in E-flat major",
        not_found={"Piano Concerto No. 20 in D minor"},
    ),
    Case("k449", "works", first="Piano Concerto No. 14 in E-flat major"),
    Case("Op. 67", "works", first="Symphony No. 5 in C minor"),
    Case("beethoven op 125", "works", first="Symphony No. 9 in D minor"),
    # Composer and title together.
    Case(
        "Beethoven symphony 5",
        "works",
        first="Symphony No. 5 in C minor",
        not_found={"Symphony No. 5 in E minor", "Symphony No. 5 in C-sharp minor"},
    ),
    Case(
        "Brahms 2",
        "works",
        found={"Symphony No. 2 in D major", "Piano Concerto No. 2 in B-flat major"},
        not_found={"Symphony No. 1 in C minor"},
    ),
    Case("mahler 5", "works", first="Symphony No. 5 in C-sharp minor"),
    # Movements, by their own title.
    Case("sarabande", "works", first="Sarabande"),
    # People ranked among equals by their credits.
    Case("stern", "agents", first="Isaac Stern", found={"Michael Stern"}),
    # An alias; an unfinished last word, as while typing.
    Case("tchaikovsky conservatory", "agents", first="Moscow Conservatory"),
    Case("beeth", "agents", first="Ludwig van Beethoven"),
    Case("new york phil", "agents", first="New York Philharmonic"),
    # Places by name and by a former name.
    Case("carnegie", "places", first="Carnegie Hall", not_found={"Wigmore Hall"}),
    Case("avery fisher", "places", first="David Geffen Hall"),
    Case("hall", "places", found={"Carnegie Hall", "David Geffen Hall", "Wigmore Hall"}),
    # Events by name, venue, series and year.
    Case(
        "carnegie",
        "events",
        found={"Isaac Stern in recital", "New Year's Eve gala"},
        not_found={"Opening night"},
    ),
    Case(
        "carnegie 1960", "events", first="Isaac Stern in recital", not_found={"New Year's Eve gala"}
    ),
    Case("1962", "events", first="Opening night"),
    Case("avery fisher", "events", found=set(), not_found={"Opening night"}),
    Case("david geffen 1962", "events", first="Opening night"),
    Case("tanglewood", "events", first="Summer concert"),
    Case("gala", "events", first="New Year's Eve gala"),
    # Nothing like it in the record.
    Case("zzyzx", "agents", not_found={"Isaac Stern"}),
]


def _label(row: object) -> str:
    return str(getattr(row, "title", None) or getattr(row, "name", ""))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.kind}:{c.query}")
def test_query_shapes(record: None, case: Case):
    names = [_label(row) for row in getattr(search_record(case.query), case.kind)]
    if case.first is not None:
        assert names[:1] == [case.first], names
    assert case.found <= set(names), names
    assert not case.not_found & set(names), names


def test_the_page_groups_the_kinds_with_their_totals(record: None, client: Client):
    body = client.get("/search/", {"q": "carnegie"}).content.decode()
    assert body.index("Places") < body.index("Events")
    assert '<h2 id="places-h">Places <span class="count">1</span></h2>' in body
    assert '<h2 id="events-h">Events <span class="count">2</span></h2>' in body
    assert "3 results for “carnegie”" in body


def test_a_movement_says_whose_it_is(record: None, client: Client):
    body = client.get("/search/", {"q": "sarabande"}).content.decode()
    assert "movement of Cello Suite No. 1 in G major" in body
