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
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import signed_in_as

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
        "DATABASE_LOCK_SECONDS": "1",
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
    assert signed_in_as(answers["bookings"]["body"]) == "demo-manager"
    assert "Traceback" not in err and "500" not in json.dumps(
        {k: v["status"] for k, v in answers.items()}
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_held_lock_answers_503_too(settings) -> None:
    """On PostgreSQL every record write updates the record version's row (its triggers);
    an import's transaction holds that row until it commits. A page's write waits
    `lock_timeout` (settings, DATABASE_LOCK_SECONDS), then answers 503, not a hung worker."""
    from django.test import Client

    from cadenza.engagements.models import Engagement
    from tests.factories import ArtistAccessFactory, UserFactory
    from tests.web.another_connection import another_connection

    assert "lock_timeout=" in connection.settings_dict["OPTIONS"]["options"]
    manager = UserFactory(username="manager")
    artist = ArtistAccessFactory(user=manager, role="manager").agent
    client = Client()
    client.force_login(manager)
    with connection.cursor() as cursor:  # this process's connection: 1 s, not 5, to be quick
        cursor.execute("SET lock_timeout = '1s'")
    form = {"artist": artist.pk, "presenter": "Wigmore Hall", "title": "A recital in London"}
    try:
        with another_connection() as other:
            other.execute("SELECT version FROM web_recordversion FOR UPDATE")  # an open import
            started = time.monotonic()
            busy = client.post("/bookings/engagements/new/", form)
            waited = time.monotonic() - started
            page = client.get("/bookings/")
            other.rollback()
        assert busy.status_code == 503 and busy["Retry-After"] == "5"
        assert "Busy: please try again" in busy.content.decode()
        assert 0.9 < waited < 5
        assert page.status_code == 200 and "Signed in as" in page.content.decode()
        assert not Engagement.objects.exists()
        assert client.post("/bookings/engagements/new/", form).status_code == 302
        assert Engagement.objects.get().title == "A recital in London"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
