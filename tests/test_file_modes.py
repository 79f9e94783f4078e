"""What Cadenza writes is readable by its owner only: the SQLite database and its journal,
the secret key, the page cache and uploaded documents (umask 077 in settings.py, and the
upload permissions). Run in a process of its own with a new CADENZA_HOME, as a server."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

WRITE_EVERYTHING = """
import django
django.setup()
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from cadenza.engagements.models import Document
call_command("migrate", verbosity=0)
with connection.cursor() as cursor:  # a write, so the journal exists
    cursor.execute("UPDATE web_recordversion SET version = version")
caches["pages"].set("a page", "<html>")
storage = Document._meta.get_field("file").storage
print(storage.save("engagements/2027/contract.pdf", ContentFile(b"%PDF-1.4 fee: 12,000")))
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_under_cadenza_home_is_for_its_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env |= {"CADENZA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "cadenza.settings"}
    done = subprocess.run(
        [sys.executable, "-c", WRITE_EVERYTHING],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _mode(home) == 0o700
    files = [p for p in home.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"secret_key", "cadenza.sqlite3", "contract.pdf"} <= names
    assert any(name.endswith(".djcache") for name in names)
    assert {str(p.relative_to(home)): oct(_mode(p)) for p in files if _mode(p) & 0o077} == {}
    folders = [p for p in home.rglob("*") if p.is_dir()]
    assert {str(p.relative_to(home)): oct(_mode(p)) for p in folders if _mode(p) & 0o077} == {}
