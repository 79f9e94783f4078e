"""Names and titles read ahead, while the process that builds the rows checks the files.

Reading a name field (`Beethoven,  Ludwig  van`) or a title (`SYMPHONY NO. 5, C MINOR,
OP. 67`) is pure work done once per spelling. On a forked import the parent has nothing
to write while its child reads and checks the files, so it reads the spellings from the
same files meanwhile, works out what each names, and hands the child the answers; the
child then only looks them up. An answer is exactly what the child would have worked out
(the same functions on the same text); a spelling the parent missed is read by the child.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cadenza.ingest.nyphil.names import NameOutcome, ParsedName, parse_names
from cadenza.ingest.nyphil.reader import _markup, _present, _text
from cadenza.ingest.nyphil.titles import catalogue_numbers, display_title

NameKey = tuple[str, str]  # the field as the reader cleans it, and the instrument given
Title = tuple[str, list[tuple[str, str]]]  # display title, catalogue numbers


def _works(files: list[Path]) -> Iterator[tuple[dict[str, Any], str]]:
    """Each work entry of the files, with its programme's orchestra."""
    for path in files:
        try:
            data = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            continue  # the child reports it
        for program in data.get("programs", []) if isinstance(data, dict) else []:
            if not isinstance(program, dict) or not isinstance(program.get("works"), list):
                continue
            orchestra = _present(program.get("orchestra"))
            for work in program["works"]:
                if isinstance(work, dict) and "interval" not in work:
                    yield work, orchestra


def spellings(files: list[Path]) -> tuple[set[NameKey], set[str]]:
    """The name fields and titles these files hold, cleaned as the reader cleans them."""
    names: set[NameKey] = set()
    titles: set[str] = set()
    for work, orchestra in _works(files):
        names.add((orchestra, ""))
        names.add((_text(work.get("composerName")), ""))
        for conductor in _text(work.get("conductorName")).split(";"):
            names.add((conductor.strip(), ""))
        for solo in work.get("soloists") or ():
            if isinstance(solo, dict):
                names.add((_text(solo.get("soloistName")), _present(solo.get("soloistInstrument"))))
        for key in ("workTitle", "movement"):
            try:
                titles.add(_markup(work.get(key)))
            except Exception:
                continue
    names.discard(("", ""))
    titles.discard("")
    return names, titles


def _outcome(found: NameOutcome) -> tuple[Any, ...]:
    agents = tuple((a.display, a.sort, a.is_person, a.variants) for a in found.agents)
    return (agents, found.collective, found.skipped)


def read_ahead(files: list[Path]) -> bytes:
    """What every name field and title of these files reads as, ready to hand over."""
    names, titles = spellings(files)
    return marshal.dumps(
        (
            [
                (raw, instrument, _outcome(parse_names(raw, instrument=instrument)))
                for raw, instrument in names
            ],
            [(title, display_title(title), catalogue_numbers(title)) for title in titles],
        )
    )


@dataclass
class Foresight:
    """The answers handed over: looked up by the resolvers before they work one out."""

    names: dict[NameKey, NameOutcome] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)

    @classmethod
    def decoded(cls, data: bytes) -> Foresight:
        names, titles = marshal.loads(data)
        return cls(
            names={
                (raw, instrument): NameOutcome(
                    tuple(ParsedName(*agent) for agent in agents), collective, skipped
                )
                for raw, instrument, (agents, collective, skipped) in names
            },
            titles={title: (shown, numbers) for title, shown, numbers in titles},
        )

    def name(self, raw: str, instrument: str) -> NameOutcome:
        found = self.names.get((raw, instrument))
        return parse_names(raw, instrument=instrument) if found is None else found

    def title(self, title: str) -> Title:
        found = self.titles.get(title)
        return (display_title(title), catalogue_numbers(title)) if found is None else found
