"""One agent per person (or ensemble) across composer, conductor and soloist fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadenza.ingest.nyphil.names import NameOutcome, ParsedName, name_key, parse_names
from cadenza.people.models import Agent, Alias
from cadenza.people.services import AgentSpec, agents_create_many


@dataclass
class AgentTally:
    people_added: int = 0
    ensembles_added: int = 0
    people_found: int = 0
    ensembles_found: int = 0
    seen: set[str] = field(default_factory=set)


class AgentResolver:
    """Reads name fields and gives agent ids; new agents are created together by flush()."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._kinds: dict[str, str] = {}
        for pk, name, kind in Agent.objects.values_list("pk", "name", "kind"):
            self._ids.setdefault(name_key(name), pk)
            self._kinds[name_key(name)] = kind
        for agent_id, name in Alias.objects.values_list("agent_id", "name"):
            self._ids.setdefault(name_key(name), agent_id)
        self._pending: dict[str, ParsedName] = {}
        self._outcomes: dict[tuple[str, bool], NameOutcome] = {}
        self.tally = AgentTally()

    def read(self, raw: str, *, instrument: str = "", ensemble: bool = False) -> NameOutcome:
        """Parse a name field once per distinct spelling, and note the agents it needs."""
        cache_key = (raw, ensemble)
        outcome = self._outcomes.get(cache_key)
        if outcome is None:
            outcome = parse_names(raw, instrument=instrument)
            if ensemble and outcome.agents:
                found = outcome.agents[0]
                outcome = NameOutcome(agents=(ParsedName(found.display, found.display, False),))
            self._outcomes[cache_key] = outcome
            for agent in outcome.agents:
                self._note(agent)
        return outcome

    def _note(self, agent: ParsedName) -> None:
        key = agent.key
        if key in self.tally.seen:
            return
        self.tally.seen.add(key)
        if key in self._ids:
            if agent.is_person:
                self.tally.people_found += 1
            else:
                self.tally.ensembles_found += 1
        else:
            self._pending[key] = agent

    def flush(self) -> list[Agent]:
        """Create the agents noted since the last flush; returns them for citing."""
        pending = list(self._pending.values())
        self._pending.clear()
        specs = [
            AgentSpec(
                name=p.display,
                sort_name=p.sort,
                kind=Agent.Kind.PERSON if p.is_person else Agent.Kind.ENSEMBLE,
                aliases=p.variants,
            )
            for p in pending
        ]
        created = agents_create_many(specs=specs)
        for parsed, agent in zip(pending, created, strict=True):
            self._ids[parsed.key] = agent.pk
            if parsed.is_person:
                self.tally.people_added += 1
            else:
                self.tally.ensembles_added += 1
        return created

    @property
    def ids(self) -> dict[str, int]:
        """Name key → agent id, for everything resolved so far."""
        return self._ids

    def id_of(self, agent: ParsedName) -> int:
        return self._ids[agent.key]
