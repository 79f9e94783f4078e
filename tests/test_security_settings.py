"""The security settings read from the environment (docs/configuration.md), each in a fresh
process since settings are read once at import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PRINT = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "limit": settings.AXES_FAILURE_LIMIT,
    "cooloff": settings.AXES_COOLOFF_TIME.total_seconds(),
    "proxy": list(getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or []),
    "hsts": settings.SECURE_HSTS_SECONDS,
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "redirect": settings.SECURE_SSL_REDIRECT,
    "busy": settings.DATABASES["default"]["OPTIONS"]["timeout"],
    "session_age": settings.SESSION_COOKIE_AGE,
}))
"""


def _settings(home: Path, **env: str) -> dict:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "LOGIN_", "DATABASE_LOCK", "SESSION_", "DATABASE_URL"))
    }
    environ |= {"CADENZA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "cadenza.settings", **env}
    done = subprocess.run(
        [sys.executable, "-c", PRINT], env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_defaults_suit_a_machine_of_ones_own(tmp_path: Path) -> None:
    found = _settings(tmp_path)
    assert found == {
        "limit": 10,
        "cooloff": 900.0,
        "proxy": [],
        "hsts": 0,
        "cookies": [False, False],
        "redirect": False,
        "busy": 5,
        "session_age": 14 * 24 * 3600,
    }


def test_each_is_answerable_from_the_environment(tmp_path: Path) -> None:
    found = _settings(
        tmp_path,
        LOGIN_FAILURE_LIMIT="5",
        LOGIN_COOLOFF_MINUTES="60",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SECURE_HSTS_SECONDS="3600",
        SECURE_COOKIES="1",
        SECURE_SSL_REDIRECT="yes",
        DATABASE_LOCK_SECONDS="2",
        SESSION_DAYS="1",
    )
    assert found == {
        "limit": 5,
        "cooloff": 3600.0,
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "hsts": 3600,
        "cookies": [True, True],
        "redirect": True,
        "busy": 2,
        "session_age": 24 * 3600,
    }
