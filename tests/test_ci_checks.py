"""The structure checks CI runs beside the linters: `.ci/module_lengths.py` (no module over
400 lines) and the import-linter contract of pyproject.toml against cycles inside an app.
Both run on small trees written here, each with a clean case and a broken one."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULE_LENGTHS = ROOT / ".ci" / "module_lengths.py"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _lines(n: int) -> str:
    return "".join(f"x{i} = {i}\n" for i in range(n))


def _module_lengths(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MODULE_LENGTHS), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_module_lengths_passes_a_tree_within_the_limit(tmp_path: Path) -> None:
    _write(tmp_path, {"app/__init__.py": "", "app/models.py": _lines(400)})
    result = _module_lengths(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "No module over 400 lines" in result.stdout


def test_module_lengths_lists_every_module_over_the_limit(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/selectors.py": _lines(401),
            "app/views/page.py": _lines(450),
            "app/services.py": _lines(399),
            # Django writes migrations: they may be as long as they need.
            "app/migrations/0001_initial.py": _lines(900),
        },
    )
    result = _module_lengths(tmp_path)
    assert result.returncode == 1
    listed = [line.split() for line in result.stdout.splitlines()[1:]]
    assert listed == [
        ["450", str(tmp_path / "app/views/page.py")],
        ["401", str(tmp_path / "app/selectors.py")],
    ]


def test_module_lengths_takes_another_limit(tmp_path: Path) -> None:
    _write(tmp_path, {"app/models.py": _lines(30)})
    assert _module_lengths("--max", "29", tmp_path).returncode == 1
    assert _module_lengths("--max", "30", tmp_path).returncode == 0


def test_module_lengths_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = _module_lengths(tmp_path / "nowhere")
    assert result.returncode == 2
    assert "no such folder" in result.stderr


def _cycle_contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contracts = [c for c in config["contracts"] if c["type"] == "acyclic_siblings"]
    assert contracts, "pyproject.toml has no import-linter contract against cycles"
    return contracts


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """pyproject.toml's contracts against cycles, run on a `cadenza` package in `tree`
    (lint-imports puts its working directory first on the import path)."""
    config = ['[tool.importlinter]\nroot_package = "cadenza"\n']
    for contract in _cycle_contracts():
        config.append("[[tool.importlinter.contracts]]\n")
        config.extend(f"{key} = {json.dumps(value)}\n" for key, value in contract.items())
    (tree / "pyproject.toml").write_text("".join(config))
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )


# Two apps: events imports people (across apps, one way), and inside each app the modules
# import each other one way.
CLEAN_TREE = {
    "cadenza/__init__.py": "",
    "cadenza/people/__init__.py": "",
    "cadenza/people/models.py": "",
    "cadenza/people/selectors.py": "from cadenza.people import models\n",
    "cadenza/events/__init__.py": "",
    "cadenza/events/models.py": "from cadenza.people import models\n",
    "cadenza/events/selectors.py": "from cadenza.events import models\n",
    "cadenza/events/views/__init__.py": "",
    "cadenza/events/views/page.py": "from cadenza.events.views import parts\n",
    "cadenza/events/views/parts.py": "from cadenza.events import selectors\n",
}


def test_the_cycle_contract_keeps_a_tree_without_cycles(tmp_path: Path) -> None:
    _write(tmp_path, CLEAN_TREE)
    result = _lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "imports", "package", "siblings"),
    [
        # models ↔ selectors, two modules of one app
        ("events/models.py", "cadenza.events.selectors", "cadenza.events", {"models", "selectors"}),
        # page → parts → page, inside a package of an app
        (
            "events/views/parts.py",
            "cadenza.events.views.page",
            "cadenza.events.views",
            {"page", "parts"},
        ),
        # a package and a module of the app: views.parts → selectors → views.page
        (
            "events/selectors.py",
            "cadenza.events.views.page",
            "cadenza.events",
            {"selectors", "views"},
        ),
    ],
)
def test_the_cycle_contract_breaks_on_a_cycle_inside_an_app(
    tmp_path: Path, module: str, imports: str, package: str, siblings: set[str]
) -> None:
    _write(tmp_path, CLEAN_TREE)
    path = tmp_path / "cadenza" / module
    path.write_text(path.read_text() + f"import {imports}\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"No cycles are allowed in {package}." in result.stdout
    # The import it would remove ('- .views -> .selectors (1 import)'): one of the cycle's.
    removals = [line.split() for line in result.stdout.splitlines() if line.startswith("- .")]
    assert [{words[1][1:], words[3][1:]} for words in removals] == [siblings]
