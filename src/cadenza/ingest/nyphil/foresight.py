"""Names and titles worked out in the process that reads the files, ahead of the rows.

Reading a name field (`Beethoven,  Ludwig  van`) or a title (`SYMPHONY NO. 5, C MINOR,
OP. 67`) is pure work done once per spelling. The process reading the files
(prefetch.py) collects the spellings each file brings that earlier files did not
(`Spellings`), works out what each names (`worked_out`) and sends the answers with the
file's records; the resolvers then only look them up (`Foresight`). An answer is exactly
what the resolvers would have worked out: the same functions on the same text, the text
as the reader checked it; a spelling without an answer is worked out where it is asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import starmap
from typing import Any

from cadenza.ingest.nyphil.names import NameOutcome, ParsedName, parse_names
from cadenza.ingest.nyphil.reader import Program
from cadenza.ingest.nyphil.titles import catalogue_numbers, display_title

NameKey = tuple[str, str]  # the field as the reader cleans it, and the instrument given
Title = tuple[str, list[tuple[str, str]]]  # display title, catalogue numbers
Spelled = tuple[list[NameKey], list[str]]  # name fields, titles
# Plain values, to cross between processes in marshal: names with what each names (as
# _outcome makes it), titles with their display form and catalogue numbers.
Answers = tuple[
    list[tuple[str, str, tuple[Any, ...]]], list[tuple[str, str, list[tuple[str, str]]]]
]


class Spellings:
    """The name fields and titles of checked programmes, each once."""

    def __init__(self) -> None:
        self._names: set[NameKey] = {("", "")}
        self._titles: set[str] = {""}

    def new_in(self, programs: Iterable[Program]) -> Spelled:
        """Those these programmes hold that earlier calls did not: the keys the resolvers
        look up."""
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
        self._names |= names
        self._titles |= titles
        return list(names), list(titles)


def _outcome(found: NameOutcome) -> tuple[Any, ...]:
    agents = tuple((a.display, a.sort, a.is_person, a.variants, a.key) for a in found.agents)
    return (agents, found.collective, found.skipped)


def worked_out(spelled: Spelled) -> Answers:
    """What each spelling names, as the resolvers would work it out."""
    names, titles = spelled
    return (
        [
            (raw, instrument, _outcome(parse_names(raw, instrument=instrument)))
            for raw, instrument in names
        ],
        [(title, display_title(title), catalogue_numbers(title)) for title in titles],
    )


@dataclass
class Foresight:
    """The answers handed over: looked up by the resolvers before they work one out."""

    names: dict[NameKey, NameOutcome] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)

    def learn(self, answers: Answers) -> None:
        """Take in the answers `worked_out` gave."""
        names, titles = answers
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
