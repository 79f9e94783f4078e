"""What the record holds about one artist, gathered for writing a biography.

A fixed number of queries whatever the size of the career: counts and the leading few of
each kind (venues, conductors, ensembles, works) come from grouped queries
(`performance_facts.py`), so an archive soloist with hundreds of concerts costs the same as
the demo's two musicians. The kinds of fact are in `biography_kinds.py`.
"""

from __future__ import annotations

from django.db.models import Count, Q

from cadenza.events.models import Award, ProgrammeItem
from cadenza.events.performed import performed
from cadenza.people.models import Agent, AgentInstrument, Authorship, Milestone, Relationship
from cadenza.press.biography_kinds import (
    TOP,
    BiographyFacts,
    Named,
    Position,
    Prize,
    QuoteFact,
    Study,
)
from cadenza.press.models import Quote
from cadenza.press.performance_facts import performances
from cadenza.repertoire.selectors import catalogue_numbers_of
from cadenza.repertoire.titles import work_title


def biography_facts(*, agent: Agent) -> BiographyFacts:
    """Everything a biography of `agent` may say, in a fixed number of queries."""
    facts = BiographyFacts(agent=agent)
    if agent.begin_place_id:
        place = agent.begin_place
        facts.born_place = place.name if place else ""
    for held in AgentInstrument.objects.filter(agent=agent).select_related("instrument"):
        facts.instruments.append(held.instrument.name)
        facts.performer_nouns.append(held.instrument.performer_noun)
    _ties(facts, agent)
    facts.prizes = [
        Prize(
            competition=a.competition.name if a.competition else a.competition_as_stated,
            prize=a.prize,
            year=a.year,
            several=a.represents_several,
        )
        for a in Award.objects.filter(agent=agent).select_related("competition")
    ]
    facts.milestones = list(Milestone.objects.filter(agent=agent).order_by("narrative_order", "pk"))
    performances(facts, agent)
    _compositions(facts, agent)
    facts.quotes = [
        QuoteFact(
            q.review_id, q.text, q.review.critic, q.review.publication, q.review.published_year
        )
        for q in Quote.objects.filter(review__subjects=agent)
        .select_related("review")
        .order_by("review__published_year", "review_id", "position")
    ]
    return facts


def _ties(facts: BiographyFacts, agent: Agent) -> None:
    ties = Relationship.objects.filter(Q(subject=agent) | Q(target=agent, kind="teacher_of"))
    for tie in ties.select_related("subject", "target").order_by("narrative_order", "begin_year"):
        if tie.kind == Relationship.Kind.TEACHER_OF:
            if tie.target_id == agent.pk:
                facts.teachers.append(tie.subject.name)
            else:
                facts.students.append(tie.target.name)
        elif tie.kind == Relationship.Kind.STUDIED_AT:
            facts.studies.append(Study(tie.target.name, tie.begin_year))
        elif tie.kind in (Relationship.Kind.POSITION, Relationship.Kind.MEMBER_OF):
            facts.positions.append(
                Position(tie.target.name, tie.role, tie.begin_year, tie.end_year)
            )


def _compositions(facts: BiographyFacts, agent: Agent) -> None:
    written = Authorship.objects.filter(agent=agent, role=Authorship.Role.COMPOSER)
    facts.works_written = written.filter(work__parent__isnull=True).count()
    if not facts.works_written:
        return
    took_place = performed("programme__events__")
    # Counted in concerts that took place, as every figure is (not programme rows: a
    # programme given on four nights is four concerts).
    rows = list(
        ProgrammeItem.objects.filter(work__in=written.values("work_id"))
        .values("work_id", "work__title")
        .annotate(n=Count("programme__events", distinct=True, filter=took_place))
        .filter(n__gt=0)
        .order_by("-n", "work__title")[:TOP]
    )
    numbers = catalogue_numbers_of(row["work_id"] for row in rows)
    facts.most_performed = [
        Named(
            work_title(row["work__title"], numbers.get(row["work_id"], ()), brief=True),
            row["n"],
            figure="composition",
            key=row["work_id"],
        )
        for row in rows
    ]
