"""Settings are read once at import, so each case runs Django in a fresh subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "SECRET_KEY": settings.SECRET_KEY,
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "CADENZA_HOME": str(settings.CADENZA_HOME),
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "HOST": db.get("HOST", ""),
    "PORT": db.get("PORT", ""),
    "USER": db.get("USER", ""),
    "CONN_MAX_AGE": db.get("CONN_MAX_AGE"),
    "LOG_LEVEL": settings.LOGGING["root"]["level"],
}))
"""

CLEARED = (
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CONN_MAX_AGE",
    "LOG_LEVEL",
)


def read_settings(home: Path, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ |= {"CADENZA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "cadenza.settings", **env}
    done = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=environ,
        cwd=home if home.is_dir() else home.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_secret_key_is_generated_once_under_cadenza_home_and_reused(tmp_path):
    first = read_settings(tmp_path)
    second = read_settings(tmp_path)

    key_file = tmp_path / "secret_key"
    assert len(first["SECRET_KEY"]) >= 50
    assert first["SECRET_KEY"] == second["SECRET_KEY"] == key_file.read_text().strip()
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_each_cadenza_home_gets_its_own_secret_key(tmp_path):
    assert (
        read_settings(tmp_path / "a")["SECRET_KEY"] != read_settings(tmp_path / "b")["SECRET_KEY"]
    )


def test_secret_key_from_the_environment_wins_and_writes_no_file(tmp_path):
    values = read_settings(tmp_path, SECRET_KEY="from-the-environment")

    assert values["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_defaults_sqlite_under_cadenza_home_debug_off(tmp_path):
    values = read_settings(tmp_path / "home")

    assert values["CADENZA_HOME"] == str((tmp_path / "home").resolve())
    assert (tmp_path / "home").is_dir()  # created on first use
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str((tmp_path / "home" / "cadenza.sqlite3").resolve())
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert values["CSRF_TRUSTED_ORIGINS"] == []
    assert values["CONN_MAX_AGE"] == 0
    assert values["LOG_LEVEL"] == "WARNING"


def test_relative_cadenza_home_resolves_against_the_working_directory(tmp_path):
    values = read_settings(tmp_path, CADENZA_HOME="relative-home")

    assert values["CADENZA_HOME"] == str(tmp_path.resolve() / "relative-home")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("On", True), ("no", False)])
def test_debug_reads_common_spellings(tmp_path, raw, expected):
    assert read_settings(tmp_path, DEBUG=raw)["DEBUG"] is expected


def test_database_url_selects_postgresql(tmp_path):
    values = read_settings(
        tmp_path,
        DATABASE_URL="postgres://cadenza@db.example.org:5433/cadenza_prod",
        CONN_MAX_AGE="60",
    )

    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "cadenza_prod"
    assert values["HOST"] == "db.example.org"
    assert values["PORT"] == 5433
    assert values["USER"] == "cadenza"
    assert values["CONN_MAX_AGE"] == 60


def test_hosts_origins_and_log_level_come_from_the_environment(tmp_path):
    values = read_settings(
        tmp_path,
        ALLOWED_HOSTS="cadenza.example.org, www.cadenza.example.org ,",
        CSRF_TRUSTED_ORIGINS="https://cadenza.example.org",
        LOG_LEVEL="INFO",
    )

    assert values["ALLOWED_HOSTS"] == ["cadenza.example.org", "www.cadenza.example.org"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://cadenza.example.org"]
    assert values["LOG_LEVEL"] == "INFO"
