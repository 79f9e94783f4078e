"""The README's commands work exactly as written once `make` has installed what they need:
none needs uv on the `PATH` (pip may have put it where the `PATH` does not look), every
program it names is in `.venv/bin/`, and every `cadenza` command of the tour runs on the
demo record."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from cadenza.cli import main
from cadenza.engagements.demo import demo_logins, load_bookings_demo
from cadenza.ingest.demo import load_demo
from cadenza.seasons.demo import load_season_demo

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# A program at the start of a command, after any VARIABLE=value settings.
_SETTINGS = re.compile(r"^(?:[A-Z_]+=\S+\s+)*")
_PROGRAMS = ("make", ".venv/bin/", "createdb", "apt-get", "uv run")
# Not run here: they serve until stopped, need the archive, or are the demo itself.
_NOT_RUN = ("serve", "demo", "worker", "import", "bio import")


def readme_commands(text: str) -> list[str]:
    """Every command the README gives: the lines of its sh blocks and the inline code that
    starts with a program, a command broken across lines joined again."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        commands += [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    for code in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        code = " ".join(code.split())
        if _SETTINGS.sub("", code).startswith(_PROGRAMS):
            commands.append(code)
    return commands


def test_the_commands_are_found():
    found = readme_commands(README.read_text())
    assert "make demo" in found and "make test" in found
    assert '.venv/bin/cadenza bio write "Alessio Kalmurzaev" --words 150' in found
    assert ".venv/bin/cadenza holds expire" in found  # broken across two lines
    assert len(found) > 15


def test_no_command_needs_uv_on_the_path():
    # `uv run` is named only as the same thing where uv is on the PATH, never as the command.
    said = [c for c in readme_commands(README.read_text()) if _SETTINGS.sub("", c).startswith("uv")]
    assert said == ["uv run cadenza ...", "uv run cadenza ..."]


def test_every_program_named_in_venv_bin_is_installed_there():
    venv_bin = Path(sys.prefix) / "bin"
    named = {
        _SETTINGS.sub("", c).split()[0].removeprefix(".venv/bin/")
        for c in readme_commands(README.read_text())
        if _SETTINGS.sub("", c).startswith(".venv/bin/")
    }
    assert {"cadenza", "gunicorn"} <= named
    assert sorted(p for p in named if not (venv_bin / p).exists()) == []


# Transactional: each command closes the database connection when it ends, as Django's
# commands do, and only outside a test's transaction may the next one open it again.
@pytest.mark.django_db(transaction=True)
def test_the_tours_cadenza_commands_run_on_the_demo(monkeypatch, capsys):
    load_demo()
    load_bookings_demo()
    load_season_demo()
    demo_logins()  # `make demo` makes them: the tour's token is for demo-manager
    monkeypatch.chdir(ROOT)  # the README's paths are the repository's
    ran = {}
    for command in readme_commands(README.read_text()):
        words = shlex.split(_SETTINGS.sub("", command))
        if words[0] != ".venv/bin/cadenza" or "..." in words or "FILE" in words:
            continue
        if " ".join(words[1:3]).startswith(_NOT_RUN) or "Isaac Stern" in words:
            continue
        try:
            code = main(words[1:])
        except SystemExit as exit:
            code = exit.code
        ran[" ".join(words[1:3])] = (code, capsys.readouterr().out)
    assert sorted(ran) == [
        "bio read",
        "bio write",
        "calendar export",
        "check",
        "engagements list",
        "holds expire",
        "plan season",
        "plan solve",
        "token create",
    ]
    assert {c: code for c, (code, _) in ran.items() if code} == {"check": 1}  # it found problems
    assert "Alessio Kalmurzaev" in ran["bio write"][1]
    assert '"name": "Alessio Kalmurzaev"' in ran["bio read"][1]
    assert "BEGIN:VCALENDAR" in ran["calendar export"][1]
    assert "Cannot reach" in ran["check"][1]
    assert "243,751.64" in ran["plan solve"][1]
    assert "optimal" in ran["plan season"][1]
    assert re.fullmatch(r"[0-9a-f]{8}\.[\w-]{43}\n", ran["token create"][1])  # the token alone
