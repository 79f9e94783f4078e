"""`cadenza import nyphil`: the release's files into the record, in one transaction.

Files are read and checked first, without touching the database. Every write then
happens inside one `transaction.atomic()`, so an error, Ctrl-C or a killed process leaves
the database exactly as it was. Each program's content hash is kept on its citation: a
second run skips unchanged programs, and a newer release rewrites only the programs that
changed, and only the rows the archive owns (those with a `source_ref`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model

from cadenza.bulkinsert import indexes_deferred, statistics_refreshed
from cadenza.events.models import Credit, Event, Programme, ProgrammeItem, Series
from cadenza.events.services import series_ensure
from cadenza.ingest.models import Citation, Source
from cadenza.ingest.nyphil.agents import AgentResolver
from cadenza.ingest.nyphil.files import SOURCE_KEY, files_record, unchanged_files
from cadenza.ingest.nyphil.reader import Problem, Program, file_digest, json_files, read_file
from cadenza.ingest.nyphil.rows import RowBuilder
from cadenza.ingest.nyphil.summary import ImportSummary
from cadenza.ingest.nyphil.venues import VenueResolver
from cadenza.ingest.nyphil.works import WorkResolver
from cadenza.ingest.services import cite_many, source_ensure
from cadenza.people.models import Agent, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

BULK_TABLES: list[type[Model]] = [
    Event,
    Credit,
    ProgrammeItem,
    ProgrammeItem.movements.through,
    Citation,
]
Progress = Callable[[str, int, int], None]


class ImportFailed(Exception):
    """--strict met a problem; nothing was written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_programs(
    files: Sequence[Path], *, strict: bool, summary: ImportSummary, progress: Progress
) -> dict[str, Program]:
    programs: dict[str, Program] = {}
    for index, path in enumerate(files, start=1):
        for program, problems in read_file(path):
            if problems and strict:
                raise ImportFailed(problems[0])
            summary.problems += problems
            if program is None:
                continue
            earlier = programs.get(program.guid)
            if earlier is not None and earlier.digest != program.digest:
                summary.notes.append(
                    f"Program {program.guid} is in {earlier.file} and {program.file} with "
                    "different content; the later file's version was kept."
                )
            programs[program.guid] = program
        progress("read", index, len(files))
    return programs


def import_nyphil(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    recheck: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the release's files; raises FileError or ImportFailed having written nothing.

    When every file is byte for byte the one last imported, nothing is read again, unless
    `recheck` asks to compare every programme with the record.
    """
    with _cycle_collector_paused():
        return _import(paths, strict=strict, recheck=recheck, progress=progress)


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
    paths: Sequence[Path], *, strict: bool, recheck: bool, progress: Progress | None
) -> ImportSummary:
    report = progress or (lambda stage, done, total: None)
    summary = ImportSummary()
    files = json_files(list(paths))
    summary.files = len(files)
    digests = {path: file_digest(path) for path in files}
    unchanged = None if recheck else unchanged_files(files, digests)
    if unchanged is not None:
        summary.files_unchanged = len(files)
        summary.unchanged["programmes"] = sum(f.programmes for f in unchanged)
        summary.unchanged["concerts"] = sum(f.concerts for f in unchanged)
        return summary
    programs = read_programs(files, strict=strict, summary=summary, progress=report)
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
        todo = []
        for program in programs.values():
            if previous.get(program.guid, (0, ""))[1] == program.digest:
                summary.unchanged["programmes"] += 1
                summary.unchanged["concerts"] += len(program.concerts)
            else:
                todo.append(program)
        if todo:
            _write(source, todo, previous, summary, report)
            statistics_refreshed([*BULK_TABLES, Programme, Agent, Work, Place, Authorship])
        files_record(source=source, digests=digests, programs=programs)
    return summary


def _tune_for_bulk_writes() -> None:
    """A bigger page cache for this connection: index updates stop going to disk."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # KiB: 256 MiB


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


def _write(
    source: Source,
    todo: list[Program],
    previous: dict[str, tuple[int, str]],
    summary: ImportSummary,
    report: Progress,
) -> None:
    agents, venues = AgentResolver(), VenueResolver()
    works = WorkResolver(_known_works(source))
    notes = _Notes(agents, venues, works)
    for index, program in enumerate(todo, start=1):
        notes.program(program)
        if index % 1000 == 0 or index == len(todo):
            report("names", index, len(todo))
    changed = [p for p in todo if p.guid in previous]
    new = [p for p in todo if p.guid not in previous]
    # A load bigger than the record (a first import) builds its indexes once, at the end:
    # from the first citation on when no programme is rewritten (rewrites query by them).
    bulk = len(new) > len(previous)
    with indexes_deferred(BULK_TABLES, enabled=bulk and not changed):
        new_places = venues.flush()
        cite_many(
            source=source,
            model=Place,
            records=[(p.pk, f"place:{p.name}", "") for p in new_places],
        )
        new_agents = agents.flush()
        cite_many(
            source=source, model=Agent, records=[(pk, f"name:{n}", "") for pk, n in new_agents]
        )
        cite_many(
            source=source, model=Work, records=[(pk, i, "") for pk, i in works.flush(agents.ids)]
        )
        seasons = {
            season: series_ensure(name=f"{season} season", kind=Series.Kind.SEASON)
            for season in sorted({p.season for p in todo})
        }
        builder = RowBuilder(
            agents=agents, venues=venues, works=works, summary=summary, seasons=seasons
        )
        for program in changed:
            builder.replace(program, programme_id=previous[program.guid][0])
            Citation.objects.filter(
                source=source,
                content_type=ContentType.objects.get_for_model(Programme),
                record_id=program.guid,
            ).update(digest=program.digest)
        with indexes_deferred(BULK_TABLES, enabled=bulk and bool(changed)):
            programme_ids = builder.add(new, progress=report)
            cite_many(
                source=source,
                model=Programme,
                records=[(pk, p.guid, p.digest) for pk, p in zip(programme_ids, new, strict=True)],
            )
    summary.added.update(
        programmes=len(new),
        venues=venues.tally.added,
        people=agents.tally.people_added,
        ensembles=agents.tally.ensembles_added,
        works=works.tally.works_added,
        movements=works.tally.movements_added,
    )
    summary.updated.update(programmes=len(changed))
    summary.unchanged.update(
        venues=venues.tally.unchanged,
        people=agents.tally.people_found,
        ensembles=agents.tally.ensembles_found,
        works=works.tally.works_found,
        movements=works.tally.movements_found,
    )
    summary.notes += [f"Joined the work already recorded: {link}" for link in works.tally.linked]


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
