"""`check --deploy` is clean with the production environment docs/deployment.md gives."""

from __future__ import annotations

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def documented_environment() -> dict[str, str]:
    """The `export` lines of the block marked `production-environment` in the doc."""
    text = DOC.read_text()
    block = text.split("<!-- production-environment", 1)[1].split("```sh", 1)[1]
    block = block.split("```", 1)[0]
    env: dict[str, str] = {}
    for line in block.splitlines():
        if not line.startswith("export "):
            continue
        words = shlex.split(line[len("export ") :], comments=True)
        for word in words:
            name, _, value = word.partition("=")
            env[name] = value
    return env


def _check(home: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "DEBUG", "DJANGO_ALLOW_ASYNC"))
    }
    environ |= {**env, "CADENZA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "cadenza.settings"}
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_documented_production_environment_passes_check_deploy(tmp_path: Path) -> None:
    env = documented_environment()
    assert {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES"} <= set(env)
    assert "DEBUG" not in env
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the doc's is a command to run
    done = _check(tmp_path, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_it_check_deploy_names_what_is_missing(tmp_path: Path) -> None:
    done = _check(tmp_path, {"SECRET_KEY": secrets.token_urlsafe(50)})
    assert done.returncode != 0
    said = done.stdout + done.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in said
    assert re.search(r"SECURE_HSTS_SECONDS", said)
