"""Works by their archive ID ('2956'), movements by theirs ('2956*2').

A work the record held before the archive came (the demo's BWV 1007) is joined by the
archive's performances when the evidence cannot belong to two works: the same composer
and catalogue number, and for an opus number, which may hold several works (Strauss's
Op. 60 is Le Bourgeois gentilhomme and Ariadne auf Naxos), a word of the title as well.
Works the archive itself created are never joined to another archive ID: each of its IDs
is one work, whatever order the files come in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cadenza import folding
from cadenza.bulkinsert import IdBlocks
from cadenza.ingest.nyphil.movements import MovementResolver
from cadenza.ingest.nyphil.names import KINDS_OF_PIECE, ParsedName
from cadenza.ingest.nyphil.records import Entry
from cadenza.people.models import Authorship
from cadenza.people.services import AuthorshipRow, authorships_insert
from cadenza.repertoire.models import CatalogueNumber, Work
from cadenza.repertoire.services import (
    CatalogueRow,
    WorkRow,
    WorkTitleRow,
    catalogue_numbers_insert,
    works_insert,
    works_update,
)
from cadenza.repertoire.title_parts import catalogue_numbers, in_capitals, recase, recased

COMPOSER = Authorship.Role.COMPOSER.value
JOINED = "joined"  # the digest of a citation that joined a work the archive did not create
# Words that say what kind of piece, not which one: no evidence that two titles agree.
_GENERIC = {"major", "minor", "flat", "sharp", "from", "with", "arranged", "arr"}


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
    linked: list[str] = field(default_factory=list)


class WorkResolver:
    def __init__(self, known: dict[str, int], joined: Iterable[int], *, ids: IdBlocks) -> None:
        """`known`: archive IDs already imported ('2956', '2956*2') → work ids; `joined`:
        the works among them the archive joined rather than created."""
        self._blocks = ids
        joined = set(joined)
        self._titles: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        self._ids = dict(known)
        self._catalogued = _catalogued_works(exclude=set(self._ids.values()) - set(joined))
        self.movements = MovementResolver(known, joined, ids=ids, joined_mark=JOINED)
        self._works: dict[str, _WorkNote] = {}
        # The whole works the archive created: id → title, and those to retitle.
        owned = {pk for archive_id, pk in known.items() if "*" not in archive_id} - set(joined)
        # Filtered here, not in SQL: an archive's works outnumber a statement's parameters.
        self._owned = {
            pk: title
            for pk, title in Work.objects.filter(parent=None).values_list("pk", "title")
            if pk in owned
        }
        self._retitled: set[int] = set()
        self.tally = WorkTally()

    def note(self, entry: Entry, composers: list[ParsedName], collective: str) -> None:
        """A work entry: its work is titled by the best spelling met of its title (as its
        movements are), whatever the order of the files."""
        base = entry.base_id
        shown, catalogue = self._title(entry.title)
        kind = KINDS_OF_PIECE.get(collective.lower())
        if kind and not shown.lower().startswith(kind.lower()):
            # 'National Anthem: United States'; 'CANADA (ARR. Broome)' re-cased first, as
            # the title would be shown, so the two cases do not meet in one title.
            shown = f"{kind}: {recase(shown) if in_capitals(shown) else shown}"

        pk = self._ids.get(base)
        if pk is not None:
            before = self._owned.get(pk)
            if before is not None and shown != before and _better(shown, before):
                self._owned[pk] = shown
                self._retitled.add(pk)
        else:
            note = self._works.get(base)
            if note is None:
                self._works[base] = _WorkNote(
                    title=shown, composers=composers, collective=collective, catalogue=catalogue
                )
            elif shown != note.title and _better(shown, note.title):
                note.title, note.catalogue = shown, catalogue
        if entry.movement_id:
            self.movements.note(entry.movement_id, self._title(entry.movement)[0])

    def _title(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """A title's display form and catalogue numbers, worked out once per spelling."""
        found = self._titles.get(text)
        if found is None:
            found = self._titles[text] = (recased(text), catalogue_numbers(text))
        return found

    def flush(self, agent_id: Callable[[ParsedName], int]) -> list[tuple[int, str, str]]:
        """Create the works and movements noted; returns (work id, archive ID, digest) to
        cite.

        `agent_id` gives a composer's agent id (composers are flushed first).
        """
        return self._flush_works(agent_id) + self.movements.flush(self.id_of)

    def _flush_works(self, agent_id: Callable[[ParsedName], int]) -> list[tuple[int, str, str]]:
        cited: list[tuple[int, str, str]] = []
        new: list[str] = []
        for base, note in self._works.items():
            match = self._joinable(note, agent_id)
            if match is None:
                new.append(base)
                continue
            self._ids[base] = match.pk
            cited.append((match.pk, base, JOINED))
            self.tally.works_found += 1
            self.tally.linked.append(f"{note.title} → {match.title}")
        rows, numbers, authors = [], [], []
        for pk, base in zip(self._blocks.take(Work, len(new)), new, strict=True):
            note = self._works[base]
            rows.append(WorkRow(pk, note.title, None, None, _collective_note(note.collective)))
            numbers += [CatalogueRow(pk, c, n) for c, n in note.catalogue]
            authors += [
                AuthorshipRow(pk, agent_id(c), COMPOSER, i) for i, c in enumerate(note.composers)
            ]
            self._ids[base] = pk
            self._owned[pk] = note.title
            cited.append((pk, base, ""))
        if rows:
            works_insert(rows=rows)
        if numbers:
            catalogue_numbers_insert(rows=numbers)
        if authors:
            authorships_insert(rows=authors)
        if self._retitled:
            works_update(rows=[WorkTitleRow(pk, self._owned[pk], None) for pk in self._retitled])
            self._retitled.clear()
        self.tally.works_added += len(rows)
        self._works.clear()
        return cited

    def _joinable(self, note: _WorkNote, agent_id: Callable[[ParsedName], int]) -> Work | None:
        """The work the record held before that this note names beyond doubt, if any."""
        for composer in note.composers:
            for catalogue, number in note.catalogue:
                found = self._catalogued.get((agent_id(composer), catalogue, number.upper()))
                if found is None:
                    continue
                if catalogue != "Op." or _title_words(found.title) & _title_words(note.title):
                    return found
        return None

    def id_of(self, archive_id: str) -> int:
        """The work an archive ID names ('2956'), or its movement ('2956*2')."""
        found = self._ids.get(archive_id)
        return self.movements.id_of(archive_id) if found is None else found


