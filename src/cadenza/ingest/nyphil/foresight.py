"""Names and titles worked out by the parent while the child reads and builds rows.

Reading a name field (`Beethoven,  Ludwig  van`) or a title (`SYMPHONY NO. 5, C MINOR,
OP. 67`) is pure work done once per spelling, and on a forked import the child, which
reads, checks and builds, is the busier process. So the child sends the spellings each
file brings that earlier files did not (`Spellings`), the parent works out what each
names as they come (`ReadAhead`), and before the child builds a file's rows it asks for
the answers to the spellings sent since it last asked, and then only looks them up
(`Foresight`). An answer is exactly what the child would have worked out: the same
functions on the same text, the text as the child checked it; a spelling without an
answer is worked out by the child.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import starmap
from typing import Any

from cadenza.ingest.nyphil.names import NameOutcome, ParsedName, parse_names
from cadenza.ingest.nyphil.reader import Program
from cadenza.ingest.nyphil.titles import catalogue_numbers, display_title

NameKey = tuple[str, str]  # the field as the reader cleans it, and the instrument given
Title = tuple[str, list[tuple[str, str]]]  # display title, catalogue numbers


class Spellings:
    """The child's side: the name fields and titles of checked programmes, each once."""

    def __init__(self) -> None:
        self._names: set[NameKey] = {("", "")}
        self._titles: set[str] = {""}

    def new_in(self, programs: Iterable[Program]) -> bytes:
        """Those these programmes hold that earlier calls did not, ready to send (empty
        bytes when there are none). They are the keys the resolvers look up."""
        programs = list(programs)
        entries = [e for p in programs for e in p.entries if not e.interval]
        # Column by column, each distinct field once: a file has thousands of entries.
        names = {(p.orchestra, "") for p in programs}
        names.update({(e.composer, "") for e in entries})
        names.update(
            (part.strip(), "")
            for field in {e.conductors for e in entries}
            for part in field.split(";")
        )
        names.update({(s.name, s.instrument) for e in entries for s in e.soloists})
        titles = {e.title for e in entries} | {e.movement for e in entries}
        names -= self._names
        titles -= self._titles
        if not names and not titles:
            return b""
        self._names |= names
        self._titles |= titles
        return marshal.dumps((list(names), list(titles)))


def _outcome(found: NameOutcome) -> tuple[Any, ...]:
    agents = tuple((a.display, a.sort, a.is_person, a.variants, a.key) for a in found.agents)
    return (agents, found.collective, found.skipped)


class ReadAhead:
    """The parent's side: works out the spellings it is sent; each answer holds those
    sent since the last one."""

    def __init__(self) -> None:
        self._names: list[tuple[str, str, tuple[Any, ...]]] = []
        self._titles: list[tuple[str, str, list[tuple[str, str]]]] = []

    def note(self, data: bytes) -> None:
        names, titles = marshal.loads(data)
        self._names += [
            (raw, instrument, _outcome(parse_names(raw, instrument=instrument)))
            for raw, instrument in names
        ]
        self._titles += [
            (title, display_title(title), catalogue_numbers(title)) for title in titles
        ]

    def answer(self) -> bytes:
        data = marshal.dumps((self._names, self._titles))
        self._names, self._titles = [], []
        return data


@dataclass
class Foresight:
    """The answers handed over: looked up by the resolvers before they work one out."""

    names: dict[NameKey, NameOutcome] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)

    def learn(self, data: bytes) -> None:
        """Take in one answer of a ReadAhead."""
        names, titles = marshal.loads(data)
        for raw, instrument, (agents, collective, skipped) in names:
            parsed = tuple(starmap(ParsedName, agents))
            self.names[raw, instrument] = NameOutcome(parsed, collective, skipped)
        self.titles.update((title, (shown, numbers)) for title, shown, numbers in titles)

    def name(self, raw: str, instrument: str) -> NameOutcome:
        found = self.names.get((raw, instrument))
        return parse_names(raw, instrument=instrument) if found is None else found

    def title(self, title: str) -> Title:
        found = self.titles.get(title)
        return (display_title(title), catalogue_numbers(title)) if found is None else found
