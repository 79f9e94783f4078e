"""How fast `cadenza import nyphil` is, against a plain JSON-to-SQLite pipeline.

    uv run python benchmarks/import_nyphil.py [--data DIR] [--rounds N]
        [--postgres ADMIN_URL] [--pages] [--floor] [--keep]

Every figure is a whole process (interpreter start, Django set-up, reading, writing),
timed from the parent with its peak memory taken from `os.wait4`. Runs alternate inside
each round (baseline, import, re-import, rewrite[, PostgreSQL import]) so that load from other
people on the machine falls on every phase alike; medians are printed. Nothing is
asserted: the script measures and prints. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "nyphil"
CADENZA = Path(sys.executable).parent / "cadenza"
GIB_IN_KIB = 1024 * 1024
PAGE_REQUESTS = 30

GOAL_IMPORT = 3.5  # import / baseline
GOAL_REIMPORT = 1.0  # re-import / baseline
GOAL_REWRITE = 1.0  # a newer release rewriting every programme / the first import
GOAL_POSTGRES = 2.0  # PostgreSQL import / SQLite import
GOAL_PAGE_MS = 100.0


class BenchError(Exception):
    """A child process failed; the message carries the end of its output."""


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # the child's own user + system time
    max_rss_kib: int


@dataclass
class Phase:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def peak_kib(self) -> int:
        return max(r.max_rss_kib for r in self.runs)


# --- the baseline: stdlib json to rows to sqlite3 executemany ---------------------------

BASELINE_TABLES = {
    "program": "guid, program_id, orchestra, season",
    "concert": "guid, event_type, location, venue, date, time",
    "entry": "guid, position, work_id, composer, title, movement, conductor, interval",
    "soloist": "guid, position, name, instrument, role",
}


def _text(value: Any) -> str | None:
    """A title as text: XML leftovers such as {"_": "Overture To", "em": [...]} joined."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(t for t in (_text(v) for v in value.values()) if t)
    if isinstance(value, list):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return str(value)


def json_paths(data: Path) -> list[Path]:
    return [data] if data.is_file() else sorted(data.glob("*.json"))


def baseline_child(data: Path, database: Path) -> None:
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in BASELINE_TABLES}
    for path in json_paths(data):
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
        for program in document["programs"]:
            guid = program["id"]
            rows["program"].append(
                (guid, program.get("programID"), program.get("orchestra"), program.get("season"))
            )
            for c in program.get("concerts") or []:
                rows["concert"].append(
                    (
                        guid,
                        c.get("eventType"),
                        c.get("Location"),
                        c.get("Venue"),
                        c.get("Date"),
                        c.get("Time"),
                    )
                )
            for position, w in enumerate(program.get("works") or []):
                rows["entry"].append(
                    (
                        guid,
                        position,
                        w.get("ID"),
                        w.get("composerName"),
                        _text(w.get("workTitle")),
                        _text(w.get("movement")),
                        w.get("conductorName"),
                        w.get("interval"),
                    )
                )
                for s in w.get("soloists") or []:
                    rows["soloist"].append(
                        (
                            guid,
                            position,
                            s.get("soloistName"),
                            s.get("soloistInstrument"),
                            s.get("soloistRoles"),
                        )
                    )
    connection = sqlite3.connect(database)
    with connection:  # one transaction
        for table, columns in BASELINE_TABLES.items():
            connection.execute(f"CREATE TABLE {table} ({columns})")
            marks = ", ".join("?" * len(columns.split(", ")))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
    connection.close()
    print(json.dumps({table: len(r) for table, r in rows.items()}))


# --- the floor: the import's own rows written by sqlite3 alone ---------------------------

# The tables whose plain indexes the import drops and builds again (importer.BULK_TABLES).
DEFERRED_INDEX_TABLES = (
    "events_event",
    "events_credit",
    "events_programmeitem",
    "events_programmeitem_movements",
    "ingest_citation",
)


