"""Reads for agents: one agent, their ties to others, milestones and the works they wrote."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from cadenza.folding import words
from cadenza.people.models import (
    Agent,
    AgentInstrument,
    Alias,
    Authorship,
    Milestone,
    Relationship,
)
from cadenza.people.names import called, name_key
from cadenza.places.selectors import PARENT_CHAIN
from cadenza.repertoire.models import Work


def agent_get(*, pk: int) -> Agent:
    """One agent with instruments (main first), aliases and birth place with its city."""
    return get_object_or_404(
        Agent.objects.select_related(
            f"begin_place__{PARENT_CHAIN}", "end_place__parent", "based_in__parent"
        ).prefetch_related(
            Prefetch(
                "instruments",
                queryset=AgentInstrument.objects.select_related("instrument").order_by(
                    "position", "instrument__name"
                ),
            ),
            "aliases",
        ),
        pk=pk,
    )


def agent_milestones(*, agent: Agent) -> list[Milestone]:
    return list(agent.milestones.select_related("place").order_by("narrative_order", "year", "pk"))


@dataclass
class AgentTies:
    """An agent's relationships, grouped the way a reader asks about them."""

    # Relationships this agent is the subject of, and those pointing at it.
    outgoing: list[Relationship] = field(default_factory=list)
    inbound: list[Relationship] = field(default_factory=list)

    @property
    def teachers(self) -> list[Relationship]:
        return [r for r in self.inbound if r.kind == Relationship.Kind.TEACHER_OF]

    @property
    def students(self) -> list[Relationship]:
        own = [r for r in self.outgoing if r.kind == Relationship.Kind.TEACHER_OF]
        schooled = [r for r in self.inbound if r.kind == Relationship.Kind.STUDIED_AT]
        return own + schooled

    @property
    def institutions(self) -> list[Relationship]:
        return [r for r in self.outgoing if r.kind == Relationship.Kind.STUDIED_AT]

    @property
    def memberships(self) -> list[Relationship]:
        kinds = (Relationship.Kind.MEMBER_OF, Relationship.Kind.POSITION)
        return [r for r in self.outgoing if r.kind in kinds]

    @property
    def members(self) -> list[Relationship]:
        kinds = (Relationship.Kind.MEMBER_OF, Relationship.Kind.POSITION)
        return [r for r in self.inbound if r.kind in kinds]

    @property
    def management(self) -> list[Relationship]:
        return [r for r in self.outgoing if r.kind == Relationship.Kind.MANAGED_BY]

    @property
    def is_empty(self) -> bool:
        return not (self.outgoing or self.inbound)


def agent_ties(*, agent: Agent) -> AgentTies:
    """All relationships in which the agent takes part, in one query."""
    ties = AgentTies()
    rows = (
        Relationship.objects.filter(Q(subject=agent) | Q(target=agent))
        .select_related("subject", "target", "instrument")
        .order_by("narrative_order", "begin_year", "begin_month", "begin_day", "pk")
    )
    for rel in rows:
        (ties.outgoing if rel.subject_id == agent.pk else ties.inbound).append(rel)
    return ties


def work_authorships(*, work: Work) -> list[Authorship]:
    """Who wrote the work (composer first), read from the whole work for a movement."""
    target = work.parent_id or work.pk
    return list(
        Authorship.objects.filter(work_id=target).select_related("agent").order_by("position", "pk")
    )


def agent_authored_works(*, agent: Agent) -> list[Authorship]:
    """Whole works (not movements) the agent wrote, arranged or orchestrated."""
    return list(
        agent.authorships.filter(work__parent__isnull=True)
        .select_related("work")
        .order_by("work__title", "role", "work_id")
    )


def agents_named(*, name: str, partly: bool = False) -> list[Agent]:
    """Agents whose name or alias is `name` as `names.called` matches them: case, accents,
    hyphens and word order aside ('Ma, Yo-Yo' finds Yo-Yo Ma). With `partly`, when none
    is, those whose name holds every word given ('Inzaghi' finds Alessio Leonardo
    Inzaghi): what a person types at a command."""
    # The database finds a name written alike first, as `called` would, without reading them all.
    exact = list(
        Agent.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name))
        .distinct()
        .order_by("sort_name", "pk")
    )
    if exact:
        return exact
    known = [
        *Agent.objects.order_by().values_list("pk", "name"),
        *Alias.objects.order_by().values_list("agent_id", "name"),
    ]
    ids = called(name, known)
    if not ids and partly and (given := set(words(name))):
        ids = {pk for pk, other in known if given <= set(words(other))}
    return list(Agent.objects.filter(pk__in=ids).order_by("sort_name", "pk"))


def agent_names_like(*, name: str, limit: int = 5) -> list[str]:
    """Names in the record that look like `name`, for 'did you mean'."""
    names = {name_key(n): n for n in Agent.objects.values_list("name", flat=True)}
    close = difflib.get_close_matches(name_key(name), list(names), n=limit, cutoff=0.6)
    return [names[c] for c in close]


@dataclass
class LineageNode:
    """A teacher (or student) and, nested, their own teachers (or students)."""

    agent: Agent
    tie: Relationship
    more: list[LineageNode] = field(default_factory=list)


@dataclass
class Lineage:
    teachers: list[LineageNode] = field(default_factory=list)
    students: list[LineageNode] = field(default_factory=list)

    @property
    def is_deep(self) -> bool:
        """Whether it reaches past the agent's own teachers and students."""
        return any(node.more for node in self.teachers + self.students)


def agent_lineage(*, agent: Agent, ties: AgentTies, depth: int = 3) -> Lineage:
    """Teachers' teachers and students' students, `depth` generations each way: the
    first from the ties already read, then one query per further generation (both ways
    at once), none once both ends run out. A name met twice is not followed again."""
    lineage = Lineage(
        teachers=[LineageNode(r.subject, r) for r in ties.teachers],
        students=[
            LineageNode(r.target, r)
            for r in ties.outgoing
            if r.kind == Relationship.Kind.TEACHER_OF
        ],
    )
    seen = {agent.pk} | {n.agent.pk for n in lineage.teachers + lineage.students}
    up = {n.agent.pk: n for n in lineage.teachers}
    down = {n.agent.pk: n for n in lineage.students}
    for _ in range(depth - 1):
        if not (up or down):
            break
        rows = (
            Relationship.objects.filter(kind=Relationship.Kind.TEACHER_OF)
            .filter(Q(target__in=list(up)) | Q(subject__in=list(down)))
            .select_related("subject", "target")
            .order_by("begin_year", "pk")
        )
        next_up: dict[int, LineageNode] = {}
        next_down: dict[int, LineageNode] = {}
        for rel in rows:
            if rel.target_id in up and rel.subject_id not in seen:
                node = LineageNode(rel.subject, rel)
                up[rel.target_id].more.append(node)
                next_up[rel.subject_id] = node
            if rel.subject_id in down and rel.target_id not in seen:
                node = LineageNode(rel.target, rel)
                down[rel.subject_id].more.append(node)
                next_down[rel.target_id] = node
        seen |= set(next_up) | set(next_down)
        up, down = next_up, next_down
    return lineage


def composers_of(work_ids: Iterable[int]) -> dict[int, str]:
    """Each work's first-named composer, in one query: for telling alike titles apart."""
    composers: dict[int, str] = {}
    for work_id, name in (
        Authorship.objects.filter(work_id__in=set(work_ids), role=Authorship.Role.COMPOSER)
        .order_by("position", "pk")
        .values_list("work_id", "agent__name")
    ):
        composers.setdefault(work_id, name)
    return composers
