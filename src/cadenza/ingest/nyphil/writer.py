"""What the import does inside its transaction: read what the record holds once, then
write the programmes a chunk at a time.

For each chunk, every name, venue and work the programmes need is noted first (each
spelling once) and the new ones created together; then the programmes new to the record
are added (`rows.RowBuilder`), or those the archive changed are rewritten where they
changed (`rewrite`). Ids come from `bulkinsert.IdBlocks`, so rows are built without asking
the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from cadenza.bulkinsert import IdBlocks
from cadenza.events.models import Event, Programme, ProgrammeItem, Series
from cadenza.events.services import SeriesRow, series_insert
from cadenza.ingest.models import Citation, Source
from cadenza.ingest.nyphil.agents import AgentResolver
from cadenza.ingest.nyphil.names import split_conductors
from cadenza.ingest.nyphil.records import Program
from cadenza.ingest.nyphil.rewrite import rewrite
from cadenza.ingest.nyphil.rows import RowBuilder
from cadenza.ingest.nyphil.summary import ImportSummary
from cadenza.ingest.nyphil.venues import VenueResolver
from cadenza.ingest.nyphil.works import JOINED, WorkResolver
from cadenza.ingest.services import citations_redigest, citations_rename, cite_many
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument, Work

# Tables whose ids the import chooses itself (bulkinsert.IdBlocks).
ID_TABLES: list[type[Model]] = [
    Agent,
    Work,
    Place,
    Series,
    Instrument,
    Programme,
    Event,
    ProgrammeItem,
]
SEASON_SUFFIX = " season"
Progress = Callable[[str, int, int], None]


class ArchiveWriter:
    """The record as the import found it (read once, before any row is built), and the
    writing of programmes into it."""

    def __init__(self, source: Source, summary: ImportSummary, progress: Progress) -> None:
        self.source, self.summary, self.progress = source, summary, progress
        cited = Citation.objects.filter(source=source)
        # Programmes already imported: GUID → (programme id, digest of its content), and
        # GUID → the citation's id.
        programmes = cited.filter(content_type=ContentType.objects.get_for_model(Programme))
        self.previous: dict[str, tuple[int, str]] = {}
        self._citations: dict[str, int] = {}
        for pk, record_id, object_id, digest in programmes.values_list(
            "pk", "record_id", "object_id", "digest"
        ):
            self.previous[record_id] = (object_id, digest)
            self._citations[record_id] = pk
        # Cited but deleted by someone since: never written again.
        kept = set(
            Programme.objects.filter(pk__in=programmes.values("object_id")).values_list(
                "pk", flat=True
            )
        )
        self.deleted = {guid for guid, (pk, _) in self.previous.items() if pk not in kept}
        self.first = not self.previous
        # Adding at least a quarter as many programmes as the record holds from the archive.
        self.bulk = self.first
        self.ids = IdBlocks(ID_TABLES)
        agents = cited.filter(content_type=ContentType.objects.get_for_model(Agent))
        self.agents = AgentResolver(
            ids=self.ids, archive_agents=set(agents.values_list("object_id", flat=True))
        )
        self.venues = VenueResolver(ids=self.ids)
        works = cited.filter(content_type=ContentType.objects.get_for_model(Work))
        self.works = WorkResolver(
            dict(works.values_list("record_id", "object_id")),
            works.filter(digest=JOINED).values_list("object_id", flat=True),
            ids=self.ids,
        )
        # Season series by their season ('1911-12'); of two alike, the older.
        self.seasons = {
            name.removesuffix(SEASON_SUFFIX): pk
            for name, pk in Series.objects.filter(
                kind=Series.Kind.SEASON, parent=None, name__endswith=SEASON_SUFFIX
            )
            .order_by("-pk")
            .values_list("name", "pk")
        }
        self.builder = RowBuilder(
            agents=self.agents,
            venues=self.venues,
            works=self.works,
            summary=summary,
            seasons=self.seasons,
            instruments=dict(Instrument.objects.values_list("name", "pk")),
            ids=self.ids,
        )
        self.expected = self.written = self.added = 0
        self._seen: set[object] = set()  # conductor fields and (work ID, title, movement) noted

    def to_write(self, programs: Iterable[Program]) -> tuple[list[Program], list[Program]]:
        """The programmes changed and those new since the last import; the rest are
        counted, and so are those deleted from the record since: they stay deleted."""
        todo = []
        for program in programs:
            digest = self.previous.get(program.guid, (0, ""))[1]
            if program.guid in self.deleted:
                self.summary.skipped["programmes deleted from the record since imported"] += 1
            elif digest == program.digest:
                self.summary.unchanged["programmes"] += 1
                self.summary.unchanged["concerts"] += len(program.concerts)
            else:
                todo.append(program)
        changed = [p for p in todo if p.guid in self.previous]
        new = [p for p in todo if p.guid not in self.previous]
        self.builder.programmes_total = len(new)
        self.builder.concerts_total = sum(len(p.concerts) for p in new)
        self.expected = len(todo)
        self.bulk = len(new) * 4 >= len(self.previous)
        return changed, new

    def rewrite(self, chunk: Sequence[Program]) -> None:
        """Rewrite a chunk of changed programmes where they changed (`rewrite`): their
        names, venues and works first; their citations take the new content's digests."""
        self._resolve(chunk)
        rewrite(self.builder, [(p, self.previous[p.guid][0]) for p in chunk])
        citations_redigest(digests={self._citations[p.guid]: p.digest for p in chunk})

    def write(self, chunk: Sequence[Program]) -> None:
        """Write a chunk of new programmes: their names, venues and works, then their rows."""
        self._resolve(chunk)
        programme_ids = self.builder.add(list(chunk), progress=self.progress)
        self._cite(
            Programme, [(pk, p.guid, p.digest) for pk, p in zip(programme_ids, chunk, strict=True)]
        )
        self.added += len(chunk)

    def _resolve(self, chunk: Sequence[Program]) -> None:
        """Every name, venue, work and season these programmes need, the new ones created."""
        for program in chunk:
            self._note(program)
        self.written += len(chunk)
        self.progress("names", self.written, self.expected)
        self._cite(Place, [(p.pk, f"place:{p.name}", "") for p in self.venues.flush()])
        created, renamed = self.agents.flush()
        self._cite(Agent, [(pk, f"name:{name}", "") for pk, name in created])
        if renamed:
            citations_rename(
                source=self.source,
                model=Agent,
                record_ids={
                    pk: (f"name:{before}", f"name:{now}") for pk, (before, now) in renamed.items()
                },
            )
        self._cite(Work, self.works.flush(self.agents.id_of))
        self._seasons(chunk)

    def _note(self, program: Program) -> None:
        """Every name, venue and work a programme needs, noted for the next flush; each
        field's spelling once (they recur across thousands of programmes)."""
        agents, seen = self.agents, self._seen
        agents.read(program.orchestra, ensemble=True)
        for concert in program.concerts:
            self.venues.note(concert.venue, concert.location)
        for entry in program.entries:
            if entry.interval:
                continue
            composers = agents.read(entry.composer)
            if entry.conductors not in seen:
                seen.add(entry.conductors)
                for conductor in split_conductors(entry.conductors):
                    agents.read(conductor)
            for soloist in entry.soloists:
                agents.read(soloist.name, instrument=soloist.instrument)
            if (entry.work_id, entry.title, entry.movement) not in seen:
                seen.add((entry.work_id, entry.title, entry.movement))
                self.works.note(entry, list(composers.agents), composers.collective)

    def _cite(self, model: type[Model], records: Sequence[tuple[int, str, str]]) -> None:
        if records:
            cite_many(source=self.source, model=model, records=records)

    def _seasons(self, programs: Sequence[Program]) -> None:
        new = sorted({p.season for p in programs} - self.seasons.keys())
        rows = [
            SeriesRow(pk, f"{season}{SEASON_SUFFIX}", Series.Kind.SEASON)
            for pk, season in zip(self.ids.take(Series, len(new)), new, strict=True)
        ]
        if rows:
            series_insert(rows=rows)
        self.seasons.update(zip(new, (row.id for row in rows), strict=True))

    def tally(self) -> None:
        """The counts of what was added, updated and found, into the summary."""
        summary = self.summary
        agents, venues, works = self.agents.tally, self.venues.tally, self.works.tally
        summary.added.update(
            programmes=self.added,
            venues=venues.added,
            people=agents.people_added,
            ensembles=agents.ensembles_added,
            works=works.works_added,
            movements=self.works.movements.added,
        )
        summary.updated.update(programmes=self.written - self.added)
        summary.unchanged.update(
            venues=venues.unchanged,
            people=agents.people_found,
            ensembles=agents.ensembles_found,
            works=works.works_found,
            movements=self.works.movements.found,
        )
        summary.notes += [f"Joined the work already recorded: {link}" for link in works.linked]
