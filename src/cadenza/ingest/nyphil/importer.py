"""`cadenza import nyphil`: the release's files into the record, in one transaction.

Files are read and checked first, without touching the database. Every write then
happens inside one `transaction.atomic()`, so an error, Ctrl-C or a killed process leaves
the database exactly as it was. Each program's content hash is kept on its citation: a
second run skips unchanged programs, and a newer release rewrites only the programs that
changed, and only the rows the archive owns (those with a `source_ref`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Model

from cadenza.bulkinsert import IdBlocks, indexes_deferred, statistics_refreshed
from cadenza.events.models import Credit, Event, Programme, ProgrammeItem, Series
from cadenza.events.services import SeriesRow, series_insert
from cadenza.ingest.models import Citation, Source
from cadenza.ingest.nyphil import prefetch
from cadenza.ingest.nyphil.agents import AgentResolver
from cadenza.ingest.nyphil.files import SOURCE_KEY, files_record, unchanged_files
from cadenza.ingest.nyphil.foresight import Foresight
from cadenza.ingest.nyphil.forked import run_forked
from cadenza.ingest.nyphil.pipes import can_fork
from cadenza.ingest.nyphil.prefetch import FilesRead
from cadenza.ingest.nyphil.reader import Problem, Program, file_digest, json_files, read_file
from cadenza.ingest.nyphil.rows import RowBuilder
from cadenza.ingest.nyphil.summary import ImportSummary
from cadenza.ingest.nyphil.transfer import Rebuilder
from cadenza.ingest.nyphil.venues import VenueResolver
from cadenza.ingest.nyphil.works import WorkResolver
from cadenza.ingest.nyphil.writes import Relay, Writes, write_now
from cadenza.ingest.services import CitationRow, citations_insert, source_ensure
from cadenza.people.models import Agent, Alias, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import CatalogueNumber, Instrument, Work

# Tables a first import fills in bulk: their plain indexes are built once, at the end.
BULK_TABLES: list[type[Model]] = [
    Event,
    Credit,
    ProgrammeItem,
    ProgrammeItem.movements.through,
    Citation,
    Agent,
    Alias,
    Work,
    CatalogueNumber,
    Authorship,
]
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
CHUNK = 1000  # programmes built and written together
SEASON_SUFFIX = " season"
Progress = Callable[[str, int, int], None]


FileRead = Iterable[tuple[Program | None, list[Problem]]]  # a file's records, as read_file gives


class ImportFailed(Exception):
    """--strict met a problem; nothing was written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:  # it may come from the process building rows
        return (type(self), (self.problem,))


class _ReadInFull(Exception):
    """A programme came twice with different content. The later file's version is kept,
    which is known only once every file is read: the import starts again that way."""


def checked_programs(read: FileRead, *, strict: bool, summary: ImportSummary) -> Iterator[Program]:
    """A file's programmes (as read_file reads them) that passed the checks; the problems
    go to the summary."""
    for program, problems in read:
        if problems and strict:
            raise ImportFailed(problems[0])
        summary.problems += problems
        if program is not None:
            yield program


def read_programs(
    reads: Iterable[FileRead],
    *,
    total: int,
    strict: bool,
    summary: ImportSummary,
    progress: Progress,
) -> dict[str, Program]:
    """Every file's checked programmes by GUID; of two alike, the later file's."""
    programs: dict[str, Program] = {}
    for index, read in enumerate(reads, start=1):
        for program in checked_programs(read, strict=strict, summary=summary):
            earlier = programs.get(program.guid)
            if earlier is not None and earlier.digest != program.digest:
                summary.notes.append(
                    f"Program {program.guid} is in {earlier.file} and {program.file} with "
                    "different content; the later file's version was kept."
                )
            programs[program.guid] = program
        progress("read", index, total)
    return programs


