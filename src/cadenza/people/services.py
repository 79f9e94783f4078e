"""Writes for agents, their names, instruments and relationships."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError

from cadenza import bulkinsert
from cadenza.folding import clean_name, told_alike
from cadenza.partialdates import PartialDate
from cadenza.people.models import (
    Agent,
    AgentInstrument,
    Alias,
    Authorship,
    Milestone,
    Relationship,
)
from cadenza.people.names import PARTICLES, SUFFIXES
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument, Work


def sort_name_for(name: str, *, kind: str = Agent.Kind.PERSON) -> str:
    """'Ludwig van Beethoven' → 'Beethoven, Ludwig van'; ensembles sort as written."""
    words = name.split()
    if kind != Agent.Kind.PERSON or len(words) < 2:
        return " ".join(words)
    suffix = ""
    if words[-1].lower().rstrip(",") in SUFFIXES and len(words) > 2:
        suffix = ", " + words[-1]
        words = words[:-1]
        words[-1] = words[-1].rstrip(",")
    surname_start = len(words) - 1
    while surname_start > 1 and words[surname_start - 1].lower() in PARTICLES:
        surname_start -= 1
    # Particles stay with the given names in the sort form, as libraries do.
    given = words[:surname_start]
    surname = [w for w in words[surname_start:] if w.lower() not in PARTICLES]
    particles = [w for w in words[surname_start:] if w.lower() in PARTICLES]
    return f"{' '.join(surname)}, {' '.join(given + particles)}{suffix}"


def agent_ensure(
    *,
    name: str,
    kind: str = Agent.Kind.PERSON,
    sort_name: str = "",
    begin: PartialDate | None = None,
    end: PartialDate | None = None,
    **details: Any,
) -> Agent:
    """Find an agent by (kind, name) or create it; fill in details it lacks, never overwrite."""
    name = clean_name(name)
    if not name:
        raise ValueError("An agent needs a name.")
    values: dict[str, Any] = dict(details)
    values["sort_name"] = sort_name or sort_name_for(name, kind=kind)
    if begin:
        values.update(begin.as_fields("begin"))
    if end:
        values.update(end.as_fields("end"))
    agent = Agent.objects.filter(kind=kind, name=name).first()
    if agent is None:
        agent = Agent(kind=kind, name=name, **values)
        agent.full_clean()
        agent.save()
        return agent
    changed = [f for f, v in values.items() if v not in (None, "") and not getattr(agent, f)]
    for field in changed:
        setattr(agent, field, values[field])
    if changed:
        agent.full_clean()
        agent.save(update_fields=changed)
    return agent


def agent_pronouns_set(*, agent: Agent, pronouns: str) -> Agent:
    """Record the pronouns a person uses, as a reviewer or the person states them (never
    guessed from a name): he, she, they, or "" for not recorded."""
    if pronouns not in Agent.Pronouns.values:
        choices = ", ".join(repr(v) for v in Agent.Pronouns.values)
        raise ValidationError({"pronouns": f"Pronouns are one of {choices}, not {pronouns!r}."})
    if agent.pronouns != pronouns:
        agent.pronouns = pronouns
        agent.save(update_fields=["pronouns"])
    return agent


def alias_add(*, agent: Agent, name: str, kind: str = Alias.Kind.ALIAS) -> Alias:
    name = clean_name(name)
    alias, _ = Alias.objects.get_or_create(agent=agent, name=name, defaults={"kind": kind})
    return alias


def agent_instrument_add(
    *, agent: Agent, instrument: Instrument, position: int = 0
) -> AgentInstrument:
    """A source states that the agent plays the instrument (a row derived from their
    credits alone becomes stated)."""
    entry, _ = AgentInstrument.objects.get_or_create(
        agent=agent, instrument=instrument, defaults={"position": position}
    )
    if not entry.stated:
        entry.stated = True
        entry.save(update_fields=["stated"])
    return entry


def relationship_add(
    *,
    subject: Agent,
    kind: str,
    target: Agent,
    role: str = "",
    instrument: Instrument | None = None,
    begin: PartialDate | None = None,
    end: PartialDate | None = None,
    narrative_order: int | None = None,
    description: str = "",
) -> Relationship:
    """Record a dated tie; the same (subject, kind, target, role) is recorded once."""
    if subject.pk == target.pk:
        raise ValueError(f"{subject} cannot be related to themselves.")
    existing = Relationship.objects.filter(
        subject=subject, kind=kind, target=target, role=role
    ).first()
    if existing is not None:
        return existing
    relationship = Relationship(
        subject=subject,
        kind=kind,
        target=target,
        role=role,
        instrument=instrument,
        narrative_order=narrative_order,
        description=description,
        **(begin or PartialDate()).as_fields("begin"),
        **(end or PartialDate()).as_fields("end"),
    )
    relationship.full_clean()
    relationship.save()
    return relationship


def milestone_add(
    *,
    agent: Agent,
    kind: str,
    text: str,
    date: PartialDate | None = None,
    place: Place | None = None,
    narrative_order: int | None = None,
) -> Milestone:
    # The same milestone told in other words (the demo's and its biography's) is one.
    for existing in Milestone.objects.filter(agent=agent, kind=kind):
        if existing.text == text or told_alike(existing.text, text):
            return existing
    date = date or PartialDate()
    milestone = Milestone(
        agent=agent,
        kind=kind,
        text=text,
        year=date.year,
        month=date.month,
        day=date.day,
        place=place,
        narrative_order=narrative_order,
    )
    milestone.full_clean()
    milestone.save()
    return milestone


def authorship_add(
    *, work: Work, agent: Agent, role: str = Authorship.Role.COMPOSER, position: int = 0
) -> Authorship:
    authorship, _ = Authorship.objects.get_or_create(
        work=work, agent=agent, role=role, defaults={"position": position}
    )
    return authorship


class AgentRow(NamedTuple):
    id: int
    kind: str
    name: str
    sort_name: str


class AliasRow(NamedTuple):
    agent_id: int
    name: str
    kind: str


class AuthorshipRow(NamedTuple):
    work_id: int
    agent_id: int
    role: str
    position: int


def agents_insert(*, rows: Sequence[AgentRow], aliases: Sequence[AliasRow] = ()) -> int:
    """Create many agents and their aliases at once (importers); names checked as usual."""
    kinds = set(Agent.Kind.values)
    for row in rows:
        if not row.name.strip() or len(row.name) > 300 or len(row.sort_name) > 300:
            raise ValueError(f"Agent name must be 1 to 300 characters, got {row.name!r}.")
        if row.kind not in kinds:
            raise ValueError(f"Agent kind must be one of {sorted(kinds)}, not {row.kind!r}.")
    count = bulkinsert.insert_tuples(Agent, rows)
    bulkinsert.insert_tuples(Alias, list(dict.fromkeys(aliases)))
    return count


def agents_update(
    *, rows: Sequence[AgentRow], aliases: Sequence[AliasRow] = ()
) -> dict[int, tuple[str, str]]:
    """Show agents an importer created under another spelling (rows), and give agents the
    aliases they lack. An alias that is now the agent's name goes. Returns the agents
    renamed: id → (name before, name now)."""
    for row in rows:
        if not row.name.strip() or len(row.name) > 300 or len(row.sort_name) > 300:
            raise ValueError(f"Agent name must be 1 to 300 characters, got {row.name!r}.")
    before = dict(Agent.objects.filter(pk__in=[r.id for r in rows]).values_list("pk", "name"))
    bulkinsert.update_tuples(Agent, rows)
    for row in rows:
        Alias.objects.filter(agent_id=row.id, name=row.name).delete()
    names = {row.id: row.name for row in rows}
    held = set(
        Alias.objects.filter(agent_id__in={a.agent_id for a in aliases}).values_list(
            "agent_id", "name"
        )
    )
    fresh = [
        a
        for a in dict.fromkeys(aliases)
        if (a.agent_id, a.name) not in held and names.get(a.agent_id) != a.name
    ]
    bulkinsert.insert_tuples(Alias, fresh)
    return {row.id: (before[row.id], row.name) for row in rows if before[row.id] != row.name}


class AgentInstrumentRow(NamedTuple):
    agent_id: int
    instrument_id: int
    position: int
    stated: bool
    concerts: int


class AgentInstrumentCount(NamedTuple):
    id: int
    position: int
    concerts: int


def agent_instruments_write(
    *, new: Sequence[AgentInstrumentRow], changed: Sequence[AgentInstrumentCount]
) -> None:
    """Add instruments agents play and move others' positions and concert counts, as rows
    (the refresh from the credits touches thousands at once)."""
    for row in new:
        if row.position < 0 or row.concerts < 0:
            raise ValueError(f"Agent {row.agent_id}: a position and a count are never negative.")
    bulkinsert.insert_tuples(AgentInstrument, new)
    bulkinsert.update_tuples(AgentInstrument, changed)


def authorships_insert(*, rows: Sequence[AuthorshipRow]) -> int:
    return bulkinsert.insert_tuples(
        Authorship, list({(r.work_id, r.agent_id, r.role): r for r in rows}.values())
    )
