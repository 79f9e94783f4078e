"""`cadenza import nyphil`: the release's files into the record, in one transaction.

The steps, in one process (docs/importing.md tells them with an example):

1. hash the files; when every one is byte for byte the one last imported, stop;
2. read and check every file (`reader`), problems named and counted;
3. in one transaction, read what the record holds (`writer.ArchiveWriter`), then write the
   changed programmes where they changed and then the new ones, a chunk at a time: names,
   venues and works first, then programmes, concerts, items and credits, each through its
   domain's services;
4. note each file's digest, so an unchanged release is not read again.

An error, Ctrl-C or a killed process leaves the database exactly as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction

from cadenza.events.credited_instruments import agent_instruments_refresh
from cadenza.ingest.models import Source
from cadenza.ingest.nyphil.bulkload import (
    BULK_TABLES,
    REFRESHED_TABLES,
    indexes_deferred,
    page_cache_enlarged,
    record_triggers_set_aside,
    statistics_refreshed,
    temporary_files_in_memory,
)
from cadenza.ingest.nyphil.files import SOURCE_KEY, files_record, unchanged_files
from cadenza.ingest.nyphil.reader import file_digest, json_files, read_file
from cadenza.ingest.nyphil.records import Problem, Program
from cadenza.ingest.nyphil.summary import ImportSummary
from cadenza.ingest.nyphil.writer import ArchiveWriter, Progress
from cadenza.ingest.services import source_ensure
from cadenza.ingest.work_nicknames import work_nicknames_load

CHUNK = 1000  # programmes written together


class ImportFailed(Exception):
    """--strict met a problem; nothing was written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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
    report: Progress = progress or (lambda stage, done, total: None)
    files = json_files(list(paths))
    digests = {path: file_digest(path) for path in files}
    unchanged = None if recheck else unchanged_files(files, digests)
    if unchanged is not None:
        summary = ImportSummary(files=len(files), files_unchanged=len(files))
        summary.unchanged["programmes"] = sum(f.programmes for f in unchanged)
        summary.unchanged["concerts"] = sum(f.concerts for f in unchanged)
        return summary
    summary = ImportSummary(files=len(files))
    with _cycle_collector_paused():
        programs = read_programs(files, strict=strict, summary=summary, progress=report)
        with temporary_files_in_memory(), transaction.atomic():
            _write(programs, summary, report)
            # A file with a programme refused is read again next time, and its problems
            # named again, rather than counted as imported.
            refused = {p.file for p in summary.problems if p.skipped == "program"}
            files_record(
                source=Source.objects.get(key=SOURCE_KEY),
                digests={path: d for path, d in digests.items() if path.name not in refused},
                counts=_counts(programs.values()),
            )
    return summary


def _write(programs: dict[str, Program], summary: ImportSummary, report: Progress) -> None:
    page_cache_enlarged()
    source = source_ensure(
        key=SOURCE_KEY,
        kind=Source.Kind.ARCHIVE,
        title="New York Philharmonic Performance History",
        url="https://archives.nyphil.org/",
        licence="CC0",
    )
    writer = ArchiveWriter(source, summary, report)
    changed, new = writer.to_write(programs.values())
    if not changed and not new:
        writer.tally()
        return
    with record_triggers_set_aside():
        # Changed programmes first, while every index is there to find their old rows.
        for start in range(0, len(changed), CHUNK):
            writer.rewrite(changed[start : start + CHUNK])
        # Indexes wait for a large load: a first import, or on SQLite (where readers are
        # not locked out meanwhile) a newer release adding a good part of the archive.
        deferred = writer.first or (writer.bulk and connection.vendor == "sqlite")
        with indexes_deferred(BULK_TABLES, enabled=deferred and bool(new)):
            for start in range(0, len(new), CHUNK):
                writer.write(new[start : start + CHUNK])
        # What follows from the credits and works just written: the soloists' instruments,
        # and the works' nicknames (both idempotent, over the whole record).
        agent_instruments_refresh()
        work_nicknames_load()
    statistics_refreshed(REFRESHED_TABLES)
    writer.tally()


def read_programs(
    files: list[Path], *, strict: bool, summary: ImportSummary, progress: Progress
) -> dict[str, Program]:
    """Every file's checked programmes by GUID; of two alike, the later file's. Problems go
    to the summary; with `strict` the first one raises ImportFailed."""
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


def _counts(programs: Iterable[Program]) -> dict[str, tuple[int, int]]:
    """File name → the programmes and concerts it held."""
    files: dict[str, tuple[int, int]] = {}
    for program in programs:
        held = files.get(program.file, (0, 0))
        files[program.file] = (held[0] + 1, held[1] + len(program.concerts))
    return files


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the import makes hundreds of thousands of
    small objects (records, rows) that hold no cycles: its passes over them cost much and
    free nothing; reference counting frees them as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
