"""The checked records the reader gives: a programme with its concerts and entries, and
the problem of a record it left out (file, programme, field, what was expected)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from typing import NamedTuple

from cadenza.repertoire.titles import is_fragment

# Asked of each entry's movement several times, and a few thousand spellings recur.
_fragment = lru_cache(maxsize=1 << 14)(is_fragment)


@dataclass(slots=True)
class Problem:
    file: str
    guid: str
    field: str
    expected: str
    found: str
    skipped: str = "program"  # what was left out for it: the program, a concert or an entry

    def __str__(self) -> str:
        where = f"program {self.guid}" if self.guid else "the file"
        return (
            f"{self.file}: {where}: {self.field}: expected {self.expected}, found {self.found}"
            f" ({self.skipped} skipped)"
        )


@dataclass(slots=True)
class Concert:
    position: int
    event_type: str
    venue: str
    location: str
    day: date
    start: time | None


class Soloist(NamedTuple):  # a tuple: hashed often (each soloist is read once)
    name: str
    instrument: str
    role: str  # "S" soloist, "A" assisting artist, "" unknown


@dataclass(slots=True)
class Entry:
    """One line of the programme: a work or movement, or an intermission."""

    position: int
    work_id: str  # "2956*2"
    interval: str  # "Intermission" for intermissions, else ""
    composer: str = ""
    title: str = ""
    movement: str = ""
    conductors: str = ""
    soloists: tuple[Soloist, ...] = ()

    @property
    def base_id(self) -> str:
        return self.work_id.split("*", 1)[0]

    @property
    def movement_id(self) -> str:
        """The movement's archive ID ('2956*2'); none for a fragment ('Excerpts', 'Victory
        Theme/1st Nine Bars'), which says what was played of the work, not which movement."""
        return self.work_id if self.movement and not _fragment(self.movement) else ""

    @property
    def part(self) -> str:
        """The fragment played, as the archive writes it ('Unspecified Excerpts'), or ''."""
        return self.movement if self.movement and _fragment(self.movement) else ""

    @property
    def printed(self) -> str:
        """The line as the programme prints it: the work, and the movement played."""
        return f"{self.title}: {self.movement}" if self.movement else self.title


@dataclass(slots=True)
class Program:
    file: str
    guid: str
    program_id: str
    orchestra: str
    season: str
    concerts: tuple[Concert, ...]
    entries: tuple[Entry, ...]
    digest: str
