"""A command that meets another writer's lock waits, then says so plainly: no traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

CADENZA = [sys.executable, "-m", "cadenza.cli"]


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    environ.pop("DATABASE_LOCK_SECONDS", None)
    environ |= {"CADENZA_HOME": str(home), "DATABASE_URL": f"sqlite:///{home / 'c.sqlite3'}"}
    return subprocess.run(
        [*CADENZA, *args], env=environ | env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's one-writer lock")
def test_a_command_during_another_write_says_the_database_is_busy(tmp_path: Path) -> None:
    assert _run(tmp_path, "manage", "migrate", "-v0").returncode == 0
    writer = sqlite3.connect(tmp_path / "c.sqlite3", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        busy = _run(tmp_path, "holds", "expire", DATABASE_LOCK_SECONDS="1")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert busy.returncode == 75
    assert "Traceback" not in busy.stderr
    assert busy.stderr.strip() == (
        "The database is busy: another process (an import?) kept it locked for more than 1 s."
        " Nothing was changed; run the command again when it is done."
    )
    again = _run(tmp_path, "holds", "expire")
    assert again.returncode == 0, again.stderr
