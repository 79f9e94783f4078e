"""Fail when a Python module under the given folders is over the line limit.

    python .ci/module_lengths.py [--max 400] [FOLDER ...]     (default: src/cadenza)

Modules stay under about 400 lines (DESIGN.md): past that they are split by topic, as
`web/views/` is. Migrations are Django's to write, so they are left out. Every module over
the limit is listed with its length, longest first, so one run shows all the work.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LIMIT = 400


def module_lengths(folder: Path) -> dict[Path, int]:
    """The number of lines of every .py file under `folder`, outside migrations folders."""
    lengths = {}
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.relative_to(folder).parts[:-1]:
            continue
        lengths[path] = len(path.read_text(encoding="utf-8").splitlines())
    return lengths


def too_long(folders: list[Path], limit: int) -> list[tuple[Path, int]]:
    """(module, lines) for each module over `limit` lines, longest first."""
    found = [
        (path, lines)
        for folder in folders
        for path, lines in module_lengths(folder).items()
        if lines > limit
    ]
    return sorted(found, key=lambda pair: (-pair[1], str(pair[0])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[Path("src/cadenza")])
    parser.add_argument("--max", type=int, default=LIMIT, help="lines allowed (%(default)s)")
    args = parser.parse_args(argv)
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        parser.error(f"no such folder: {', '.join(missing)}")
    found = too_long(args.folders, args.max)
    if not found:
        print(f"No module over {args.max} lines.")
        return 0
    print(f"{len(found)} module(s) over {args.max} lines; split them by topic:")
    for path, lines in found:
        print(f"  {lines:5d}  {path}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
