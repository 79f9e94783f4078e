"""A file's checked records as plain values, to cross from the process that read them.

On a forked first import one process reads and checks the files while another builds
their rows (importer._Plan._streamed). The records cross as nested tuples of strings and
numbers, which `marshal` writes and reads many times faster than `pickle` writes objects:
rebuilding a file's records takes about a quarter of the time reading it took.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from pathlib import Path
from typing import Any

from cadenza.ingest.nyphil.reader import Concert, Entry, Problem, Program, Soloist, read_file

Values = tuple[Any, ...]
FileValues = list[tuple[Values | None, list[Values]]]  # per program: the program, problems


def file_values(path: Path) -> FileValues:
    """read_file(path), as plain values."""
    return read_values(read_file(path))


def read_values(read: Iterable[tuple[Program | None, list[Problem]]]) -> FileValues:
    """A file's records as read_file gives them, as plain values."""
    return [
        (None if program is None else _program_values(program), [_problem(p) for p in problems])
        for program, problems in read
    ]


def _problem(problem: Problem) -> Values:
    return (
        problem.file,
        problem.guid,
        problem.field,
        problem.expected,
        problem.found,
        problem.skipped,
    )


def _program_values(program: Program) -> Values:
    concerts = tuple(
        (
            c.position,
            c.event_type,
            c.venue,
            c.location,
            c.day.toordinal(),
            None if c.start is None else c.start.hour * 60 + c.start.minute,
        )
        for c in program.concerts
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
        for e in program.entries
    )
    return (
        program.file,
        program.guid,
        program.program_id,
        program.orchestra,
        program.season,
        concerts,
        entries,
        program.digest,
    )


class Rebuilder:
    """The records again from their values; soloists, which repeat, are made once."""

    def __init__(self) -> None:
        self._soloists: dict[Values, Soloist] = {}

    def file(self, values: FileValues) -> list[tuple[Program | None, list[Problem]]]:
        return [
            (None if program is None else self._program(program), [Problem(*p) for p in problems])
            for program, problems in values
        ]

    def _soloist(self, values: Values) -> Soloist:
        found = self._soloists.get(values)
        if found is None:
            found = self._soloists[values] = Soloist(*values)
        return found

    def _entry(self, v: Values) -> Entry:
        return Entry(v[0], v[1], v[2], v[3], v[4], v[5], v[6], tuple(map(self._soloist, v[7])))

    def _program(self, values: Values) -> Program:
        file, guid, program_id, orchestra, season, concerts, entries, digest = values
        return Program(
            file,
            guid,
            program_id,
            orchestra,
            season,
            tuple(
                Concert(
                    position,
                    kind,
                    venue,
                    location,
                    date.fromordinal(day),
                    None if start is None else time(start // 60, start % 60),
                )
                for position, kind, venue, location, day, start in concerts
            ),
            tuple(map(self._entry, entries)),
            digest,
        )
