"""Atomic, idempotent, and clear about bad input: the archive import's promises."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cadenza.events.models import Event
from cadenza.ingest.nyphil.importer import ImportFailed, import_nyphil
from cadenza.ingest.nyphil.reader import FileError
from tests.ingest.nyphil.helpers import QUIRKS, row_counts


def _programs() -> list[dict]:
    return json.loads(QUIRKS.read_text())["programs"]


def _write(path: Path, programs: list[dict]) -> Path:
    path.write_text(json.dumps({"programs": programs}))
    return path


@contextmanager
def _fail_on_insert(table: str) -> Iterator[None]:
    """Make the database refuse rows for one table: a failure from outside our code."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER injected_failure BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION injected_failure() RETURNS trigger AS "
                "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER injected_failure BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION injected_failure()"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("DROP TRIGGER injected_failure")
            else:
                cursor.execute(f"DROP TRIGGER injected_failure ON {table}")
                cursor.execute("DROP FUNCTION injected_failure()")


@pytest.mark.django_db(transaction=True)
def test_a_failure_halfway_leaves_the_database_as_it_was():
    import_nyphil([QUIRKS])
    before = row_counts()
    changed = _programs()
    for program in changed:
        program["id"] = program["id"].replace("0000-4000", "1111-4000")
    newer = _write(Path(os.environ["CADENZA_HOME"]) / "newer.json", changed)
    # Items are written after venues, people, works and concerts.
    with _fail_on_insert("events_programmeitem"), pytest.raises(Exception, match="injected"):
        import_nyphil([newer])
    assert row_counts() == before


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_halfway_leaves_the_database_as_it_was():
    before = row_counts()

    def interrupt(stage: str, done: int, total: int) -> None:
        if stage == "concerts":  # concerts are written, items not yet
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_nyphil([QUIRKS], progress=interrupt)
    assert row_counts() == before


def test_a_killed_import_leaves_the_database_as_it_was(tmp_path):
    """SIGKILL in the middle of writing: SQLite's journal undoes the open transaction."""
    programs = []
    for n in range(4000):
        program = dict(_programs()[n % 5])
        program["id"] = f"{n:08d}-0000-4000-8000-000000000000-0.1"
        programs.append(program)
    big = _write(tmp_path / "big.json", programs)
    env = os.environ | {
        "CADENZA_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kill.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    cadenza = [sys.executable, "-m", "cadenza.cli"]
    subprocess.run([*cadenza, "manage", "migrate", "-v0"], env=env, check=True)
    process = subprocess.Popen(
        [*cadenza, "import", "nyphil", str(big)], env=env, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    seen = ""
    while "Writing concerts" not in seen:
        chunk = process.stderr.read(64)
        assert chunk, f"the import ended before writing: {seen[-500:]}"
        seen += chunk
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with sqlite3.connect(tmp_path / "kill.sqlite3") as db:
        counts = [
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("events_event", "events_programme", "people_agent", "ingest_citation")
        ]
    assert counts == [0, 0, 0, 0]


@pytest.mark.django_db
def test_malformed_json_fails_the_file_with_its_position_and_writes_nothing(tmp_path):
    good = _write(tmp_path / "a-good.json", _programs()[:2])
    bad = tmp_path / "b-bad.json"
    bad.write_text('{"programs": [{"id": "x",}]}')
    with pytest.raises(FileError) as failure:
        import_nyphil([tmp_path])
    assert "b-bad.json" in str(failure.value)
    assert "line 1 column" in str(failure.value)
    assert Event.objects.count() == 0
    assert good.exists()


@pytest.mark.django_db
def test_problem_records_are_skipped_and_named_and_strict_stops_with_nothing_written(tmp_path):
    programs = _programs()
    programs[0]["concerts"][1]["Date"] = "the ides of March"
    programs[2]["season"] = "autumn"
    programs[3]["works"][0]["workTitle"] = {"_": "Overture", "strong": "x", "sup": "2"}
    path = _write(tmp_path / "problems.json", programs)
    with pytest.raises(ImportFailed, match=r"concerts\[1\].Date: expected a date"):
        import_nyphil([path], strict=True)
    assert Event.objects.count() == 0
    summary = import_nyphil([path])
    shown = "\n".join(summary.lines())
    assert (
        "problems.json: program 00000000-0000-4000-8000-000000000003-0.1: season: "
        "expected a season like '1911-12', found 'autumn' (program skipped)" in shown
    )
    assert (
        "concerts[1].Date: expected a date like '1911-03-01T05:00:00Z', found "
        "'the ides of March' (concert skipped)" in shown
    )
    assert "an object with keys ['_', 'strong', 'sup']" in shown and "(entry skipped)" in shown
    assert summary.added["programmes"] == 5


@pytest.mark.django_db
def test_the_command_reports_counts_and_clear_errors(tmp_path, capsys):
    call_command("import_nyphil", str(QUIRKS), "--no-progress")
    out = capsys.readouterr().out
    assert "programmes         6        0          0" in out
    assert "Skipped, with reasons:" in out
    call_command("import_nyphil", str(QUIRKS), "--no-progress")
    assert "Nothing changed" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such file or folder\nNothing was imported"):
        call_command("import_nyphil", str(tmp_path / "missing.json"), "--no-progress")
