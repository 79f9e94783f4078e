"""One agent per person (or ensemble) across composer, conductor and soloist fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadenza.bulkinsert import IdBlocks
from cadenza.ingest.nyphil.names import NameOutcome, ParsedName, parse_names
from cadenza.people.models import Agent, Alias
from cadenza.people.names import name_key
from cadenza.people.services import AgentRow, AliasRow, agents_insert

PERSON, ENSEMBLE, ALIAS = Agent.Kind.PERSON.value, Agent.Kind.ENSEMBLE.value, Alias.Kind.ALIAS.value


@dataclass
class AgentTally:
    people_added: int = 0
    ensembles_added: int = 0
    people_found: int = 0
    ensembles_found: int = 0
    seen: set[str] = field(default_factory=set)


class AgentResolver:
    """Reads name fields and gives agent ids; new agents are created together by flush()."""

    def __init__(self, *, ids: IdBlocks) -> None:
        self._blocks = ids
        self._ids: dict[str, int] = {}
        for pk, name in Agent.objects.values_list("pk", "name"):
            self._ids.setdefault(name_key(name), pk)
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
        if key not in self._ids:
            self._pending[key] = agent
        elif agent.is_person:
            self.tally.people_found += 1
        else:
            self.tally.ensembles_found += 1

    def flush(self) -> list[tuple[int, str]]:
        """Create the agents noted since the last flush; returns (id, name) pairs to cite."""
        pending = list(self._pending.values())
        self._pending.clear()
        rows, aliases = [], []
        for pk, parsed in zip(self._blocks.take(Agent, len(pending)), pending, strict=True):
            kind = PERSON if parsed.is_person else ENSEMBLE
            rows.append(AgentRow(pk, kind, parsed.display, parsed.sort))
            aliases += [
                AliasRow(pk, variant, ALIAS)
                for variant in parsed.variants
                if variant != parsed.display
            ]
            self._ids[parsed.key] = pk
            if parsed.is_person:
                self.tally.people_added += 1
            else:
                self.tally.ensembles_added += 1
        if rows:
            agents_insert(rows=rows, aliases=aliases)
        return [(row.id, row.name) for row in rows]

    @property
    def ids(self) -> dict[str, int]:
        """Name key → agent id, for everything resolved so far."""
        return self._ids

    def id_of(self, agent: ParsedName) -> int:
        return self._ids[agent.key]
