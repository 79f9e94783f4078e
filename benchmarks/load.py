"""A bounded load run on loopback: wrk against gunicorn, with the demo and the whole archive.

    uv run python benchmarks/load.py                     # builds a record, then runs
    uv run python benchmarks/load.py --home DIR          # reuse a CADENZA_HOME holding one
    uv run python benchmarks/load.py --home DIR --duration 20 --connections 16 --workers 3

For each mode (the page cache off, then on: `PAGE_CACHE=0/1`), gunicorn serves Cadenza as
in production (docs/deployment.md: DEBUG off, WhiteNoise for static files) on 127.0.0.1,
each page is fetched once (it must answer 200 and name its subject), then `wrk` runs for
`--duration` seconds against it: requests per second, latency percentiles, errors
(non-2xx/3xx answers, and socket errors: a reply slower than `--timeout`, 2 s as in wrk,
counts as one). Pages: the person with most soloist credits, Isaac Stern, Carnegie Hall (the
Place of that name with most events), Beethoven's Fifth, and the `--people` (200) most
credited soloists' pages asked for in turn (a Lua script), so that the cache run also shows
pages rendered while it fills. Each cache run starts with an empty cache.
Goal: ≥ 200 requests/s on the person page with no errors. The machine's load average is
printed beside each run, since other work on it takes cores from the server.
Needs `wrk` (Debian: `apt-get install wrk`). Building the record (untimed) runs
`cadenza demo --no-serve` and `cadenza import nyphil ../shared/data/nyphil`.

`--mode mixed` (load_mixed.py) runs every kind at once instead of wrk: anonymous visitors,
signed-in managers, API clients with a token, and an import of a release that rewrites
every programme, zero errors required; requests per second and p99 per kind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "nyphil"
GOAL_RPS = 200.0


class Page(NamedTuple):
    label: str
    path: str
    name: str  # the page must show it
    rotation: tuple[str, ...] = ()  # when set, wrk asks for these paths in turn


class Run(NamedTuple):
    rps: float
    latency: dict[str, str]  # percentile -> wrk's figure ("5.11ms")
    requests: int
    errors: int
    error_kinds: str  # "timeout 3, non-2xx 1"


def build(home: Path) -> None:
    env = {**os.environ, "CADENZA_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    for args in (["demo", "--no-serve"], ["import", "nyphil", str(DATA), "--no-progress"]):
        print(f"+ cadenza {' '.join(args)}", flush=True)
        subprocess.run(
            [sys.executable, "-m", "cadenza.cli", *args], env=env, check=True, capture_output=True
        )


def choose_pages(home: Path, people: int) -> list[Page]:
    """The busiest pages, found in a child process so this one never holds the database."""
    script = """
import django; django.setup()
from django.db.models import Count
from cadenza.events.models import Credit
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
top = (Credit.objects.filter(role=Credit.Role.SOLOIST, agent__kind=Agent.Kind.PERSON)
       .values("agent_id").annotate(n=Count("pk")).order_by("-n").first())
assert top, "no soloist in the record: is the archive imported?"
busiest = Agent.objects.get(pk=top["agent_id"])
stern = Agent.objects.get(name="Isaac Stern")
hall = max(Place.objects.filter(name="Carnegie Hall"), key=lambda p: p.events.count())
fifth = Work.objects.filter(title__icontains="Symphony No. 5",
                            authorships__agent__name="Ludwig van Beethoven").first()
rows = [(f"person: {busiest.name} ({top['n']} soloist credits)", busiest), ("person: Isaac Stern",
        stern), (f"place: {hall.name}", hall), (f"work: {fifth.title}", fifth)]
for label, obj in rows:
    print(label, obj.get_absolute_url(), str(obj), sep="\\t")
many = (Credit.objects.filter(role=Credit.Role.SOLOIST, agent__kind=Agent.Kind.PERSON)
        .values("agent_id").annotate(n=Count("pk")).order_by("-n")[:PEOPLE])
people = Agent.objects.in_bulk([row["agent_id"] for row in many])
print(f"person: the {len(people)} most credited, in turn", busiest.get_absolute_url(),
      str(busiest), " ".join(p.get_absolute_url() for p in people.values()), sep="\\t")