def import_nyphil(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    recheck: bool = False,
    progress: Progress | None = None,
    fork: bool | None = None,
) -> ImportSummary:
    """Import the release's files; raises FileError or ImportFailed having written nothing.

    When every file is byte for byte the one last imported, nothing is read again, unless
    `recheck` asks to compare every programme with the record. A first import builds its
    rows in a forked process where the machine allows (`fork=False`: in this one).
    """
    with _cycle_collector_paused():
        return _import(paths, strict=strict, recheck=recheck, progress=progress, fork=fork)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector, paused while the import builds its rows.

    A first import makes hundreds of thousands of small objects (checked records, row
    tuples) and the collector's passes over them took about a fifth of its CPU time. They
    hold no reference cycles, so reference counting frees them as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(
    paths: Sequence[Path],
    *,
    strict: bool,
    recheck: bool,
    progress: Progress | None,
    fork: bool | None,
) -> ImportSummary:
    report = progress or (lambda stage, done, total: None)
    files = json_files(list(paths))
    reading = _files_read(files, fork)
    try:
        digests = reading.digests() if reading else {path: file_digest(path) for path in files}
        unchanged = None if recheck else unchanged_files(files, digests)
        if unchanged is not None:
            summary = ImportSummary(files=len(files), files_unchanged=len(files))
            summary.unchanged["programmes"] = sum(f.programmes for f in unchanged)
            summary.unchanged["concerts"] = sum(f.concerts for f in unchanged)
            return summary
        temporary = _TemporaryFiles()
        temporary.in_memory()
        try:
            try:
                return _import_files(
                    files, digests, temporary, reading, strict=strict, fork=fork, report=report
                )
            except _ReadInFull:  # rolled back: nothing of the first attempt is left
                return _import_files(
                    files,
                    digests,
                    temporary,
                    None,
                    strict=strict,
                    fork=fork,
                    report=report,
                    stream=False,
                )
        finally:
            temporary.put_back()
    finally:
        if reading is not None:
            reading.close()


def _files_read(files: list[Path], fork: bool | None) -> FilesRead | None:
    """The files, read in a process of their own: since before Django was set up, when
    the command line started it (prefetch.start_early), or from now. None when this
    import may not fork (`fork=False`, or a machine where it cannot)."""
    early = prefetch.claim(files)
    if fork is False or (fork is None and not can_fork()):
        if early is not None:
            early.close()
        return None
    return early or prefetch.start(files)


def _import_files(
    files: list[Path],
    digests: dict[Path, str],
    temporary: _TemporaryFiles,
    reading: FilesRead | None,
    *,
    strict: bool,
    fork: bool | None,
    report: Progress,
    stream: bool = True,
) -> ImportSummary:
    """The import's one transaction. A first import may build each file's rows as soon as
    it is read (`stream`); otherwise every file is read first. The files come from
    `reading` if it is given, else they are read in this process."""
    with transaction.atomic():
        _tune_for_bulk_writes()
        source = source_ensure(
            key=SOURCE_KEY,
            kind=Source.Kind.ARCHIVE,
            title="New York Philharmonic Performance History",
            url="https://archives.nyphil.org/",
            licence="CC0",
        )
        previous = _previous_programmes(source)
        first = not previous
        # Rows are built in a second process only when none has to be rewritten: a
        # rewrite reads and changes the record, which only this process may do.
        forked = can_fork() and first if fork is None else fork and first
        relay = Relay()
        plan = _Plan(
            files,
            source,
            previous,
            strict=strict,
            writes=relay,
            stream=stream and first,
            reading=reading,
        )
        with indexes_deferred(BULK_TABLES, enabled=first):
            if forked:
                outcome = run_forked(plan.run, progress=report)
            else:
                outcome = plan.run(write_now, report)
            temporary.put_back()  # before the indexes are built
        if outcome.wrote:
            statistics_refreshed([*BULK_TABLES, Programme, Place])
        files_record(source=source, digests=digests, counts=outcome.files)
    outcome.summary.files = len(files)
    return outcome.summary


