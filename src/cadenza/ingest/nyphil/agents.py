"""One agent per person (or ensemble) across composer, conductor and soloist fields.

Spellings that fold to one name key (`Perez-Freire, Osman` / `Perez Freire, Osman`) are one
agent, and only those: a bracketed other name (`Smith, Henry [Harry]`) becomes an alias but
is never matched on. Which spelling is its name must not depend on which file came first, so
an agent the archive created is shown under the best spelling met so far (`_rank`), in this
run or an earlier one, and every other spelling is kept as an alias: the record after any
order and split of the files is the one a single run makes."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadenza import folding
from cadenza.bulkinsert import IdBlocks
from cadenza.ingest.nyphil.names import NameOutcome, ParsedName, parse_names
from cadenza.people.models import Agent, Alias
from cadenza.people.names import name_key
from cadenza.people.services import AgentRow, AliasRow, agents_insert, agents_update

PERSON, ENSEMBLE, ALIAS = Agent.Kind.PERSON.value, Agent.Kind.ENSEMBLE.value, Alias.Kind.ALIAS.value


@dataclass
class AgentTally:
    people_added: int = 0
    ensembles_added: int = 0
    people_found: int = 0
    ensembles_found: int = 0
    seen: set[str] = field(default_factory=set)


@dataclass
class _Shown:
    """An agent the archive owns: the spelling it is shown under, and its aliases."""

    pk: int | None  # None until created
    best: ParsedName
    aliases: set[str]
    changed: bool = False


def _rank(name: ParsedName) -> tuple[tuple[int, int, int, str], str, bool]:
    """Lower is better: the display spelling's rank, then the sort name and the kind."""
    return (folding.spelling_rank(name.display), name.sort, not name.is_person)


class AgentResolver:
    """Reads name fields and gives agent ids; new agents are created together by flush()."""

    def __init__(self, *, ids: IdBlocks, archive_agents: set[int]) -> None:
        """`archive_agents`: the agents an earlier import of the archive created."""
        self._blocks = ids
        self._ids: dict[str, int] = {}
        # Name key → an agent the archive owns. Only its name's key: an alias (a bracketed
        # other name) is kept, never matched on, or which agent a spelling joins would
        # depend on which file brought the bracket first.
        self._shown: dict[str, _Shown] = {}
        self._owned: list[_Shown] = []
        by_pk: dict[int, _Shown] = {}
        for pk, kind, name, sort in Agent.objects.order_by("pk").values_list(
            "pk", "kind", "name", "sort_name"
        ):
            key = name_key(name)
            self._ids.setdefault(key, pk)
            if pk in archive_agents:
                by_pk[pk] = _Shown(pk, ParsedName(name, sort, kind == PERSON, key=key), set())
                self._owned.append(by_pk[pk])
                self._shown.setdefault(key, by_pk[pk])
        for agent_id, name in Alias.objects.order_by("pk").values_list("agent_id", "name"):
            if agent_id in by_pk:
                by_pk[agent_id].aliases.add(name)
            else:
                self._ids.setdefault(name_key(name), agent_id)
        self._outcomes: dict[tuple[str, str, bool], NameOutcome] = {}
        self._spellings: set[ParsedName] = set()
        self.tally = AgentTally()

    def read(self, raw: str, *, instrument: str = "", ensemble: bool = False) -> NameOutcome:
        """Parse a name field once per distinct spelling, and note the agents it needs."""
        cache_key = (raw, instrument, ensemble)  # an instrument may tell an ensemble
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
        if agent in self._spellings:
            return
        self._spellings.add(agent)
        key = agent.key
        if key not in self.tally.seen:
            self.tally.seen.add(key)
            if key in self._ids:
                if agent.is_person:
                    self.tally.people_found += 1
                else:
                    self.tally.ensembles_found += 1
        shown = self._shown.get(key)
        if shown is None:
            if key in self._ids:
                return  # an agent someone else recorded: the archive only links to it
            shown = self._shown[key] = _Shown(None, agent, set())
            self._owned.append(shown)
        spellings = {agent.display, *agent.variants, shown.best.display}
        if agent is not shown.best and _rank(agent) < _rank(shown.best):
            shown.best, shown.changed = agent, True
        before = len(shown.aliases)
        shown.aliases |= spellings
        shown.aliases.discard(shown.best.display)
        shown.changed = shown.changed or len(shown.aliases) != before

    def flush(self) -> tuple[list[tuple[int, str]], dict[int, tuple[str, str]]]:
        """Create the agents noted since the last flush, and show those the archive made
        before under a better spelling met since. Returns (id, name) pairs to cite, and
        the renamed agents: id → (name before, name now)."""
        pending = [s for s in self._owned if s.pk is None]
        rows, aliases, updates = [], [], []
        renamed: dict[int, tuple[str, str]] = {}
        for pk, shown in zip(self._blocks.take(Agent, len(pending)), pending, strict=True):
            shown.pk = self._ids[shown.best.key] = pk
            rows.append(_row(pk, shown.best))
            aliases += [AliasRow(pk, name, ALIAS) for name in sorted(shown.aliases)]
            shown.changed = False
            if shown.best.is_person:
                self.tally.people_added += 1
            else:
                self.tally.ensembles_added += 1
        for shown in self._owned:
            if not shown.changed or shown.pk is None:
                continue
            shown.changed = False
            updates.append(_row(shown.pk, shown.best))
            aliases += [AliasRow(shown.pk, name, ALIAS) for name in sorted(shown.aliases)]
        if rows:
            agents_insert(rows=rows, aliases=())
        if updates or aliases:
            renamed = agents_update(rows=updates, aliases=aliases)
        return [(row.id, row.name) for row in rows], renamed

    def id_of(self, agent: ParsedName) -> int:
        """The agent a spelling names (after the flush that created it)."""
        shown = self._shown.get(agent.key)
        if shown is not None and shown.pk is not None:
            return shown.pk
        return self._ids[agent.key]


def _row(pk: int, name: ParsedName) -> AgentRow:
    return AgentRow(pk, PERSON if name.is_person else ENSEMBLE, name.display, name.sort)
