"""factory_boy factories for tests; add to the end of this file when a test needs more."""

from __future__ import annotations

import factory

from cadenza.accounts.models import ArtistAccess, PresenterAccess, Roster, RosterArtist, User
from cadenza.engagements.models import Engagement
from cadenza.events.models import Award, Credit, Event, Programme, ProgrammeItem, Series
from cadenza.ingest.models import Citation, Source
from cadenza.people.models import Agent, AgentInstrument, Alias, Authorship, Milestone, Relationship
from cadenza.places.models import Place, PlaceName
from cadenza.press.models import Quote, Review
from cadenza.repertoire.models import CatalogueNumber, Instrument, Work


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Hall {n}")
    kind = Place.Kind.HALL


class CityFactory(PlaceFactory):
    name = factory.Sequence(lambda n: f"City {n}")
    kind = Place.Kind.CITY
    timezone = "Europe/Vienna"


class PlaceNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceName

    place = factory.SubFactory(PlaceFactory)
    name = factory.Sequence(lambda n: f"Former Hall {n}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        django_get_or_create = ("name",)

    name = "violin"
    performer_noun = "violinist"
    family = "strings"


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Work

    title = factory.Sequence(lambda n: f"Sonata No. {n}")


class CatalogueNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueNumber

    work = factory.SubFactory(WorkFactory)
    catalogue = "BWV"
    number = factory.Sequence(lambda n: str(1000 + n))


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agent

    kind = Agent.Kind.PERSON
    name = factory.Sequence(lambda n: f"Musician {n}")
    sort_name = factory.LazyAttribute(lambda o: o.name)


class EnsembleFactory(AgentFactory):
    kind = Agent.Kind.ENSEMBLE
    name = factory.Sequence(lambda n: f"Orchestra {n}")


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    agent = factory.SubFactory(AgentFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class AgentInstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgentInstrument

    agent = factory.SubFactory(AgentFactory)
    instrument = factory.SubFactory(InstrumentFactory)


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    subject = factory.SubFactory(AgentFactory)
    target = factory.SubFactory(AgentFactory, kind=Agent.Kind.ORGANISATION)
    kind = Relationship.Kind.STUDIED_AT


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    agent = factory.SubFactory(AgentFactory)
    kind = Milestone.Kind.CAREER
    text = "Began lessons at a young age."


class AuthorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorship

    work = factory.SubFactory(WorkFactory)
    agent = factory.SubFactory(AgentFactory)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"Festival {n}")
    kind = Series.Kind.FESTIVAL


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.Sequence(lambda n: n + 1)
    work = factory.SubFactory(WorkFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Concert {n}")
    venue = factory.SubFactory(PlaceFactory)
    date_year = 2001


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    event = factory.SubFactory(EventFactory)
    agent = factory.SubFactory(AgentFactory)
    role = Credit.Role.SOLOIST


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    agent = factory.SubFactory(AgentFactory)
    competition_as_stated = "a local competition"
    prize = "First prize"
    rank = 1


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    publication = "The Daily Note"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    review = factory.SubFactory(ReviewFactory)
    text = "A performance of rare poise."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery")


class ArtistAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArtistAccess

    user = factory.SubFactory(UserFactory)
    agent = factory.SubFactory(AgentFactory)
    role = ArtistAccess.Role.MANAGER


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = Source.Kind.DOCUMENT
    key = factory.Sequence(lambda n: f"doc-{n}")
    title = factory.Sequence(lambda n: f"Document {n}")
    text = "Born in Moscow, she studied the violin."


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    record = factory.SubFactory(AgentFactory)


# Records that tie on what a page counts, made in the order given, so a test can make the
# ids run against the order the page must follow.


def halls_of_one_name_in(*cities: str) -> list[Place]:
    """A 'Municipal Auditorium' in each city, numbered in the order given."""
    return [
        PlaceFactory(
            name="Municipal Auditorium", kind=Place.Kind.BUILDING, parent=CityFactory(name=city)
        )
        for city in cities
    ]


def one_title_played_by(artist: Agent, *composers: str, venue: Place | None = None) -> None:
    """A 'Symphony No. 5' by each composer, each played once by `artist` (at `venue`)."""
    for composer in composers:
        work = WorkFactory(title="Symphony No. 5")
        AuthorshipFactory(
            work=work, agent=AgentFactory(name=composer), role=Authorship.Role.COMPOSER
        )
        item = ProgrammeItemFactory(work=work)
        EventFactory(programme=item.programme, **({"venue": venue} if venue else {}))
        CreditFactory(agent=artist, event=None, item=item)


# Engagements and who may see them (engagements/access.py).


class OrganisationFactory(AgentFactory):
    kind = Agent.Kind.ORGANISATION
    name = factory.Sequence(lambda n: f"Concert Society {n}")


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    artist = factory.SubFactory(AgentFactory)
    presenter = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Recital {n}")


class PresenterAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PresenterAccess

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class RosterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roster

    name = factory.Sequence(lambda n: f"Agency {n}")


class RosterArtistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterArtist

    roster = factory.SubFactory(RosterFactory)
    agent = factory.SubFactory(AgentFactory)