def _tune_for_bulk_writes() -> None:
    """A bigger page cache for this connection: index updates stop going to disk."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # KiB: 256 MiB


class _TemporaryFiles:
    """SQLite: where this connection keeps its temporary files, in memory while rows are
    written, and put back before the indexes are built.

    Each statement of many rows keeps a journal of the pages it changes, to undo itself
    alone if it fails; past 64 KiB that journal went to a temporary file, about 10,000
    page writes on a first import of the archive (its inserts about 8 % slower). SQLite
    decides where that journal goes when a transaction begins, so `in_memory` comes
    before it; index builds sort faster through files, so `put_back` comes before them.
    """

    def __init__(self) -> None:
        self._before: int | None = None

    def in_memory(self) -> None:
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA temp_store")
            (self._before,) = cursor.fetchone()
            cursor.execute("PRAGMA temp_store = MEMORY")

    def put_back(self) -> None:
        if self._before is None:
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA temp_store = {int(self._before)}")
        except DatabaseError:
            # Refused inside a transaction once temporary tables exist: the rows are
            # written all the same, and the call after the commit puts it back.
            return
        self._before = None


def _previous_programmes(source: Source) -> dict[str, tuple[int, str]]:
    return {
        record_id: (object_id, digest)
        for record_id, object_id, digest in Citation.objects.filter(
            source=source, content_type=ContentType.objects.get_for_model(Programme)
        ).values_list("record_id", "object_id", "digest")
    }


def _known_works(source: Source) -> dict[str, int]:
    return dict(
        Citation.objects.filter(
            source=source, content_type=ContentType.objects.get_for_model(Work)
        ).values_list("record_id", "object_id")
    )


@dataclass
class _Outcome:
    summary: ImportSummary
    files: dict[str, tuple[int, int]]  # file name → programmes, concerts it held
    wrote: bool


class _Plan:
    """Everything the import reads from the record, read before any row is built, and the
    work that turns the files into rows (in this process or a forked one)."""

    def __init__(
        self,
        files: list[Path],
        source: Source,
        previous: dict[str, tuple[int, str]],
        *,
        strict: bool,
        writes: Relay,
        stream: bool,
        reading: FilesRead | None,
    ) -> None:
        self.files, self.source, self.previous, self.strict = files, source, previous, strict
        # reading: the files, read in a process of their own (prefetch), or else here.
        self.writes, self.stream, self.reading = writes, stream, reading
        self.ids = IdBlocks(ID_TABLES)
        self.agents = AgentResolver(ids=self.ids, writes=writes)
        self.venues = VenueResolver(ids=self.ids, writes=writes)
        self.works = WorkResolver(_known_works(source), ids=self.ids, writes=writes)
        # Season series by their season ('1911-12'); of two alike, the older.
        self.seasons = {
            name.removesuffix(SEASON_SUFFIX): pk
            for name, pk in Series.objects.filter(
                kind=Series.Kind.SEASON, parent=None, name__endswith=SEASON_SUFFIX
            )
            .order_by("-pk")
            .values_list("name", "pk")
        }
        self.instruments = dict(Instrument.objects.values_list("name", "pk"))
        self.types: dict[type[Model], int] = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (Place, Agent, Work, Programme)
        }

    def run(self, writes: Writes, progress: Progress) -> _Outcome:
        """Build the rows of the programmes new or changed since the last import: file by
        file when streaming, else once every file is read."""
        self.writes.to = writes
        rows = _Rows(self, ImportSummary(), progress)
        files = self._streamed(rows) if self.stream else self._read_in_full(rows)
        rows.tally()
        return _Outcome(rows.summary, files, wrote=rows.written > 0)

    def _read_in_full(self, rows: _Rows) -> dict[str, tuple[int, int]]:
        summary = rows.summary
        programs = read_programs(
            self._reads(rows.foresight),
            total=len(self.files),
            strict=self.strict,
            summary=summary,
            progress=rows.progress,
        )
        todo = []
        for program in programs.values():
            if self.previous.get(program.guid, (0, ""))[1] == program.digest:
                summary.unchanged["programmes"] += 1
                summary.unchanged["concerts"] += len(program.concerts)
            else:
                todo.append(program)
        rows.expect(todo)
        # In chunks, so the rows of the first chunk are written while the next is built.
        for start in range(0, len(todo), CHUNK):
            rows.write(todo[start : start + CHUNK])
        files: dict[str, tuple[int, int]] = {}
        _count(files, programs.values())
        return files

    def _streamed(self, rows: _Rows) -> dict[str, tuple[int, int]]:
        """A first import: each file's rows are built as soon as it is read.

        Nothing is in the record to compare with, so a programme's rows need only its own
        file. On a forked import the files are read ahead in a process of their own
        (`_reads`) and the parent writes the rows of one file while the next is built,
        rather than everything waiting for every file to be read. A GUID met again with
        other content raises _ReadInFull: the import starts again reading every file first.
        """
        seen: dict[str, str] = {}  # GUID → digest, of every programme read
        files: dict[str, tuple[int, int]] = {}
        for index, read in enumerate(self._reads(rows.foresight), start=1):
            checked = []
            for program in checked_programs(read, strict=self.strict, summary=rows.summary):
                earlier = seen.get(program.guid)
                if earlier is None:
                    seen[program.guid] = program.digest
                    checked.append(program)
                elif earlier != program.digest:
                    raise _ReadInFull(program.guid)
                # else a second copy of one read already (a file named twice): left out
            _count(files, checked)
            rows.expect(checked)
            rows.progress("read", index, len(self.files))
            self._build(rows, checked)
        return files

    def _reads(self, foresight: Foresight) -> Iterator[FileRead]:
        """Each file as read_file reads it: read in a process of its own where it may be
        (`reading`), so that this one builds rows meanwhile, with the names and titles
        each file brings worked out there too (`foresight` learns them)."""
        if self.reading is None:
            yield from map(read_file, self.files)
            return
        rebuild = Rebuilder()
        for values, answers in self.reading.records():
            foresight.learn(answers)
            yield rebuild.file(values)

    @staticmethod
    def _build(rows: _Rows, programs: list[Program]) -> None:
        if not programs:
            return
        # A file's programmes in chunks of about CHUNK (1,066 go as one, not 1,000 and 66).
        size = -(-len(programs) // max(1, round(len(programs) / CHUNK)))
        for start in range(0, len(programs), size):
            rows.write(programs[start : start + size])


def _count(files: dict[str, tuple[int, int]], programs: Iterable[Program]) -> None:
    """Add the programmes and concerts to those of their files."""
    for program in programs:
        held = files.get(program.file, (0, 0))
        files[program.file] = (held[0] + 1, held[1] + len(program.concerts))


class _Rows:
    """The rows of the programmes to write, built chunk by chunk, and their tally."""

    def __init__(self, plan: _Plan, summary: ImportSummary, progress: Progress) -> None:
        self.plan, self.summary, self.progress = plan, summary, progress
        agents, venues, works = plan.agents, plan.venues, plan.works
        self.foresight = agents.foresight = works.foresight = Foresight()
        self.notes = _Notes(agents, venues, works)
        self.builder = RowBuilder(
            agents=agents,
            venues=venues,
            works=works,
            summary=summary,
            seasons=plan.seasons,
            instruments=plan.instruments,
            ids=plan.ids,
            writes=plan.writes,
        )
        self.expected = self.written = self.added = 0

    def expect(self, programs: Sequence[Program]) -> None:
        """Programmes to come, for the progress bars' totals."""
        self.expected += len(programs)
        new = [p for p in programs if p.guid not in self.plan.previous]
        self.builder.programmes_total += len(new)
        self.builder.concerts_total += sum(len(p.concerts) for p in new)

    def write(self, chunk: list[Program]) -> None:
        plan, builder = self.plan, self.builder
        for program in chunk:
            self.notes.program(program)
        self.written += len(chunk)
        self.progress("names", self.written, self.expected)
        self._cite(Place, [(p.pk, f"place:{p.name}", "") for p in plan.venues.flush()])
        self._cite(Agent, [(pk, f"name:{n}", "") for pk, n in plan.agents.flush()])
        self._cite(Work, [(pk, i, "") for pk, i in plan.works.flush(plan.agents.ids)])
        self._seasons(chunk)
        for program in chunk:
            if program.guid in plan.previous:
                self._replace(program)
        added = [p for p in chunk if p.guid not in plan.previous]
        if added:
            programme_ids = builder.add(added, progress=self.progress)
            self._cite(
                Programme,
                [(pk, p.guid, p.digest) for pk, p in zip(programme_ids, added, strict=True)],
            )
            self.added += len(added)

    def _cite(self, model: type[Model], records: Sequence[tuple[int, str, str]]) -> None:
        source, kind = self.plan.source.pk, self.plan.types[model]
        rows = [CitationRow(source, kind, pk, record, digest) for pk, record, digest in records]
        if rows:
            self.plan.writes(citations_insert, rows=rows)

    def _seasons(self, programs: list[Program]) -> None:
        seasons = self.plan.seasons
        new = sorted({p.season for p in programs} - seasons.keys())
        rows = [
            SeriesRow(pk, f"{season}{SEASON_SUFFIX}", Series.Kind.SEASON)
            for pk, season in zip(self.plan.ids.take(Series, len(new)), new, strict=True)
        ]
        if rows:
            self.plan.writes(series_insert, rows=rows)
        seasons.update(zip(new, (row.id for row in rows), strict=True))

    def _replace(self, program: Program) -> None:
        """A programme the archive changed: rewritten in place (this process only)."""
        plan = self.plan
        self.builder.replace(program, programme_id=plan.previous[program.guid][0])
        Citation.objects.filter(
            source=plan.source, content_type_id=plan.types[Programme], record_id=program.guid
        ).update(digest=program.digest)

    def tally(self) -> None:
        summary, plan = self.summary, self.plan
        agents, venues, works = plan.agents.tally, plan.venues.tally, plan.works.tally
        summary.added.update(
            programmes=self.added,
            venues=venues.added,
            people=agents.people_added,
            ensembles=agents.ensembles_added,
            works=works.works_added,
            movements=works.movements_added,
        )
        summary.updated.update(programmes=self.written - self.added)
        summary.unchanged.update(
            venues=venues.unchanged,
            people=agents.people_found,
            ensembles=agents.ensembles_found,
            works=works.works_found,
            movements=works.movements_found,
        )
        summary.notes += [f"Joined the work already recorded: {link}" for link in works.linked]


