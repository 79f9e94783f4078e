"""Movements by their archive ID ('2956*2'): a child work of the work '2956'.

Archive IDs of one work whose movement titles fold to one key ('"Younger Than
Springtime"' as 965*4 and 965*8) are one movement. What the archive's own movements show
is a function of everything read so far, not of the files' order:

- the title is the best spelling met (`folding.spelling_rank`);
- the position is the lowest number the archive gave the movement, unless a movement the
  archive did not create holds it, or one with a lower number (then its title) came
  first in that order; then it has none.

So each flush works out the positions of every work it touched again, and updates the
movements whose title or position changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cadenza import folding
from cadenza.bulkinsert import IdBlocks
from cadenza.repertoire.models import Work
from cadenza.repertoire.services import WorkRow, WorkTitleRow, works_insert, works_update

POSITION_LIMIT = 32767  # a position is a small integer


@dataclass
class _Movement:
    pk: int
    parent: int
    title: str
    position: int | None
    numbers: set[int] = field(default_factory=set)  # the archive's numbers for it
    created: bool = False  # in this flush


class MovementResolver:
    def __init__(
        self, known: dict[str, int], joined: Iterable[int], *, ids: IdBlocks, joined_mark: str
    ) -> None:
        """`known`: archive IDs already imported → work ids; `joined`: the works among them
        the archive found rather than created."""
        self._blocks, self._joined_mark = ids, joined_mark
        self._ids: dict[str, int] = {}
        self._by_key: dict[tuple[int, str], int] = {}  # (parent, title key) → movement
        self._held: dict[int, set[int]] = {}  # parent → positions of movements not ours
        self._ours: dict[int, _Movement] = {}
        self._children: dict[int, list[_Movement]] = {}
        archive = set(known.values()) - set(joined)
        for pk, parent, title, position in (
            Work.objects.filter(parent__isnull=False)
            .order_by("pk")
            .values_list("pk", "parent_id", "title", "position")
        ):
            self._by_key.setdefault((parent, folding.key(title)), pk)
            if pk in archive:
                self._adopt(_Movement(pk, parent, title, position))
            elif position is not None:
                self._held.setdefault(parent, set()).add(position)
        for archive_id, pk in known.items():
            if "*" in archive_id and pk in self._ours:
                self._ids[archive_id] = pk
                self._ours[pk].numbers.add(int(archive_id.split("*", 1)[1]))
            elif "*" in archive_id:
                self._ids[archive_id] = pk
        self._noted: dict[str, set[str]] = {}  # archive ID → its titles, since the last flush
        self._new: set[int] = set()  # created by this import
        self.added = self.found = 0

    def _adopt(self, movement: _Movement) -> None:
        self._ours[movement.pk] = movement
        self._children.setdefault(movement.parent, []).append(movement)

    def note(self, movement_id: str, title: str) -> None:
        self._noted.setdefault(movement_id, set()).add(title)

    def flush(self, work_id: Callable[[str], int]) -> list[tuple[int, str, str]]:
        """Create or join the movements noted; returns (work id, archive ID, digest) to cite.
        `work_id` gives the id of a whole work by its archive ID."""
        cited: list[tuple[int, str, str]] = []
        touched: set[int] = set()
        retitled: set[int] = set()
        for movement_id, titles in self._noted.items():
            ranked = sorted(titles, key=folding.spelling_rank)
            base, number = movement_id.split("*", 1)
            parent = work_id(base)
            pk = self._ids.get(movement_id)
            if pk is None:
                pk = self._join(parent, ranked[0], movement_id, cited)
            ours = self._ours.get(pk)
            if ours is None:  # a movement someone else recorded: joined, left as it is
                continue
            ours.numbers.add(int(number))
            # The best of its spellings (those that fold to its title's key) titles it.
            same = [t for t in ranked if folding.key(t) == folding.key(ours.title)]
            best = same[0] if same else ours.title
            if folding.spelling_rank(best) < folding.spelling_rank(ours.title):
                ours.title = best
                retitled.add(pk)
            touched.add(parent)
        self._noted.clear()
        self._write(touched, retitled)
        return cited

    def _join(
        self, parent: int, title: str, movement_id: str, cited: list[tuple[int, str, str]]
    ) -> int:
        """The movement a new archive ID names: one of its work with a title that folds
        alike, or a new one."""
        key = (parent, folding.key(title))
        pk = self._by_key.get(key)
        if pk is None:
            pk = self._blocks.take(Work, 1).start
            self._by_key[key] = pk
            self._adopt(_Movement(pk, parent, title, None, created=True))
            self._new.add(pk)
            self.added += 1
        elif pk not in self._new:
            self.found += 1
        self._ids[movement_id] = pk
        cited.append((pk, movement_id, "" if pk in self._ours else self._joined_mark))
        return pk

    def _write(self, parents: set[int], retitled: set[int]) -> None:
        new: list[WorkRow] = []
        changed: list[WorkTitleRow] = []
        for parent in sorted(parents):
            for movement, position in self._positions(parent):
                if movement.created:
                    new.append(WorkRow(movement.pk, movement.title, parent, position, ""))
                elif position != movement.position or movement.pk in retitled:
                    changed.append(WorkTitleRow(movement.pk, movement.title, position))
                movement.position, movement.created = position, False
        works_update(rows=changed)  # first: a new movement may take a freed position
        works_insert(rows=new)

    def _positions(self, parent: int) -> list[tuple[_Movement, int | None]]:
        """Each of our movements of a work with the position it should hold."""
        taken = set(self._held.get(parent, ()))
        placed = []
        children = self._children.get(parent, [])
        for movement in sorted(children, key=lambda m: (min(m.numbers), folding.key(m.title))):
            number = min(movement.numbers)
            position = number if number not in taken and number < POSITION_LIMIT else None
            if position is not None:
                taken.add(position)
            placed.append((movement, position))
        return placed

    def id_of(self, movement_id: str) -> int:
        return self._ids[movement_id]
