"""Works by their archive ID ('2956'), movements by theirs ('2956*2').

A work the record already holds under the same composer and catalogue number (the demo's
BWV 1007) is the same work: the archive's performances join it instead of a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cadenza.ingest.nyphil.names import ParsedName, name_key
from cadenza.ingest.nyphil.reader import Entry
from cadenza.ingest.nyphil.titles import catalogue_numbers, display_title
from cadenza.people.models import Authorship
from cadenza.people.services import authorships_create_many
from cadenza.repertoire.models import CatalogueNumber, Work
from cadenza.repertoire.services import catalogue_numbers_create_many, works_create_many


@dataclass
class _WorkNote:
    title: str
    composers: list[ParsedName]
    collective: str
    catalogue: list[tuple[str, str]]


@dataclass
class WorkTally:
    works_added: int = 0
    works_found: int = 0
    movements_added: int = 0
    movements_found: int = 0
    linked: list[str] = field(default_factory=list)


class WorkResolver:
    def __init__(self, known: dict[str, int]) -> None:
        """`known`: archive IDs already imported ('2956', '2956*2') → work ids."""
        self._ids = dict(known)
        self._works: dict[str, _WorkNote] = {}
        self._movements: dict[str, tuple[str, str]] = {}
        self.tally = WorkTally()

    def note(self, entry: Entry, composers: list[ParsedName], collective: str) -> None:
        base = entry.base_id
        if base not in self._ids and base not in self._works:
            self._works[base] = _WorkNote(
                title=display_title(entry.title)[:400],
                composers=composers,
                collective=collective,
                catalogue=catalogue_numbers(entry.title),
            )
        movement_id = entry.movement_id
        if movement_id and movement_id not in self._ids and movement_id not in self._movements:
            self._movements[movement_id] = (base, display_title(entry.movement)[:400])

    def flush(self, agent_id: dict[str, int]) -> list[tuple[Work, str]]:
        """Create the works and movements noted; returns (work, archive ID) pairs to cite.

        `agent_id` maps a composer's name key to the agent id (composers are flushed first).
        """
        cited = self._flush_works(agent_id)
        cited += self._flush_movements()
        return cited

    def _flush_works(self, agent_id: dict[str, int]) -> list[tuple[Work, str]]:
        catalogued = _catalogued_works()
        cited: list[tuple[Work, str]] = []
        new_ids, new_works = [], []
        for base, note in self._works.items():
            match = next(
                (
                    catalogued[(agent_id[c.key], cat, num)]
                    for c in note.composers
                    for cat, num in note.catalogue
                    if (agent_id[c.key], cat, num) in catalogued
                ),
                None,
            )
            if match is not None:
                self._ids[base] = match.pk
                cited.append((match, base))
                self.tally.linked.append(f"{note.title} → {match.title}")
                continue
            new_ids.append(base)
            new_works.append(Work(title=note.title, notes=_collective_note(note.collective)))
        created = works_create_many(works=new_works)
        numbers, authors = [], []
        for base, work in zip(new_ids, created, strict=True):
            self._ids[base] = work.pk
            cited.append((work, base))
            note = self._works[base]
            numbers += [
                CatalogueNumber(work=work, catalogue=c, number=n) for c, n in note.catalogue
            ]
            authors += [
                Authorship(work=work, agent_id=agent_id[c.key], position=i)
                for i, c in enumerate(note.composers)
            ]
        catalogue_numbers_create_many(entries=numbers)
        authorships_create_many(authorships=authors)
        self.tally.works_added += len(created)
        self.tally.works_found += len(self._works) - len(created)
        self._works.clear()
        return cited

    def _flush_movements(self) -> list[tuple[Work, str]]:
        parents = {self._ids[base] for base, _ in self._movements.values()}
        existing: dict[tuple[int, str], Work] = {
            (m.parent_id, name_key(m.title)): m
            for m in Work.objects.filter(parent_id__in=parents)
            if m.parent_id is not None
        }
        taken = {(parent, pos) for (parent, _), m in existing.items() if (pos := m.position)}
        cited: list[tuple[Work, str]] = []
        new_ids: list[str] = []
        new_works: list[Work] = []
        same_as: dict[str, str] = {}  # a second archive ID for a movement already noted
        pending: dict[tuple[int, str], str] = {}
        for movement_id, (base, title) in self._movements.items():
            parent = self._ids[base]
            key = (parent, name_key(title))
            found = existing.get(key)
            if found is not None:
                self._ids[movement_id] = found.pk
                cited.append((found, movement_id))
                self.tally.movements_found += 1
                continue
            if key in pending:
                same_as[movement_id] = pending[key]
                continue
            number = int(movement_id.split("*", 1)[1])
            # The archive numbers movements in order; keep that unless the slot is taken.
            position = number if (parent, number) not in taken and number < 32767 else None
            if position is not None:
                taken.add((parent, number))
            pending[key] = movement_id
            new_ids.append(movement_id)
            new_works.append(Work(title=title, parent_id=parent, position=position))
        created = works_create_many(works=new_works)
        for movement_id, work in zip(new_ids, created, strict=True):
            self._ids[movement_id] = work.pk
            cited.append((work, movement_id))
        by_id = dict(zip(new_ids, created, strict=True))
        for movement_id, first in same_as.items():
            self._ids[movement_id] = by_id[first].pk
            cited.append((by_id[first], movement_id))
        self.tally.movements_added += len(created)
        self._movements.clear()
        return cited

    def id_of(self, archive_id: str) -> int:
        return self._ids[archive_id]


def _collective_note(collective: str) -> str:
    return f"Composer as the archive gives it: {collective}." if collective else ""


def _catalogued_works() -> dict[tuple[int, str, str], Work]:
    """(composer id, catalogue, number) → work, for works the record already holds."""
    composers: dict[int, list[int]] = {}
    for work_id, agent_id in Authorship.objects.values_list("work_id", "agent_id"):
        composers.setdefault(work_id, []).append(agent_id)
    found: dict[tuple[int, str, str], Work] = {}
    for number in CatalogueNumber.objects.select_related("work").filter(work__parent=None):
        for agent_id in composers.get(number.work_id, []):
            found[(agent_id, number.catalogue, number.number.upper())] = number.work
    return found