class _Notes:
    """First pass: every name, venue and work the programs need, each spelling once."""

    def __init__(self, agents: AgentResolver, venues: VenueResolver, works: WorkResolver) -> None:
        self.agents, self.venues, self.works = agents, venues, works
        self._conductors: set[str] = set()
        self._soloists: set[tuple[str, str]] = set()
        self._entries: set[tuple[str, str]] = set()

    def program(self, program: Program) -> None:
        agents = self.agents
        agents.read(program.orchestra, ensemble=True)
        for concert in program.concerts:
            self.venues.note(concert.venue, concert.location)
        for entry in program.entries:
            if entry.interval:
                continue
            composers = agents.read(entry.composer)
            if entry.conductors not in self._conductors:
                self._conductors.add(entry.conductors)
                for conductor in entry.conductors.split(";"):
                    if conductor.strip():
                        agents.read(conductor.strip())
            for soloist in entry.soloists:
                # The first reading of a name decides it (its instrument tells an ensemble).
                key = (soloist.name, soloist.instrument)
                if key not in self._soloists:
                    self._soloists.add(key)
                    agents.read(soloist.name, instrument=soloist.instrument)
            key = (entry.work_id, entry.movement)
            if key not in self._entries:
                self._entries.add(key)
                self.works.note(entry, list(composers.agents), composers.collective)
