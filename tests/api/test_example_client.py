"""The "done when" of issue 20: examples/api_client.py, run as its users run it, against a
live server on the whole demo: Carnegie Hall's concerts of a season, an engagement for
Kalmurzaev taken, moved to confirmed (each change logged with the script's token), its
settlement read, and the read-only token refused the write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cadenza.accounts.models import User
from cadenza.accounts.services import token_create
from cadenza.engagements.demo import MANAGER_LOGIN
from cadenza.engagements.models import Change, Engagement
from tests.web.page_kinds import load_whole_demo

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "api_client.py"


@pytest.mark.django_db(transaction=True)
def test_the_example_client_books_and_confirms_on_the_demo(live_server: Any) -> None:
    load_whole_demo()
    manager = User.objects.get(username=MANAGER_LOGIN)
    _, token = token_create(user=manager, name="example")
    _, read_only = token_create(user=manager, name="reader", read_only=True)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), live_server.url, token, read_only],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "Carnegie Hall's concerts of" in out and "Alessio Kalmurzaev at Carnegie Hall" in out
    assert "→ offered" in out and "→ contracted" in out and "→ confirmed" in out
    assert "Presenter" in out and "USD 10000.00" in out and "USD 3000.00" in out
    assert "Read-only token refused the write: 403" in out
    made = Engagement.objects.get(title__endswith="(API)")
    assert made.state == "confirmed" and made.artist.name == "Alessio Kalmurzaev"
    logged = Change.objects.filter(engagement=made)
    assert logged.count() >= 6 and all(c.token and c.token.name == "example" for c in logged)