def _collective_note(collective: str) -> str:
    return f"Composer as the archive gives it: {collective}." if collective else ""


def _better(title: str, than: str) -> bool:
    return folding.spelling_rank(title) < folding.spelling_rank(than)


def _title_words(title: str) -> set[str]:
    return {w for w in folding.words(title) if len(w) > 3 and w.isalpha() and w not in _GENERIC}


def _catalogued_works(*, exclude: set[int]) -> dict[tuple[int, str, str], Work]:
    """(composer id, catalogue, number in capitals) → work, for the works the record holds
    but those in `exclude` (created by the archive)."""
    composers: dict[int, list[int]] = {}
    for work_id, agent_id in Authorship.objects.values_list("work_id", "agent_id"):
        composers.setdefault(work_id, []).append(agent_id)
    numbers = [
        (work_id, catalogue, number)
        for work_id, catalogue, number in CatalogueNumber.objects.filter(work__parent=None)
        .order_by("pk")
        .values_list("work_id", "catalogue", "number")
        if work_id not in exclude
    ]
    # Only the works that can be joined become instances: after a first import, the
    # archive's own works hold most of the numbers.
    works = Work.objects.in_bulk({work_id for work_id, _, _ in numbers})
    found: dict[tuple[int, str, str], Work] = {}
    for work_id, catalogue, number in numbers:
        for agent_id in composers.get(work_id, []):
            found.setdefault((agent_id, catalogue, number.upper()), works[work_id])
    return found