def floor_child(template: Path, imported: Path, target: Path) -> None:
    """Write every row the import added, as it stands in `imported`, into a copy of the
    empty `template`: one transaction, the import's pragmas, foreign keys on, the same
    indexes dropped and built again. Untimed: copying and reading the rows; timed (and
    printed as JSON): the writes and the commit."""
    copy_sqlite(template, target)
    source = sqlite3.connect(imported)
    source.execute("ATTACH DATABASE ? AS empty", (str(template),))
    tables = [
        name
        for (name,) in source.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    # Parents before children, as the import writes them: a row whose parent is not yet
    # written is a pending deferred violation, and SQLite then searches the child tables
    # (their indexes dropped) for every parent row written after it.
    parents = {
        table: {row[2] for row in source.execute(f'PRAGMA foreign_key_list("{table}")')}
        for table in tables
    }
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [
            t
            for t in tables
            if t not in ordered and all(p in ordered or p == t for p in parents[t])
        ]
        ordered += ready or [t for t in tables if t not in ordered]  # a cycle: as they come
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for table in ordered:
        found = source.execute(
            f'SELECT * FROM main."{table}" WHERE rowid NOT IN (SELECT rowid FROM empty."{table}")'
        ).fetchall()
        if found:
            rows[table] = found
    source.close()
    connection = sqlite3.connect(target, isolation_level=None)
    for pragma in ("foreign_keys = ON", "synchronous = NORMAL", "cache_size = -262144"):
        connection.execute(f"PRAGMA {pragma}")
    started, cpu = time.perf_counter(), time.process_time()
    connection.execute("BEGIN IMMEDIATE")
    indexes = []
    for table in DEFERRED_INDEX_TABLES:
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        ).fetchall():
            connection.execute(f'DROP INDEX "{name}"')
            indexes.append(sql)
    for table, found in rows.items():
        # As the import writes them: 200 rows a statement (fewer where columns are many).
        group = f"({', '.join('?' * len(found[0]))})"
        per = max(1, min(200, 32766 // len(found[0])))
        whole = len(found) - len(found) % per
        if whole:
            connection.executemany(
                f'INSERT INTO "{table}" VALUES {", ".join([group] * per)}',
                [list(chain.from_iterable(found[i : i + per])) for i in range(0, whole, per)],
            )
        if found[whole:]:
            connection.execute(
                f'INSERT INTO "{table}" VALUES {", ".join([group] * len(found[whole:]))}',
                list(chain.from_iterable(found[whole:])),
            )
    for sql in indexes:
        connection.execute(sql)
    connection.execute("COMMIT")
    connection.close()
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "cpu_seconds": time.process_time() - cpu,
                "rows": sum(len(r) for r in rows.values()),
                "tables": len(rows),
            }
        )
    )


def print_floor(floor: dict[str, Any], startup: Phase, baseline: Phase) -> None:
    """What an import costs before it reads a single record, against the 3× goal."""
    base, base_cpu = baseline.median, baseline.cpu_median
    total = floor["seconds"] + startup.median
    total_cpu = floor["cpu_seconds"] + startup.cpu_median
    print()
    print("Floor of the import (what any importer writing these rows into this schema pays):")
    print(
        f"  the import's own {floor['rows']:,} rows ({floor['tables']} tables) written with"
        f" sqlite3 alone: {floor['seconds']:.2f} s = {floor['seconds'] / base:.2f}× baseline;"
        f" cpu {floor['cpu_seconds']:.2f} s = {floor['cpu_seconds'] / base_cpu:.2f}× its cpu"
    )
    print(
        f"  start-up, `cadenza manage import_nyphil --help` (Python, Django, the command):"
        f" {startup.median:.2f} s = {startup.median / base:.2f}×;"
        f" cpu {startup.cpu_median:.2f} s = {startup.cpu_median / base_cpu:.2f}×"
    )
    print(
        f"  together {total / base:.2f}× baseline (cpu {total_cpu / base_cpu:.2f}×) before any"
        f" record is read, checked or resolved; the goal for the whole import is"
        f" {GOAL_IMPORT:g}×."
    )


# --- server time of pages, in a child with the imported database ------------------------


