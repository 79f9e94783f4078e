"""Reads for the press side: reviews with their quotes, and an agent's career as a story.

The career timeline merges every kind of fact the record holds about an agent. Facts
told by a biography carry a `narrative_order` and keep the story's order; facts from an
archive carry dates and are woven in by date (see `merge_timeline`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db import models
from django.db.models import Prefetch, Q, QuerySet

from cadenza.events.career_figures import Appearances, agent_appearances
from cadenza.events.models import Award, Event
from cadenza.events.performances import Performance, agent_performances
from cadenza.events.performed import performed
from cadenza.events.selectors import (
    CountedPaginator,
    agent_awards,
    agent_events,
    event_date,
    event_rows,
    newest_first,
)
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, Milestone, Relationship
from cadenza.people.selectors import AgentTies, agent_milestones, agent_ties
from cadenza.press.models import Quote, Review


def _review_queryset() -> models.QuerySet[Review]:
    return Review.objects.select_related("event__venue", "critic_agent").prefetch_related(
        Prefetch("quotes", queryset=Quote.objects.order_by("position", "pk"))
    )


def event_reviews(*, event: Event) -> list[Review]:
    return list(_review_queryset().filter(event=event))


def agent_review_ids(
    *, agent: Agent, events: QuerySet[Event] | None = None
) -> QuerySet[Review, Any]:
    """The ids of the reviews about the agent, or of an event the agent took part in (the
    rule of the person page, and of the API's reviews narrowed to an agent)."""
    events = agent_events(agent=agent) if events is None else events
    about = Q(subjects=agent) | Q(event__in=events.order_by().values("pk"))
    return Review.objects.filter(about).values("pk")


def agent_reviews(*, agent: Agent, events: QuerySet[Event] | None = None) -> list[Review]:
    """Reviews about the agent, or of an event the agent took part in."""
    ids = agent_review_ids(agent=agent, events=events)
    return list(_review_queryset().filter(pk__in=ids))


def review_date(review: Review) -> PartialDate:
    """When the review appeared; failing that, when the reviewed event took place."""
    if review.published_year is not None:
        return PartialDate.of(review, "published")
    return event_date(review.event) if review.event is not None else PartialDate()


def notable_events(*, limit: int = 6) -> list[Event]:
    """Events the press wrote about or whose audience was recorded, newest first."""
    reviewed = Q(pk__in=Review.objects.filter(event__isnull=False).values("event_id"))
    counted = Q(attendance__isnull=False) | ~Q(attendance_note="")
    return list(newest_first(event_rows().filter(reviewed | counted))[:limit])


@dataclass
class TimelineEntry:
    """One fact in a career, with what the merge needs to place it."""

    kind: str  # milestone, relationship, award, performance, review
    label: str
    date: PartialDate
    narrative_order: int | None
    fact: Any
    end: PartialDate = field(default_factory=PartialDate)
    # Relationships where the agent is the target read the other way ("studied with").
    inbound: bool = False

    @property
    def date_key(self) -> tuple[int, int, int]:
        return _date_key(self.date)

    @property
    def category(self) -> str:
        """What a visitor filters the timeline by: one of TIMELINE_CATEGORIES."""
        if self.kind == "milestone":
            training = self.fact.kind == Milestone.Kind.TRAINING
            return "training" if training else "milestones"
        if self.kind == "relationship":
            studied = self.inbound or self.fact.kind == Relationship.Kind.STUDIED_AT
            return "training" if studied else "positions"
        return {"award": "competitions", "review": "reviews"}.get(self.kind, "performances")


# Category → its heading in the filter, in the order shown.
TIMELINE_CATEGORIES = {
    "training": "Training",
    "competitions": "Competitions",
    "performances": "Performances",
    "reviews": "Reviews",
    "positions": "Positions",
    "milestones": "Other milestones",
}


def timeline_filtered(
    timeline: list[TimelineEntry], category: str | None
) -> tuple[list[TimelineEntry], list[tuple[str, str, int]]]:
    """The entries of one category (all for None or an unknown one), and the filter's
    choices: (category, heading, number of entries) for those the timeline holds."""
    counts: dict[str, int] = {}
    for entry in timeline:
        counts[entry.category] = counts.get(entry.category, 0) + 1
    choices = [(c, label, counts[c]) for c, label in TIMELINE_CATEGORIES.items() if c in counts]
    if category not in TIMELINE_CATEGORIES:
        return timeline, choices
    return [e for e in timeline if e.category == category], choices


_KIND_RANK = {
    "milestone": 0,
    "relationship": 1,
    "award": 2,
    "performance": 3,
    "season": 4,
    "review": 5,
}
# Past this many performances an archive career is summed up by year in the timeline,
# and the credits table is read a page at a time.
TIMELINE_PERFORMANCES = 100
CREDITS_PER_PAGE = 50


def _date_key(date: PartialDate) -> tuple[int, int, int]:
    return (date.year or 0, date.month or 0, date.day or 0)


def _tie(entry: TimelineEntry) -> tuple[int, int]:
    return (_KIND_RANK.get(entry.kind, 9), getattr(entry.fact, "pk", 0) or 0)


def merge_timeline(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Order career facts: the story's order where told, dates for the rest.

    - Facts with a narrative order keep that order among themselves.
    - Dated facts without one keep date order among themselves, and are slotted in
      before the first story fact known to come later. An undated story fact counts as
      happening at the latest date told before it ("one day", "years later").
    - Facts with neither come last.
    So a biography shows in its own order, an archive by date, and a mix sensibly.
    """
    entries = list(entries)
    told = sorted(
        (e for e in entries if e.narrative_order is not None),
        key=lambda e: (e.narrative_order, e.date_key, *_tie(e)),
    )
    dated = sorted(
        (e for e in entries if e.narrative_order is None and e.date),
        key=lambda e: (e.date_key, *_tie(e)),
    )
    loose = sorted((e for e in entries if e.narrative_order is None and not e.date), key=_tie)

    effective: list[tuple[int, int, int] | None] = []
    latest: tuple[int, int, int] | None = None
    for entry in told:
        if entry.date:
            latest = entry.date_key
        effective.append(latest)

    merged: list[TimelineEntry] = []
    i = j = 0
    while i < len(told) and j < len(dated):
        when = effective[i]
        if when is None or when <= dated[j].date_key:
            merged.append(told[i])
            i += 1
        else:
            merged.append(dated[j])
            j += 1
    return merged + told[i:] + dated[j:] + loose


_OUTGOING_LABELS = {
    Relationship.Kind.STUDIED_AT: "Studied at",
    Relationship.Kind.TEACHER_OF: "Teacher of",
    Relationship.Kind.MEMBER_OF: "Member of",
    Relationship.Kind.POSITION: "Position at",
    Relationship.Kind.MANAGED_BY: "Managed by",
}


def _entries(
    *,
    milestones: list[Milestone],
    ties: AgentTies,
    awards: list[Award],
    performances: list[Performance],
    seasons: list[tuple[int, int]],
    reviews: list[Review],
) -> list[TimelineEntry]:
    out = [
        TimelineEntry("milestone", m.get_kind_display(), m.date, m.narrative_order, m)
        for m in milestones
    ]
    for rel in ties.outgoing:
        label = _OUTGOING_LABELS.get(rel.kind, rel.get_kind_display())  # type: ignore[call-overload]
        out.append(
            TimelineEntry("relationship", label, rel.begin, rel.narrative_order, rel, rel.end)
        )
    for rel in ties.teachers:
        out.append(
            TimelineEntry(
                "relationship", "Studied with", rel.begin, rel.narrative_order, rel, rel.end, True
            )
        )
    out += [
        TimelineEntry("award", "Award", PartialDate(a.year), a.narrative_order, a) for a in awards
    ]
    out += [
        TimelineEntry(
            "performance",
            p.event.get_kind_display(),
            p.date,
            p.event.narrative_order,
            p,
        )
        for p in performances
    ]
    out += [
        TimelineEntry("season", "Season", PartialDate(year), None, count) for year, count in seasons
    ]
    out += [
        TimelineEntry("review", "Review", review_date(r), r.narrative_order, r) for r in reviews
    ]
    return out


@dataclass
class Career:
    """Everything the record says about an agent's career, loaded in a fixed few queries."""

    milestones: list[Milestone]
    ties: AgentTies
    awards: list[Award]
    # Performances told one by one in the timeline (all, or the story's own for archives).
    performances: list[Performance]
    # One page of the credits table: Performance objects.
    credits_page: Page
    reviews: list[Review]
    timeline: list[TimelineEntry]
    summarised: bool = False
    # The appearances counted per season and year: the chart's, the timeline's per-year
    # counts and the credits table's total are this one figure.
    appearances: Appearances = field(default_factory=Appearances)

    @property
    def dated(self) -> bool:
        """Whether any fact carries a date (a told story often has none)."""
        return any(entry.date for entry in self.timeline)

    @property
    def performances_dated(self) -> bool:
        return any(perf.date for perf in self.credits_page.object_list)

    def records(self) -> list[models.Model]:
        """Every fact shown, so their sources can be found."""
        facts: list[models.Model] = [*self.milestones, *self.awards, *self.reviews]
        facts += self.ties.outgoing + self.ties.teachers
        for perf in [*self.performances, *self.credits_page.object_list]:
            facts.append(perf.event)
            facts += perf.credits
        for review in self.reviews:
            facts += list(review.quotes.all())
        return facts


def agent_career(
    *,
    agent: Agent,
    page: int | str | None = 1,
    limit: int = TIMELINE_PERFORMANCES,
    per_page: int = CREDITS_PER_PAGE,
) -> Career:
    """The agent's career. Up to `limit` appearances, every one is in the timeline; past
    that (an archive career of thousands of concerts) the timeline counts them by year and
    keeps those the story tells. The credits table pages through them either way. Only
    appearances (`performed.py`) are listed or counted, with the rehearsals that took place
    in the timeline as rehearsals: a planned, cancelled or future event is not yet a
    performance.

    The same queries whatever the size of the career: milestones, ties, awards, reviews
    (+ quotes), appearances per season and year (which also counts them), one page of event
    ids, and the performances shown (events, credits, items, movements, catalogue numbers).
    """
    events = agent_events(agent=agent)
    appeared = events.filter(performed())
    milestones = agent_milestones(agent=agent)
    ties = agent_ties(agent=agent)
    awards = agent_awards(agent=agent)
    reviews = agent_reviews(agent=agent, events=events)
    appearances = agent_appearances(agent=agent)
    total = appearances.total
    summarised = total > limit
    paginator = CountedPaginator(appeared.values_list("pk", flat=True), per_page, count=total)
    event_page = paginator.get_page(page)
    page_ids = list(event_page.object_list)
    told = events.filter(performed(rehearsals=True))
    if summarised:
        # The page's events and those the story tells, in one read.
        chosen = told.filter(Q(pk__in=page_ids) | Q(narrative_order__isnull=False))
    else:
        chosen = told
    loaded = agent_performances(agent=agent, events=chosen)
    by_pk = {perf.event.pk: perf for perf in loaded}
    shown = [by_pk[pk] for pk in page_ids if pk in by_pk]
    credits_page = Page(shown, event_page.number, paginator)
    if summarised:
        performances = [p for p in loaded if p.event.narrative_order is not None]
        seasons = appearances.years
    else:
        performances, seasons = loaded, []
    timeline = merge_timeline(
        _entries(
            milestones=milestones,
            ties=ties,
            awards=awards,
            performances=performances,
            seasons=seasons,
            reviews=reviews,
        )
    )
    return Career(
        milestones,
        ties,
        awards,
        performances,
        credits_page,
        reviews,
        timeline,
        summarised,
        appearances,
    )


@dataclass
class QuoteWithSource:
    text: str
    critic: str
    publication: str
    published: PartialDate
    event: Event | None


def agent_quotes(*, agent: Agent, limit: int = 6) -> list[QuoteWithSource]:
    """The quotes of reviews about the agent, newest review first, with their sources."""
    quotes = (
        Quote.objects.filter(review__subjects=agent)
        .select_related("review__event__venue")
        .order_by(
            models.F("review__published_year").desc(nulls_last=True),
            "review_id",
            "position",
        )[:limit]
    )
    return [
        QuoteWithSource(
            text=q.text,
            critic=q.review.critic,
            publication=q.review.publication,
            published=review_date(q.review),
            event=q.review.event,
        )
        for q in quotes
    ]
