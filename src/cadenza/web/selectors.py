"""The data each page needs, gathered from the domain selectors in a fixed few queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from cadenza.accounts.selectors import user_can_view_private
from cadenza.events.career_figures import (
    Appearances,
    Collaborators,
    VenueCount,
    WorksPlayed,
    agent_collaborators,
    agent_venues,
    agent_works_played,
)
from cadenza.events.models import Event
from cadenza.events.selectors import event_get, event_local_start
from cadenza.ingest.selectors import CitedSource, sources_for
from cadenza.people.models import Agent
from cadenza.people.selectors import Lineage, agent_authored_works, agent_get, agent_lineage
from cadenza.places.models import Place
from cadenza.places.selectors import place_ancestors, place_capacity, place_timezone
from cadenza.press.biography_kinds import Figure
from cadenza.press.models import Review
from cadenza.press.selectors import Career, agent_career, event_reviews
from cadenza.web.models import RecordVersion


def record_version() -> int:
    """The record's version: every committed write to the record, by any process, moves it
    (cadenza/record_triggers.py). 0 when the row is missing (a flushed test database)."""
    versions = RecordVersion.objects.filter(pk=1).values_list("version", flat=True)
    return next(iter(versions), 0)


@dataclass
class AgentPage:
    agent: Agent
    career: Career
    authored: list[Any]
    sources: list[CitedSource]
    can_view_private: bool


# Past this many performances the person page sums the timeline up by year, and the
# credits table shows this many a page: a long career is read by its figures, chart and
# map, and each request renders a bounded number of performances.
TIMELINE_PERFORMANCES = 20
CREDITS_PER_PAGE = 12


def agent_page(*, pk: int, user: Any, credits_page: int | str | None = 1) -> AgentPage:
    agent = agent_get(pk=pk)
    career = agent_career(
        agent=agent, page=credits_page, limit=TIMELINE_PERFORMANCES, per_page=CREDITS_PER_PAGE
    )
    records = [agent, *agent.instruments.all(), *agent.aliases.all(), *career.records()]
    sources = sources_for(records=records)
    return AgentPage(
        agent=agent,
        career=career,
        authored=agent_authored_works(agent=agent),
        sources=sources,
        can_view_private=user_can_view_private(user=user, agent=agent),
    )


@dataclass
class AgentFigures:
    """The career summed up: what the whole person page shows besides the facts (not
    read for the htmx swaps of the timeline or the credits)."""

    appearances: Appearances
    works_played: WorksPlayed
    venues: list[VenueCount]
    # Countries and regions named without a venue ("festivals in Europe"): not venues.
    areas: list[VenueCount]
    collaborators: Collaborators
    lineage: Lineage

    @property
    def cities(self) -> int:
        return len({v.city_pk for v in self.venues if v.city_pk is not None})

    def value_of(self, figure: Figure) -> int | None:
        """The page's own value of a figure a biography states (`press.biography_kinds`);
        None when the page does not show it (a list's entry beyond the page's few)."""
        together = self.collaborators
        groups = {
            "ensemble": together.ensembles,
            "conductor": together.conductors,
            "soloist": together.soloists,
        }
        totals = {
            "appearances": self.appearances.total,
            "works": self.works_played.total,
            "venues": len(self.venues),
            "cities": self.cities,
            "seasons": len(self.appearances.seasons),
        }
        if figure.kind in totals:
            return totals[figure.kind]
        if figure.kind in groups:
            return next((c.count for c in groups[figure.kind] if c.agent.pk == figure.key), None)
        if figure.kind == "venue":
            return next((v.count for v in self.venues if v.venue.pk == figure.key), None)
        if figure.kind == "work":
            return next((p.count for p in self.works_played.top if p.work.pk == figure.key), None)
        if figure.kind == "season":
            seasons = self.appearances.seasons
            return next((s.count for s in seasons if s.label == figure.key), None)
        if figure.kind == "year":
            return dict(self.appearances.years).get(int(str(figure.key)))
        return None  # 'composition': the record's concerts of a work, on the work's page


def agent_figures(page: AgentPage) -> AgentFigures:
    """Six queries at most: works played (+ composers), venues, collaborators, and one
    per generation of the lineage beyond the first (the appearances are the career's)."""
    agent = page.agent
    places = agent_venues(agent=agent)
    return AgentFigures(
        appearances=page.career.appearances,  # read once, for the timeline too
        works_played=agent_works_played(agent=agent),
        venues=[v for v in places if not v.is_area],
        areas=[v for v in places if v.is_area],
        collaborators=agent_collaborators(agent=agent),
        lineage=agent_lineage(agent=agent, ties=page.career.ties),
    )


@dataclass
class EventPage:
    event: Event
    reviews: list[Review]
    sources: list[CitedSource]
    venue_chain: list[Place]
    timezone: str
    capacity: int | None

    @property
    def local_start(self) -> Any:
        return event_local_start(self.event)

    @property
    def attendance_share(self) -> int | None:
        """Attendance as a percentage of the venue's seats, when both are known."""
        if self.event.attendance and self.capacity:
            return round(100 * self.event.attendance / self.capacity)
        return None


def event_page(*, pk: int) -> EventPage:
    event = event_get(pk=pk)
    reviews = event_reviews(event=event)
    records: list[models.Model] = [event, *event.credits.all(), *reviews]
    if event.programme is not None:
        records.append(event.programme)
        for item in event.programme.items.all():
            records.append(item)
            records += list(item.credits.all())
    for review in reviews:
        records += list(review.quotes.all())
    return EventPage(
        event=event,
        reviews=reviews,
        sources=sources_for(records=records),
        venue_chain=place_ancestors(event.venue) if event.venue else [],
        timezone=place_timezone(event.venue),
        capacity=place_capacity(event.venue),
    )