def pages_child(requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils.html import escape

    from cadenza.events.models import Credit
    from cadenza.people.models import Agent
    from cadenza.places.models import Place
    from cadenza.repertoire.models import Work

    targets: list[tuple[str, Any]] = []
    errors: list[str] = []
    top = (
        Credit.objects.filter(role=Credit.Role.SOLOIST, agent__isnull=False)
        .values("agent")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if top:
        soloist = Agent.objects.get(pk=top["agent"])
        kind = soloist.get_kind_display().lower()
        targets.append((f"person: top soloist ({kind}, {top['n']} credits)", soloist))
    else:
        errors.append("no soloist credits in the database")
    hall = (
        Place.objects.filter(name="Carnegie Hall")
        .annotate(n=Count("events"))
        .order_by("-n")
        .first()
    )
    if hall:
        targets.append((f"place: Carnegie Hall ({hall.n} events)", hall))
    else:
        errors.append('no Place named "Carnegie Hall"')
    fifth = (
        Work.objects.filter(
            parent__isnull=True,
            catalogue_numbers__catalogue="Op.",
            catalogue_numbers__number="67",
            authorships__agent__name="Ludwig van Beethoven",
        )
        .distinct()
        .first()
    )
    if fifth:
        targets.append(("work: Beethoven, Symphony No. 5, Op. 67", fifth))
    else:
        errors.append("no Work Op. 67 by Ludwig van Beethoven")

    client = Client()
    results = []
    for label, obj in targets:
        url = obj.get_absolute_url()  # /people/<pk>/ alone answers 301 to this address
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries.captured_queries)  # read now: later requests reset the log
        body = response.content.decode("utf-8", "replace")
        name = str(obj.name if hasattr(obj, "name") else obj.title)
        if response.status_code != 200:
            errors.append(f"{label}: {url} answered {response.status_code}")
        elif escape(name) not in body and name not in body:
            errors.append(f"{label}: {url} does not contain {name!r}")
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        results.append(
            {
                "label": label,
                "url": url,
                "name": name,
                "status": response.status_code,
                "median_ms": statistics.median(times),
                "p95_ms": statistics.quantiles(times, n=20, method="inclusive")[18],
                "queries": query_count,
                "bytes": len(response.content),
            }
        )
    print(json.dumps({"pages": results, "errors": errors}))


# --- the parent ----------------------------------------------------------------------------


def run_child(command: Sequence[str | Path], env: dict[str, str], log: Path) -> Run:
    """Run a whole process; its wall time and its own peak memory (ru_maxrss, KiB)."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped
    if process.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise BenchError(f"{' '.join(map(str, command))} exited {process.returncode}:\n{tail}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def child_env(home: Path, database_url: str) -> dict[str, str]:
    """Settings for a child; bytecode is cached beside CADENZA_HOME, as an install would.

    Without that, PYTHONDONTWRITEBYTECODE=1 (set on some machines) makes every child
    compile Django and Cadenza from source: about a second more per process.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        PYTHONPYCACHEPREFIX=str(home.parent / "pycache"),
        CADENZA_HOME=str(home),
        DATABASE_URL=database_url,
        DEBUG="0",
        DJANGO_SETTINGS_MODULE="cadenza.settings",
        ALLOWED_HOSTS="testserver,localhost",
    )
    return env


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"  # path is absolute: sqlite:////tmp/...


