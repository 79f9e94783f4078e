"""Checked files handed from one process to another as plain values.

When the parent reads part of the release for the process that builds the rows, each
file's checked programmes (or the error that stopped the file) travel as tuples of
strings and numbers in `marshal`, which is many times cheaper than pickling the records
themselves; the other side makes the same records again.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

from cadenza.ingest.nyphil.reader import (
    Concert,
    Entry,
    FileError,
    Problem,
    Program,
    Soloist,
    read_file,
)

Checked = list[tuple[Program | None, list[Problem]]]  # one file's programmes, in order
# A file's outcome: its checked programmes, or the FileError that stopped it.
FileOutcome = Checked | FileError


def check_file(path: Path) -> FileOutcome:
    try:
        return list(read_file(path))
    except FileError as error:
        return error


def _problem(p: Problem) -> tuple[str, ...]:
    return (p.file, p.guid, p.field, p.expected, p.found, p.skipped)


def _program(p: Program) -> tuple[Any, ...]:
    concerts = tuple(
        (
            c.position,
            c.event_type,
            c.venue,
            c.location,
            c.day.toordinal(),
            (c.start.hour, c.start.minute) if c.start else None,
        )
        for c in p.concerts
    )
    entries = tuple(
        (
            e.position,
            e.work_id,
            e.interval,
            e.composer,
            e.title,
            e.movement,
            e.conductors,
            tuple((s.name, s.instrument, s.role) for s in e.soloists),
        )
        for e in p.entries
    )
    return (p.file, p.guid, p.program_id, p.orchestra, p.season, concerts, entries, p.digest)


def encode(outcome: FileOutcome) -> bytes:
    if isinstance(outcome, FileError):
        return marshal.dumps(("error", str(outcome)))
    return marshal.dumps(
        (
            "checked",
            [
                (None if program is None else _program(program), [_problem(p) for p in problems])
                for program, problems in outcome
            ],
        )
    )


class Decoder:
    """Makes the records again; soloists, which repeat, once per spelling."""

    def __init__(self) -> None:
        self._soloists: dict[tuple[str, str, str], Soloist] = {}

    def _soloist(self, raw: tuple[str, str, str]) -> Soloist:
        found = self._soloists.get(raw)
        if found is None:
            found = self._soloists[raw] = Soloist(*raw)
        return found

    def _program(self, raw: tuple[Any, ...]) -> Program:
        file, guid, program_id, orchestra, season, concerts, entries, digest = raw
        soloist = self._soloist
        return Program(
            file,
            guid,
            program_id,
            orchestra,
            season,
            tuple(
                Concert(p, kind, venue, where, date.fromordinal(day), time(*at) if at else None)
                for p, kind, venue, where, day, at in concerts
            ),
            tuple(
                Entry(p, w, i, c, t, m, cd, tuple(map(soloist, s)))
                for p, w, i, c, t, m, cd, s in entries
            ),
            digest,
        )

    def decode(self, data: bytes) -> FileOutcome:
        kind, body = marshal.loads(data)
        if kind == "error":
            return FileError(body)
        return [
            (None if program is None else self._program(program), [Problem(*p) for p in problems])
            for program, problems in body
        ]


def split_by_size(files: list[Path], share: float) -> tuple[list[Path], list[Path]]:
    """The first files, up to about `share` of the bytes, and the rest."""
    sizes = [path.stat().st_size for path in files]
    total, running, cut = sum(sizes), 0, 0
    for cut, size in enumerate(sizes):  # noqa: B007 (cut is used after the loop)
        if running + size / 2 > total * share:
            break
        running += size
    else:
        cut = len(files)
    return files[:cut], files[cut:]


def outcomes(
    own: list[Path], received: Iterable[bytes], progress: Callable[[int], None]
) -> Iterator[FileOutcome]:
    """Every file's outcome in order: these files checked here, then the ones received."""
    for path in own:
        yield check_file(path)
        progress(1)
    decoder = Decoder()
    for data in received:
        yield decoder.decode(data)
        progress(1)
