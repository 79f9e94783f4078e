"""Records of a chosen size for the page tests: the same shape, more rows."""

from __future__ import annotations

from datetime import UTC, datetime

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.people.models import Agent, Relationship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    AliasFactory,
    AuthorshipFactory,
    AwardFactory,
    CatalogueNumberFactory,
    CitationFactory,
    CityFactory,
    CreditFactory,
    EventFactory,
    InstrumentFactory,
    MilestoneFactory,
    PlaceFactory,
    PlaceNameFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
    QuoteFactory,
    RelationshipFactory,
    ReviewFactory,
    SourceFactory,
    WorkFactory,
)


def suite_with_movements(title: str = "Suite", movements: int = 3) -> Work:
    work = WorkFactory(title=title, key="G major")
    CatalogueNumberFactory(work=work)
    AuthorshipFactory(work=work, agent=AgentFactory(name=f"Composer of {title}"))
    for position in range(1, movements + 1):
        WorkFactory(title=f"{title} movement {position}", parent=work, position=position)
    return work


def programme_playing(work: Work, soloist: Agent | None = None) -> ProgrammeItem:
    """A programme of the work (two movements), an intermission and an encore."""
    programme = ProgrammeFactory(title=f"Programme with {work.title}")
    item = ProgrammeItemFactory(programme=programme, position=1, work=work)
    item.movements.set(work.movements.order_by("position")[:2])
    ProgrammeItemFactory(
        programme=programme, position=2, kind=ProgrammeItem.Kind.INTERMISSION, work=None
    )
    ProgrammeItemFactory(programme=programme, position=3, kind=ProgrammeItem.Kind.ENCORE)
    if soloist is not None:
        CreditFactory(event=None, item=item, agent=soloist, instrument=InstrumentFactory())
    return item


def career(size: int) -> Agent:
    """A violinist with `size` facts of every kind, all dated, every one cited."""
    city = CityFactory(name="Moscow")
    person = AgentFactory(
        name="Anna Kovács",
        begin_year=1980,
        begin_month=5,
        begin_place=PlaceFactory(name="Old Hall", parent=city),
        summary="Violinist.",
        private_notes="Fee: ask the manager.",
    )
    AgentInstrumentFactory(agent=person)
    AliasFactory(agent=person, name="Anna Kovacs")
    source = SourceFactory(text="x" * 400)
    CitationFactory(source=source, record=person, span_start=0, span_end=5)
    for n in range(size):
        year = 2000 + n
        fact = MilestoneFactory(agent=person, year=year, text=f"Milestone {n}")
        CitationFactory(source=source, record=fact, span_start=10 + n, span_end=20 + n)
        RelationshipFactory(subject=person, begin_year=year, target__name=f"School {n}")
        RelationshipFactory(
            subject=AgentFactory(name=f"Teacher {n}"),
            target=person,
            kind=Relationship.Kind.TEACHER_OF,
            begin_year=year,
        )
        AwardFactory(agent=person, year=year)
        event = EventFactory(date_year=year, venue=PlaceFactory(parent=city))
        CreditFactory(event=event, agent=person, instrument=InstrumentFactory())
        work = suite_with_movements(f"Suite {n}")
        item = programme_playing(work, soloist=person)
        event.programme = item.programme
        event.save()
        other = EventFactory(
            date_year=year, programme=programme_playing(work, soloist=person).programme
        )
        review = ReviewFactory(event=other, published_year=year)
        review.subjects.add(person)
        QuoteFactory(review=review, text=f"Quote {n}")
    return person


def venue_with_events(size: int) -> Place:
    """A building with a hall inside it, `size` events at each, each credited, each
    playing a work with a soloist."""
    city = CityFactory(name="Vienna", timezone="Europe/Vienna")
    building = PlaceFactory(name="Musikverein", kind=Place.Kind.BUILDING, parent=city)
    PlaceNameFactory(place=building, name="Gesellschaft der Musikfreunde", start_year=1870)
    hall = PlaceFactory(name="Golden Hall", parent=building, capacity=1744)
    for n in range(size):
        for place in (building, hall):
            item = programme_playing(suite_with_movements(f"Suite {place} {n}"), AgentFactory())
            event = EventFactory(
                venue=place,
                date_year=1990 + n,
                name=f"Concert {place} {n}",
                programme=item.programme,
            )
            CreditFactory(event=event, role=Credit.Role.CONDUCTOR)
            CreditFactory(event=event, agent=None, credited_as="an orchestra")
    return building


def work_with_performances(size: int) -> Work:
    work = suite_with_movements("Cello Suite", movements=4)
    for n in range(size):
        item = programme_playing(work, soloist=AgentFactory(name=f"Cellist {n}"))
        EventFactory(programme=item.programme, date_year=1980 + n, name=f"Recital {n}")
    return work


def big_event(size: int) -> Event:
    """An event with `size` works on the programme, credits, reviews and cited sources."""
    city = CityFactory(name="New York", timezone="America/New_York")
    hall = PlaceFactory(name="Stern Auditorium", parent=city, capacity=2804)
    programme = ProgrammeFactory(title="Gala")
    event = EventFactory(
        name="Gala",
        venue=hall,
        programme=programme,
        starts_at=datetime(2024, 3, 5, 0, 30, tzinfo=UTC),
        date_year=2024,
        date_month=3,
        date_day=4,
        attendance=2700,
        attendance_note="a packed hall",
    )
    source = SourceFactory(text="The gala was a triumph. " * 20)
    CitationFactory(source=source, record=event, span_start=0, span_end=22)
    CreditFactory(
        event=event, agent=None, role=Credit.Role.CONDUCTOR, credited_as="renowned conductors"
    )
    for n in range(size):
        work = suite_with_movements(f"Work {n}")
        item = ProgrammeItemFactory(programme=programme, position=n + 1, work=work)
        item.movements.set(work.movements.all()[:2])
        CreditFactory(event=None, item=item, agent=AgentFactory(name=f"Soloist {n}"))
        CreditFactory(event=event, agent=AgentFactory(name=f"Player {n}"))
        review = ReviewFactory(event=event, publication=f"Paper {n}")
        QuoteFactory(review=review, text=f"Word for word {n}.")
        CitationFactory(source=source, record=review, span_start=30 + n, span_end=40 + n)
    ProgrammeItemFactory(
        programme=programme, position=size + 1, kind=ProgrammeItem.Kind.INTERMISSION, work=None
    )
    return event