def copy_sqlite(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def baseline_command(data: Path, database: Path) -> list[str | Path]:
    return [sys.executable, __file__, "--baseline-child", data, database]


def import_command(data: Path) -> list[str | Path]:
    return [CADENZA, "import", "nyphil", data, "--no-progress"]


def newer_release(data: Path, target: Path) -> Path:
    """A copy of the files in which every programme changed (its first concert starts at
    another time), as a newer release of the archive rewrites programmes."""
    target.mkdir()
    for path in json_paths(data):
        document = json.loads(path.read_text(encoding="utf-8"))
        for program in document["programs"]:
            concerts = program.get("concerts") or []
            if concerts:
                concerts[0]["Time"] = "7:45PM" if concerts[0].get("Time") != "7:45PM" else "8:15PM"
        (target / path.name).write_text(json.dumps(document), encoding="utf-8")
    return target


class Postgres:
    """Fresh databases made from one migrated template, each dropped afterwards."""

    def __init__(self, admin_url: str, home: Path, work: Path) -> None:
        import psycopg

        self.admin_url, self.home, self.work = admin_url, home, work
        self.admin = psycopg.connect(admin_url, autocommit=True)
        self.tag = f"cadenza_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.tag}_template"
        self.created: list[str] = []

    def url(self, name: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def create(self, name: str, template: str | None = None) -> str:
        from psycopg import sql

        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        self.admin.execute(query)
        self.created.append(name)
        return self.url(name)

    def drop(self, name: str) -> None:
        from psycopg import sql

        self.admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        self.created.remove(name)

    def prepare(self) -> None:
        url = self.create(self.template)
        migrate: list[str | Path] = [CADENZA, "manage", "migrate", "-v0"]
        run_child(migrate, child_env(self.home, url), self.work / "pg-migrate.log")

    def time_import(self, data: Path, round_: int) -> Run:
        name = f"{self.tag}_{round_}"
        url = self.create(name, template=self.template)
        try:
            log = self.work / f"pg-import-{round_}.log"
            return run_child(import_command(data), child_env(self.home, url), log)
        finally:
            self.drop(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(name)
        self.admin.close()


def measure_floor(
    template: Path, imported: Path, work: Path, env: dict[str, str], rounds: int
) -> tuple[dict[str, Any], Phase]:
    """The median floor write (in-process timing) and start-up (whole processes)."""
    startup = Phase("start-up")
    floors = []
    for round_ in range(1, rounds + 1):
        log = work / f"floor-{round_}.log"
        target = work / f"floor-{round_}.sqlite3"
        run_child([sys.executable, __file__, "--floor-child", template, imported, target], env, log)
        remove_sqlite(target)
        floors.append(json.loads(log.read_text().strip().splitlines()[-1]))
        command = [CADENZA, "manage", "import_nyphil", "--help"]
        startup.runs.append(run_child(command, env, work / "startup.log"))
    return sorted(floors, key=lambda f: f["seconds"])[len(floors) // 2], startup


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f}"


def _counts_line(log: Path, kind: str) -> str:
    lines = log.read_text(errors="replace").splitlines()
    return next((line.strip() for line in lines if line.startswith(kind)), "(no counts)")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(
    phases: list[Phase], baseline: Phase, sqlite_import: Phase, pg: Phase | None
) -> None:
    width = max(24, max(len(p.runs) for p in phases) * 6 + 1)
    header = (
        f"{'phase':<18}{'median s':>9}  {'runs s':<{width}}{'cpu s':>6}"
        f"{'max RSS MiB':>13}{'÷ baseline':>12}  goal"
    )
    print()
    print(header)
    print("-" * (len(header) + 26))
    goals = {
        "import": (GOAL_IMPORT, "≤ 3.5× baseline"),
        "re-import": (GOAL_REIMPORT, "≤ 1× baseline"),
    }
    for phase in phases:
        ratio = phase.median / baseline.median
        runs = " ".join(f"{r.seconds:5.2f}" for r in phase.runs)
        goal = ""
        if phase.label in goals:
            limit, text = goals[phase.label]
            goal = f"{text:<16} {verdict(ratio <= limit)}"
        if phase.label == "rewrite":
            rewrite = phase.median / sqlite_import.median
            goal = f"÷ import {rewrite:.2f}×, goal ≤ 1×: {verdict(rewrite <= GOAL_REWRITE)}"
        if phase is pg:
            pg_ratio = phase.median / sqlite_import.median
            goal = (
                f"÷ SQLite import {pg_ratio:.2f}×, goal ≤ 2×: {verdict(pg_ratio <= GOAL_POSTGRES)}"
            )
        print(
            f"{phase.label:<18}{phase.median:>9.2f}  {runs:<{width}}{phase.cpu_median:>6.2f}"
            f"{mib(phase.peak_kib):>13}{ratio:>11.2f}×  {goal}".rstrip()
        )
    cadenza_peak = max(p.peak_kib for p in phases if p is not baseline)
    print(
        f"{'peak memory':<18}{'':>9}  {'(any cadenza process)':<{width}}{'':>6}"
        f"{mib(cadenza_peak):>13}{'':>12}  ≤ 1024 MiB       {verdict(cadenza_peak <= GIB_IN_KIB)}"
    )
    print(
        "cpu s: user + system time of the timed process (median); a PostgreSQL server's is"
        " not in it. rewrite: a newer release in which every programme changed, imported"
        " over the record the import made."
    )


def print_pages(report: dict[str, Any]) -> None:
    print()
    print(f"Server time of pages ({PAGE_REQUESTS} requests each after one warm-up; django.test")
    print("Client in-process: view + template + queries; DEBUG off). Goal ≤ 100 ms.")
    header = f"{'page':<48}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KiB':>8}  goal"
    print(header)
    print("-" * (len(header) + 6))
    for page in report["pages"]:
        print(
            f"{page['label']:<48}{page['median_ms']:>10.1f}{page['p95_ms']:>9.1f}"
            f"{page['queries']:>9}{page['bytes'] / 1024:>8.0f}  "
            f"{verdict(page['median_ms'] <= GOAL_PAGE_MS)}"
        )
        print(f"    {page['url']}")
    for error in report["errors"]:
        print(f"ERROR: {error}")


@contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="cadenza-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"\nKept the work folder: {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def benchmark(args: argparse.Namespace) -> int:
    data: Path = args.data.resolve()
    files = json_paths(data)
    if not files:
        print(f"No JSON files in {data} (see ../shared/data/README.md).", file=sys.stderr)
        return 2
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"NY Phil import benchmark: {len(files)} files, {size:.1f} MB in {data}")
    print(f"rounds: {args.rounds}, alternated; each figure is a whole process, median of rounds.")
    with workspace(args.keep) as work:
        home = work / "home"
        home.mkdir()
        template = work / "template.sqlite3"
        env = child_env(home, sqlite_url(template))
        run_child([CADENZA, "manage", "migrate", "-v0"], env, work / "migrate.log")
        warm = work / "warm-up.sqlite3"
        copy_sqlite(template, warm)
        log = work / "warm-up.log"
        warm_run = run_child(import_command(data), child_env(home, sqlite_url(warm)), log)
        remove_sqlite(warm)
        print(
            f"CADENZA_HOME shared by every run: {home}; its cache/ (gazetteer index) was built "
            f"by an untimed warm-up import ({warm_run.seconds:.1f} s). Its summary:"
        )
        for line in log.read_text(errors="replace").splitlines():
            print(f"    {line}")
        print("Databases: SQLite copied per round from a migrated empty template (untimed).")
        print("Bytecode cached in the work folder (compiled by the untimed warm-up runs).")
        warm_base = work / "warm-up-baseline.sqlite3"
        run_child(baseline_command(data, warm_base), env, work / "warm-up-baseline.log")
        remove_sqlite(warm_base)

        pg = Postgres(args.postgres, home, work) if args.postgres else None
        try:
            if pg:
                pg.prepare()
                print("PostgreSQL: a fresh database per round, CREATE DATABASE ... TEMPLATE a")
                print("migrated empty one (untimed), dropped after its run.")
            baseline, first, again = Phase("baseline"), Phase("import"), Phase("re-import")
            rewrite = Phase("rewrite")
            newer = newer_release(data, work / "newer")
            pg_phase = Phase("PostgreSQL import") if pg else None
            last_db: Path | None = None
            for round_ in range(1, args.rounds + 1):
                print(f"round {round_}/{args.rounds}…", flush=True)
                base_db = work / f"baseline-{round_}.sqlite3"
                command = baseline_command(data, base_db)
                baseline.runs.append(run_child(command, env, work / f"baseline-{round_}.log"))
                remove_sqlite(base_db)
                db = work / f"import-{round_}.sqlite3"
                copy_sqlite(template, db)
                db_env = child_env(home, sqlite_url(db))
                first.runs.append(run_child(import_command(data), db_env, work / "import.log"))
                again.runs.append(run_child(import_command(data), db_env, work / "again.log"))
                rewrite.runs.append(run_child(import_command(newer), db_env, work / "rewrite.log"))
                if last_db:
                    remove_sqlite(last_db)
                last_db = db
                if pg and pg_phase:
                    pg_phase.runs.append(pg.time_import(data, round_))
            print(f"baseline rows: {(work / f'baseline-{args.rounds}.log').read_text().strip()}")
            print("re-import said: " + (work / "again.log").read_text().strip().splitlines()[-1])
            print("rewrite said: " + _counts_line(work / "rewrite.log", "programmes"))
            phases = [baseline, first, again, rewrite] + ([pg_phase] if pg_phase else [])
            print_table(phases, baseline, first, pg_phase)
            if args.floor and last_db:
                floor, startup = measure_floor(template, last_db, work, env, args.rounds)
                print_floor(floor, startup, baseline)
        finally:
            if pg:
                pg.close()

        if args.pages and last_db:
            result = subprocess.run(
                [sys.executable, __file__, "--pages-child"],
                env=child_env(home, sqlite_url(last_db)),
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                print(f"ERROR: the pages run failed:\n{result.stderr[-3000:]}")
                return 1
            print_pages(json.loads(result.stdout.strip().splitlines()[-1]))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of JSON files")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of alternated runs (3)")
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="also time PostgreSQL imports")
    parser.add_argument("--pages", action="store_true", help="then time three pages")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="then time the import's own rows written by sqlite3 alone, and start-up",
    )
    parser.add_argument("--baseline-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor-child", nargs=3, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pages-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline_child:
        baseline_child(*args.baseline_child)
        return 0
    if args.floor_child:
        floor_child(*args.floor_child)
        return 0
    if args.pages_child:
        pages_child(PAGE_REQUESTS)
        return 0
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    try:
        return benchmark(args)
    except BenchError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
