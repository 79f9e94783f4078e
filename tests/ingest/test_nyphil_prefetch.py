"""The files read in a process of their own, from before Django is set up: digests first,
then each file's records in order, errors at their file's turn, no process left behind."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from cadenza import cli
from cadenza.events.models import Programme
from cadenza.ingest.nyphil import prefetch
from cadenza.ingest.nyphil.pipes import can_fork
from cadenza.ingest.nyphil.reader import FileError, file_digest
from cadenza.ingest.nyphil.transfer import file_values
from tests.ingest.nyphil_helpers import QUIRKS, SOLOIST, STERN, import_and_undo, record

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork on Linux and two cores")


def _children() -> set[int]:
    """This process's child processes (Linux)."""
    me = os.getpid()
    found = set()
    for task in os.listdir(f"/proc/{me}/task"):
        with open(f"/proc/{me}/task/{task}/children") as listed:
            found |= {int(pid) for pid in listed.read().split()}
    return found


@pytest.fixture(autouse=True)
def _nothing_left_running():
    yield
    early = prefetch.claim([])  # a reading a failed test started early
    if early is not None:
        early.close()
    assert not _children(), "every reading process was waited for"


def _started(files: list[Path]) -> prefetch.FilesRead:
    reading = prefetch.start(files)
    assert reading is not None
    return reading


def test_files_are_hashed_then_read_in_another_process_in_order():
    files = [QUIRKS, SOLOIST, STERN]
    reading = _started(files)
    assert reading.pid in _children() and reading.pid != os.getpid()
    assert reading.digests() == {path: file_digest(path) for path in files}
    records = list(reading.records())
    reading.close()
    values = [file_records for file_records, _ in records]
    assert values == [marshal.loads(marshal.dumps(file_values(path))) for path in files]
    assert any(problems for _, problems in values[0]), "the fixture's problems come too"
    # With each file, the names new in it, worked out there (foresight.worked_out).
    answered = [[(raw, instrument) for raw, instrument, _ in names] for _, (names, _) in records]
    assert all(answered), "every file brings names of its own"
    flat = [key for names in answered for key in names]
    assert len(flat) == len(set(flat)), "each spelling is answered once"


def test_a_file_that_is_not_json_fails_at_its_turn_with_its_position(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"programs": [}')
    reading = _started([SOLOIST, broken, STERN])
    reading.digests()
    records = reading.records()
    assert next(records), "the file before it comes first"
    with pytest.raises(FileError, match=r"broken\.json: not valid JSON: .*line 1 column 15"):
        next(records)
    reading.close()


def test_a_file_that_cannot_be_read_fails_the_digests(tmp_path):
    gone = tmp_path / "gone.json"
    reading = _started([SOLOIST, gone])
    with pytest.raises(FileError, match=r"gone\.json: cannot be read"):
        reading.digests()
    reading.close()


def test_closing_early_ends_the_reading_process():
    # More records than a pipe holds: the process waits for them to be taken.
    reading = _started([QUIRKS] * 300)
    reading.digests()
    assert next(reading.records())
    assert reading.pid in _children(), "still reading the rest"
    reading.close()
    reading.close()  # a second time changes nothing
    assert not _children()


def test_a_reading_started_early_is_claimed_for_the_same_files_only():
    prefetch.start_early([str(QUIRKS)])
    early = prefetch.claim([QUIRKS])
    assert early is not None and early.files == [QUIRKS]
    assert prefetch.claim([QUIRKS]) is None, "claimed once"
    early.close()

    prefetch.start_early([str(QUIRKS)])
    assert prefetch.claim([SOLOIST]) is None
    assert not _children(), "the reading of other files was stopped"

    prefetch.start_early(["/no/such/folder"])  # left for the import to report
    assert prefetch.claim([]) is None and not _children()


@pytest.mark.django_db
def test_the_command_line_reads_the_files_before_django_and_imports_the_same_record(
    monkeypatch,
):
    files = [QUIRKS, SOLOIST, STERN]
    alone, _ = import_and_undo(files, fork=False)
    assert not Programme.objects.exists()
    started = []

    def start_early(paths):  # the real one, noting what it started
        real(paths)
        started.append(prefetch._early)

    real = prefetch.start_early
    monkeypatch.setattr(prefetch, "start_early", start_early)
    # Django's command line closes the connections at the end, and with them the test's
    # transaction on PostgreSQL: the command is called as call_command does.
    monkeypatch.setattr(cli, "manage", lambda args: call_command(*args) or 0)
    assert cli.main(["import", "nyphil", *map(str, files), "--no-progress"]) == 0
    assert started[0] is not None and started[0].files == files
    assert prefetch.claim(files) is None, "the import claimed the early reading"
    assert record() == alone


def test_the_reading_needs_nothing_of_django_so_it_can_start_before_it():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, cadenza.ingest.nyphil.prefetch; print(*sorted(sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "cadenza.ingest.nyphil.prefetch" in loaded
    assert not [name for name in loaded if name.split(".")[0] == "django"]
