"""The `cadenza` command, run as a user runs it: a separate process on its own database."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CADENZA = [sys.executable, "-m", "cadenza.cli"]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env["CADENZA_HOME"] = str(home)
    env["DATABASE_URL"] = f"sqlite:///{home / 'cli.sqlite3'}"
    return env


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CADENZA, *args], env=_env(home), capture_output=True, text=True, timeout=300
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_loads_prints_a_login_and_is_safe_to_run_twice(tmp_path):
    first = _run(tmp_path, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    assert "Applying people.0001_initial... OK" in first.stdout
    counts = re.search(r"(\d+) people, (\d+) organisations", first.stdout)
    assert counts and int(counts.group(1)) >= 2
    login = re.search(r"username: demo\s+password: (\S+)", first.stdout)
    assert login
    assert "11 engagements" in first.stdout
    second = _run(tmp_path, "demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    assert counts.group(0) in second.stdout
    for username in ("demo-manager", "demo-kalmurzaev", "demo-carnegie"):
        pattern = rf"username: {username}\s+password: (\S+)"
        before, after = re.search(pattern, first.stdout), re.search(pattern, second.stdout)
        assert before and after and before.group(1) != after.group(1)
    assert "No migrations to apply" in second.stdout
    assert (tmp_path / "secret_key").read_text().strip()


def test_serve_answers_with_the_home_page(tmp_path):
    assert _run(tmp_path, "demo", "--no-serve").returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [*CADENZA, "serve", "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Alessio Kalmurzaev" in body
        css = re.search(r'href="(/static/[^"]+\.css)"', body)
        assert css, "the page links its stylesheet"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{css.group(1)}") as response:
            assert "text/css" in response.headers["Content-Type"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_an_unmigrated_database(tmp_path):
    result = _run(tmp_path, "serve", "--port", str(_free_port()))
    assert result.returncode == 1
    assert "needs migrating" in result.stderr


def test_manage_passes_through_to_django(tmp_path):
    result = _run(tmp_path, "manage", "check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("args", [["demo", "--port", "x"], ["nonsense"]])
def test_bad_arguments_are_refused_with_usage(tmp_path, args):
    result = _run(tmp_path, *args)
    assert result.returncode == 2
    assert "usage: cadenza" in result.stderr


def test_bio_write_tells_a_recorded_career_and_names_an_unknown_person(tmp_path):
    assert _run(tmp_path, "demo", "--no-serve").returncode == 0
    result = _run(tmp_path, "bio", "write", "Alessio Inzaghi", "--words", "50")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Alessio Leonardo Inzaghi is a cellist.")
    assert "Bach's Cello Suite No. 1" in result.stdout
    unknown = _run(tmp_path, "bio", "write", "Kalmurzayev")
    assert unknown.returncode == 1
    assert "No one named 'Kalmurzayev' is in the record. Did you mean: Alessio Kalmurzaev?" in (
        unknown.stderr
    )


def test_the_booking_commands_run_at_the_top_level(tmp_path):
    assert _run(tmp_path, "demo", "--no-serve").returncode == 0
    listed = _run(tmp_path, "engagements", "list", "--artist", "Kalmurzaev", "--state", "settled")
    assert listed.returncode == 0, listed.stderr
    (row,) = listed.stdout.splitlines()[1:]
    assert "Carnegie Hall" in row and "$10,000.00" in row
    unknown = _run(tmp_path, "engagements", "list", "--state", "pencilled")
    assert unknown.returncode == 1
    assert "Unknown state 'pencilled': choose one of inquiry" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    expired = _run(tmp_path, "holds", "expire", "--today", "2999-01-01")
    assert expired.returncode == 0, expired.stderr
    assert "Expired: “Inzaghi at Bachfest Leipzig”" in expired.stdout
    again = _run(tmp_path, "holds", "expire", "--today", "2999-01-01")
    assert again.stdout.strip() == "No hold expired and no challenge was due."


@pytest.mark.parametrize("after", [0.15, 0.6])
def test_ctrl_c_early_in_an_import_says_nothing_was_imported(tmp_path, after):
    # Whenever it comes (Django starting, or the import under way), the user reads one
    # line saying nothing was imported, never a traceback.
    assert _run(tmp_path, "manage", "migrate", "-v0").returncode == 0
    archive = Path(__file__).parent / "ingest" / "fixtures" / "nyphil" / "quirks.json"
    process = subprocess.Popen(
        [*CADENZA, "import", "nyphil", str(archive)],
        env=_env(tmp_path),
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        # A run in the background may ignore SIGINT, and a child would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the import ended before the signal came")
    assert "Interrupted: nothing was imported." in err
    assert "Traceback" not in err
    with sqlite3.connect(tmp_path / "cli.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM events_event").fetchone() == (0,)


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["holds", "expire"],
        ["engagements", "list"],
        ["calendar", "export", "X"],
        ["plan", "season", "X", "--from", "2028-06-01", "--to", "2028-08-31"],
        ["import", "nyphil", "nothing-here.json"],
        ["worker"],
    ],
)
def test_a_command_on_an_unmigrated_database_says_so(tmp_path, args):
    result = _run(tmp_path, *args)
    assert result.returncode == 1
    assert "The database needs migrating first" in result.stderr
    assert "Traceback" not in result.stderr