"""
    env = {**os.environ, "CADENZA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "cadenza.settings"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", script.replace("PEOPLE", str(people))],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = []
    for line in out.splitlines():
        label, path, name, *rotation = line.split("\t")
        pages.append(Page(label, path, name, tuple(rotation[0].split()) if rotation else ()))
    return pages


@contextmanager
def gunicorn(home: Path, port: int, workers: int, cache: bool) -> Iterator[str]:
    env = {
        **os.environ,
        "CADENZA_HOME": str(home),
        "DEBUG": "0",
        "PAGE_CACHE": "1" if cache else "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DATABASE_URL", None)
    command = [
        sys.executable, "-m", "gunicorn", "cadenza.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
    ]  # fmt: skip
    print("+ " + " ".join(command[1:]) + f"  (PAGE_CACHE={env['PAGE_CACHE']})", flush=True)
    # Its log goes to a file: a pipe nobody reads would fill and stop the server.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    # A static file answers as soon as the server is up; no page is rendered.
                    urllib.request.urlopen(base + "/static/web/favicon.svg", timeout=5).read()
                    break
                except OSError:
                    if server.poll() is not None:
                        log.seek(0)
                        sys.exit(f"gunicorn stopped: {log.read().decode()[-2000:]}")
                    time.sleep(0.2)
            else:
                sys.exit("gunicorn did not answer in 20 s")
            yield base
        except BaseException:
            log.seek(0)
            print("gunicorn's log, last lines:\n" + log.read().decode()[-3000:], flush=True)
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                print("  gunicorn did not stop within 30 s: killed", flush=True)
                server.kill()
                server.wait()


def check(base: str, page: Page) -> None:
    with urllib.request.urlopen(base + page.path, timeout=120) as response:
        body = response.read().decode()
        assert response.status == 200, f"{page.path} answered {response.status}"
    assert page.name in body, f"{page.path} does not show {page.name!r}"


LUA_ROTATION = """
paths = {%s}
n = 0
request = function()
  n = n + 1
  return wrk.format(nil, paths[(n %% #paths) + 1])
end
"""


def wrk(base: str, page: Page, args: argparse.Namespace) -> Run:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += [f"--timeout={args.timeout}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if page.rotation:
            lua.write(LUA_ROTATION % ", ".join(f'"{path}"' for path in page.rotation))
            lua.flush()
            command += ["-s", lua.name]
        out = subprocess.run(
            [*command, base + page.path], check=True, capture_output=True, text=True
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, flags=re.M))
    kinds = {"non-2xx": sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))}
    if socket := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        kinds |= dict(
            zip(["connect", "read", "write", "timeout"], map(int, socket.groups()), strict=True)
        )
    text = ", ".join(f"{kind} {n}" for kind, n in kinds.items() if n)
    return Run(rps, latency, requests, sum(kinds.values()), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, help="a CADENZA_HOME with demo + archive loaded")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--timeout", type=int, default=2, help="seconds before wrk counts an error (2)"
    )
    parser.add_argument(
        "--people", type=int, default=200, help="person pages asked for in turn (200)"
    )
    parser.add_argument(
        "--mode",
        choices=["both", "nocache", "cache", "mixed"],
        default="both",
        help="page cache off/on, or every kind of visitor at once with an import (mixed)",
    )
    parser.add_argument("--anonymous", type=int, default=4, help="mixed: anonymous threads (4)")
    parser.add_argument("--managers", type=int, default=2, help="mixed: manager threads (2)")
    parser.add_argument(
        "--api-clients", type=int, default=2, help="mixed: API clients with a token (2)"
    )
    args = parser.parse_args()
    if args.mode != "mixed" and not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install wrk` (Debian's package)")
    if args.home:
        run(args, args.home)
        return
    if not DATA.is_dir():
        sys.exit(f"{DATA}: the NY Phil data is not there (see ../shared/data/README.md)")
    with tempfile.TemporaryDirectory(prefix="cadenza-load-") as home:
        build(Path(home))
        run(args, Path(home))


def run(args: argparse.Namespace, home: Path) -> None:
    pages = choose_pages(home, args.people)
    if args.mode == "mixed":
        run_mixed(args, home, pages)
        return
    modes = {"both": [False, True], "nocache": [False], "cache": [True]}[args.mode]
    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s"
        f" --timeout={args.timeout}s, gunicorn {args.workers} sync workers,"
        f" {os.cpu_count()} cores",
        flush=True,
    )
    results = []
    for cache in modes:
        # Each cache run starts empty; a page asked for alone is stored by check() first.
        shutil.rmtree(home / "cache" / "pages", ignore_errors=True)
        with gunicorn(home, args.port, args.workers, cache) as base:
            for page in pages:
                check(base, page)
                load = os.getloadavg()[0]
                result = wrk(base, page, args)
                results.append((page, cache, result, load))
                print(f"  {page.label[:44]}: {result.rps:.0f} req/s (load {load:.1f})", flush=True)
    print(
        f"\n{'page':44} {'cache':5} {'req/s':>8} {'p50':>8} {'p90':>8} {'p99':>8}"
        f" {'errors':>6}  load  kinds of error"
    )
    for page, cache, r, load in results:
        lat = r.latency
        print(
            f"{page.label[:44]:44} {'on' if cache else 'off':5} {r.rps:8.1f}"
            f" {lat.get('50', '-'):>8} {lat.get('90', '-'):>8} {lat.get('99', '-'):>8}"
            f" {r.errors:6}  {load:4.1f}  {r.error_kinds}"
        )
    print(f"\nGoal: ≥ {GOAL_RPS:.0f} req/s on a person page, no errors.")
    for page, cache, r, _ in results:
        if page.label.startswith("person"):
            verdict = "PASS" if r.rps >= GOAL_RPS and r.errors == 0 else "MISS"
            state = "on " if cache else "off"
            print(f"  cache {state} {page.label[:44]:44} {r.rps:8.1f} req/s {verdict}")


def run_mixed(args: argparse.Namespace, home: Path, pages: list[Page]) -> None:
    from load_mixed import mixed_run

    public = ["/", "/browse/", "/browse/people/", "/search/?q=Beethoven"]
    for page in pages:
        public += [page.path, *page.rotation[:40]]
    env = {**os.environ, "CADENZA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "cadenza.settings"}
    env.pop("DATABASE_URL", None)
    print(
        f"\nmixed: {args.anonymous} anonymous, {args.managers} managers,"
        f" {args.api_clients} API clients, one import;"
        f" gunicorn {args.workers} sync workers, {os.cpu_count()} cores",
        flush=True,
    )
    with gunicorn(home, args.port, args.workers, cache=True) as base:
        errors = mixed_run(
            base, home, DATA, public, env, args.anonymous, args.managers, args.api_clients
        )
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
