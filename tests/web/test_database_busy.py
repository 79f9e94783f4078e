"""A write held open by another process: pages answer 503 with Retry-After, never 500.

Run as it happens in production: a SQLite file (WAL, as settings.py sets it), another
connection holding the write lock with `BEGIN IMMEDIATE` (as a long `cadenza import` does),
and Cadenza in a process of its own, driven by Django's test client.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

CADENZA = [sys.executable, "-m", "cadenza.cli"]

# The visitor's side: log in, say ready, wait for the lock, then log in again elsewhere,
# post a form, read pages; print what each answered and how long it took.
VISITOR = r"""
import json, sys, time
import django
django.setup()
from django.test import Client
from cadenza.people.models import Agent

manager = Client()
signed = manager.post("/login/", {"username": "demo-manager", "password": sys.argv[1]})
assert signed.status_code == 302
artist = Agent.objects.get(name="Alessio Kalmurzaev").pk
person = Agent.objects.get(name="Alessio Kalmurzaev").get_absolute_url()
print("ready", flush=True)
sys.stdin.readline()  # the lock is held

def timed(name, call):
    started = time.monotonic()
    response = call()
    answers[name] = {
        "status": response.status_code,
        "seconds": round(time.monotonic() - started, 2),
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode()[:20000],
    }

answers = {}
other = Client()
timed("login", lambda: other.post("/login/", {"username": "demo", "password": sys.argv[2]}))
form = {"artist": artist, "presenter": "Wigmore Hall", "title": "A recital in London"}
timed("form", lambda: manager.post("/bookings/engagements/new/", form))
timed("home", lambda: Client().get("/"))
timed("person", lambda: Client().get(person))
timed("bookings", lambda: manager.get("/bookings/"))
print(json.dumps(answers), flush=True)
sys.stdin.readline()  # the lock is gone: the same form again
print(manager.post("/bookings/engagements/new/", form).status_code, flush=True)
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "CADENZA_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'busy.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "cadenza.settings",
        "SQLITE_BUSY_SECONDS": "1",
        "ALLOWED_HOSTS": "testserver",
    }
    return env


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's one-writer lock")
def test_a_held_write_lock_answers_503_with_retry_after_never_500(tmp_path: Path) -> None:
    demo = subprocess.run(
        [*CADENZA, "demo", "--no-serve"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr
    passwords = dict(re.findall(r"username: (\S+)\s+password: (\S+)", demo.stdout))
    visitor = subprocess.Popen(
        [sys.executable, "-c", VISITOR, passwords["demo-manager"], passwords["demo"]],
        env=_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert visitor.stdout and visitor.stdin
    assert visitor.stdout.readline().strip() == "ready", visitor.stderr and visitor.stderr.read()
    writer = sqlite3.connect(tmp_path / "busy.sqlite3", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # what an import's transaction holds
        writer.execute("UPDATE accounts_user SET first_name = 'Importing' WHERE id < 0")
        visitor.stdin.write("go\n")
        visitor.stdin.flush()
        said = visitor.stdout.readline()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    out, err = visitor.communicate("again\n", timeout=120)
    assert visitor.returncode == 0, err
    answers = json.loads(said)
    # Once the writer is done, the form that was refused is saved.
    assert out.strip() == "302"

    for name in ("login", "form"):
        answer = answers[name]
        assert answer["status"] in {503, 302}, (name, answer["status"])
        assert answer["seconds"] < 5, (name, answer["seconds"])
        if answer["status"] == 503:
            assert answer["retry_after"] == "5"
            assert "Busy: please try again" in answer["body"]
            assert "Nothing was changed" in answer["body"]
            assert '<link rel="stylesheet"' in answer["body"]
    assert answers["form"]["status"] == 503  # an engagement cannot be written now
    for name in ("home", "person", "bookings"):
        assert answers[name]["status"] == 200, (name, answers[name]["status"])
    assert "Alessio Kalmurzaev" in answers["person"]["body"]
    assert "Signed in as <strong>demo-manager</strong>" in answers["bookings"]["body"]
    assert "Traceback" not in err and "500" not in json.dumps(
        {k: v["status"] for k, v in answers.items()}
    )
