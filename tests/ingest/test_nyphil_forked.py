"""Rows built in a forked process: the same record as in one process, and a child that
can neither write nor hide its failures."""

from __future__ import annotations

import marshal
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest

from cadenza.events.models import Event, Programme
from cadenza.events.services import EventRow, ProgrammeRow, events_insert, programmes_insert
from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.forked import ChildFailed, run_forked
from cadenza.ingest.nyphil.pipes import can_fork
from cadenza.ingest.nyphil.reader import read_file
from cadenza.ingest.nyphil.transfer import Rebuilder, file_values
from cadenza.people.models import Agent
from cadenza.people.services import AgentRow, agents_insert
from cadenza.places.models import Place
from cadenza.places.services import PlaceRow, places_insert
from tests.ingest.nyphil_helpers import QUIRKS, SOLOIST, STERN, import_and_undo

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not can_fork(), reason="needs fork on Linux and two cores"),
]


def test_a_forked_import_writes_the_same_record_and_summary_as_one_process():
    """Several files: in a forked import they are read in a third process (prefetch) and
    each is built while the next is read."""
    load_demo()
    files = [QUIRKS, SOLOIST, STERN]
    alone = import_and_undo(files, fork=False)
    forked = import_and_undo(files, fork=True)
    assert forked == alone
    assert len(alone[0]["events.Credit"]) > 40, "the fixtures imported"
    programme_citations = [row for row in alone[0]["ingest.Citation"] if "-0.1'" in row]
    assert len(programme_citations) == 15, "every programme of the three files"


def test_the_child_writes_through_the_parent_and_progress_comes_in_order():
    seen: list[tuple[str, int, int]] = []

    def work(writes, progress):
        writes(agents_insert, rows=[AgentRow(9001, Agent.Kind.PERSON, "Ada Forked", "Forked, Ada")])
        progress("agents", 1, 1)
        return "done"

    def progress(stage: str, done: int, total: int) -> None:
        assert Agent.objects.filter(name="Ada Forked").exists(), "written before the progress"
        seen.append((stage, done, total))

    assert run_forked(work, progress=progress) == "done"
    assert seen == [("agents", 1, 1)]


def test_the_child_may_not_query_the_database():
    with pytest.raises(RuntimeError, match="queried the database"):
        run_forked(lambda writes, progress: Agent.objects.count(), progress=print)


def test_a_failure_in_the_child_is_raised_here_with_its_traceback():
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def work(writes, progress):
        raise Unpicklable("the child broke")

    with pytest.raises(ChildFailed, match=r"(?s)building the rows failed.*the child broke"):
        run_forked(work, progress=print)


def test_times_and_decimals_cross_as_the_same_values():
    evening = datetime(1911, 11, 10, 19, 30, tzinfo=ZoneInfo("America/New_York"))

    def work(writes, progress):
        writes(
            places_insert,
            rows=[PlaceRow(7001, "Hall", "building", None, "US", Decimal("40.765100"), None, "")],
        )
        writes(programmes_insert, rows=[ProgrammeRow(7001, "Program")])
        concert = ("concert", "took_place", None, 7001, 7001)
        timed = EventRow(7001, "Timed", *concert, 1911, 11, 10, evening, "", "a")
        untimed = timed._replace(id=7002, name="Untimed", date_day=11, starts_at=None)
        writes(events_insert, rows=[timed, untimed])

    run_forked(work, progress=print)
    assert Place.objects.get(pk=7001).latitude == Decimal("40.765100")
    assert dict(Event.objects.values_list("name", "starts_at")) == {
        "Timed": evening,
        "Untimed": None,
    }
    assert Programme.objects.filter(pk=7001).exists()


class _Mixed(NamedTuple):
    kind: object
    when: object
    amount: object
    day: object


_received: list[list[_Mixed]] = []


def _receive(*, rows: list[_Mixed]) -> None:
    _received.append(rows)


def test_enum_members_cross_as_their_values_and_other_values_by_pickle():
    evening = datetime(1911, 11, 10, 19, 30, tzinfo=ZoneInfo("America/New_York"))
    enums = [
        _Mixed(Agent.Kind.PERSON, evening, Decimal("1.50"), None),
        _Mixed(Agent.Kind.ENSEMBLE, None, None, None),
        _Mixed("person", None, Decimal("2"), None),
    ]
    dated = [_Mixed(Agent.Kind.PERSON, None, None, date(1911, 11, 10))]  # no text form

    def work(writes, progress):
        writes(_receive, rows=enums)
        writes(_receive, rows=dated)

    _received.clear()
    run_forked(work, progress=print)
    first, second = _received
    assert first == enums
    assert [type(row.kind) for row in first] == [str, str, str], "plain values, not members"
    assert [type(row) for row in first] == [_Mixed] * 3
    assert first[0].when == evening and first[0].amount == Decimal("1.50")
    assert second == dated
    assert type(second[0].kind) is Agent.Kind, "pickled as it was"


def test_checked_records_cross_as_plain_values_and_come_back_equal():
    for path in (QUIRKS, SOLOIST, STERN):
        crossed = marshal.loads(marshal.dumps(file_values(path)))
        rebuilt = Rebuilder().file(crossed)
        assert rebuilt == list(read_file(path))
    quirks = Rebuilder().file(file_values(QUIRKS))
    assert any(problems for _, problems in quirks), "problems cross too"
    assert any(c.start for p, _ in quirks if p for c in p.concerts), "times cross too"
