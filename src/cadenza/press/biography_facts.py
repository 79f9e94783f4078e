"""What the record holds about one artist, gathered for writing a biography.

A fixed number of queries whatever the size of the career: counts and the leading few of
each kind (venues, conductors, ensembles, works) come from grouped queries
(`performance_facts.py`), so an archive soloist with hundreds of concerts costs the same as
the demo's two musicians. The kinds of fact are in `biography_kinds.py`.
"""

from __future__ import annotations

from django.db.models import Q

from cadenza.events.history_figures import work_concerts
from cadenza.events.models import Award
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
    written = list(
        Authorship.objects.filter(
            agent=agent, role=Authorship.Role.COMPOSER, work__parent__isnull=True
        ).values_list("work_id", "work__title")
    )
    facts.works_written = len(written)
    if not written:
        return
    # Counted as the work page counts them (concerts that took place, whole or in part):
    # one selector, `history_figures.work_concerts`.
    played = work_concerts(work_pks=[pk for pk, _ in written])
    rows = sorted(
        ((pk, title, played[pk]) for pk, title in written if played.get(pk)),
        key=lambda row: (-row[2], row[1], row[0]),
    )[:TOP]
    numbers = catalogue_numbers_of(pk for pk, _, _ in rows)
    facts.most_performed = [
        Named(
            work_title(title, numbers.get(pk, ()), brief=True),
            n,
            figure="composition",
            key=pk,
        )
        for pk, title, n in rows
    ]
