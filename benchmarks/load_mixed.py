"""The mixed run of `load.py --mode mixed`: every kind of visitor at once, and an import.

Kinds, each in threads of their own against one gunicorn (PAGE_CACHE=1, as deployed):

- anonymous: public pages in turn (people, places, works, browse, search, the home page);
- managers: signed in as the demo's manager, each with a session of its own, reading the
  bookings pages (dashboard, engagements, an engagement, the calendar);
- import: one `cadenza import nyphil` of a newer release in which every programme changed
  (import_nyphil.newer_release), the heaviest write there is, while a probe measures how
  long, in one stretch, no other writer could get SQLite's write lock;
- login@import: a login a second while the import runs (a 503 with Retry-After is
  counted apart: a login writes; a 500 or a timeout is an error);
- api: programs with the manager's API token (`Authorization: Bearer`), each reading the
  record and the bookings through `/api/v1/` (people, events, search, engagements).

Every answer must be the expected status (200; a 302 for the login); anything else, a
timeout or a refused connection is an error, and the goal is zero. Reported per kind:
requests, requests per second, p50, p99, errors.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from import_nyphil import newer_release

TIMEOUT = 30.0  # seconds before an answer counts as an error


class Answer(NamedTuple):
    kind: str
    seconds: float
    error: str  # "" when the answer was the one expected
    status: int = 0


class Tally:
    """Every answer of the run, by kind, from any thread."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self.lock = threading.Lock()

    def add(self, answer: Answer) -> None:
        with self.lock:
            self.answers.append(answer)


def ask(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> int:
    try:
        with opener.open(url, data=data, timeout=TIMEOUT) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code)


def visit(kind: str, opener: urllib.request.OpenerDirector, url: str, tally: Tally) -> None:
    started = time.monotonic()
    try:
        status = ask(opener, url)
        error = "" if status == 200 else f"status {status}"
    except OSError as failure:  # a timeout, a refused connection
        error = type(failure).__name__
    tally.add(Answer(kind, time.monotonic() - started, error))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def log_in(base: str, username: str, password: str) -> tuple[urllib.request.OpenerDirector, int]:
    """An opener that went through the login form, and what the form's post answered."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(base + "/login/", timeout=TIMEOUT) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    assert token, "the login page has no CSRF token"
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    return opener, ask(opener, base + "/login/", urllib.parse.urlencode(form).encode())


def signed_in(
    base: str, username: str, password: str, tally: Tally
) -> urllib.request.OpenerDirector:
    """An opener holding a manager's session, logged in through the login form."""
    started = time.monotonic()
    opener, status = log_in(base, username, password)
    error = "" if status == 302 else f"status {status}"
    tally.add(Answer("login", time.monotonic() - started, error))
    assert status == 302, f"the manager's login answered {status}"
    return opener


def logins_during(
    base: str, username: str, password: str, tally: Tally, stop: threading.Event
) -> None:
    """A login a second while the import runs: it writes (the last login, the throttle's
    record), so it may be told the database is busy (503 with Retry-After) but must answer
    in seconds, never 500. A 503 is counted apart, not as an error."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            status = log_in(base, username, password)[1]
            error = {302: "", 503: ""}.get(status, f"status {status}")
        except OSError as failure:
            status, error = 0, type(failure).__name__
        tally.add(Answer("login@import", time.monotonic() - started, error, status))
        stop.wait(1.0)


def browse(
    kind: str,
    opener: urllib.request.OpenerDirector,
    base: str,
    paths: list[str],
    tally: Tally,
    stop: threading.Event,
    offset: int,
) -> None:
    n = offset
    while not stop.is_set():
        visit(kind, opener, base + paths[n % len(paths)], tally)
        n += 1


def with_token(token: str) -> urllib.request.OpenerDirector:
    """An opener for an API client: its token on every request, no cookies."""
    opener = urllib.request.build_opener(NoRedirect)
    opener.addheaders = [("Authorization", f"Bearer {token}")]
    return opener


def lock_probe(database: Path, stop: threading.Event, stretches: list[float]) -> None:
    """Every 50 ms, try to take the write lock at once; note each stretch it was held."""
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    held_since: float | None = None
    while not stop.is_set():
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            if held_since is not None:
                stretches.append(time.monotonic() - held_since)
                held_since = None
        except sqlite3.OperationalError:
            held_since = held_since or time.monotonic()
        time.sleep(0.05)
    if held_since is not None:
        stretches.append(time.monotonic() - held_since)
    probe.close()


class Prepared(NamedTuple):
    username: str
    password: str
    pages: list[str]  # the manager's bookings pages
    token: str  # a read-write API token of the manager's
    api: list[str]  # what API clients read


def prepare(home: Path, env: dict[str, str]) -> Prepared:
    """The demo manager with a password and an API token known to this run, and the pages
    and API addresses they read."""
    script = """
import json, secrets, django
django.setup()
from cadenza.accounts.models import User
from cadenza.accounts.services import token_create
from cadenza.engagements.access import engagements_visible_to
manager = User.objects.get(username="demo-manager")
password = secrets.token_urlsafe(16)
manager.set_password(password)
manager.save()
seen = list(engagements_visible_to(user=manager)[:4])
pages = ["/bookings/", "/bookings/engagements/", "/bookings/calendar/"]
pages += [e.get_absolute_url() for e in seen]
api = ["/api/v1/people?limit=20", "/api/v1/events?limit=20&ordering=-date",
       "/api/v1/search?q=Carnegie", "/api/v1/engagements?limit=20"]
api += [f"/api/v1/engagements/{e.pk}" for e in seen]
token = token_create(user=manager, name="load run")[1]
print(json.dumps([manager.username, password, pages, token, api]))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    ).stdout
    return Prepared(*json.loads(out.strip().splitlines()[-1]))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def mixed_run(
    base: str,
    home: Path,
    data: Path,
    public: list[str],
    env: dict[str, str],
    anonymous: int = 4,
    managers: int = 2,
    api_clients: int = 2,
    settle: float = 5.0,
) -> int:
    """Run every kind at once until the import ends (and `settle` seconds either side);
    print the table; answer the number of errors."""
    username, password, private, token, api = prepare(home, env)
    tally, stop = Tally(), threading.Event()
    threads = []
    for n in range(anonymous):
        opener = urllib.request.build_opener(NoRedirect)
        args = ("anonymous", opener, base, public, tally, stop, n * 7)
        threads.append(threading.Thread(target=browse, args=args))
    for n in range(managers):
        opener = signed_in(base, username, password, tally)
        threads.append(
            threading.Thread(target=browse, args=("manager", opener, base, private, tally, stop, n))
        )
    for n in range(api_clients):
        args = ("api", with_token(token), base, api, tally, stop, n * 3)
        threads.append(threading.Thread(target=browse, args=args))
    with tempfile.TemporaryDirectory(prefix="cadenza-newer-") as folder:
        newer = newer_release(data, Path(folder) / "release")
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(settle)
        stretches: list[float] = []
        probe_stop = threading.Event()
        probe = threading.Thread(
            target=lock_probe, args=(home / "cadenza.sqlite3", probe_stop, stretches)
        )
        probe.start()
        import_over = threading.Event()
        login_args = (base, username, password, tally, import_over)
        busy_logins = threading.Thread(target=logins_during, args=login_args)
        busy_logins.start()
        import_started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "cadenza.cli", "import", "nyphil", str(newer), "--no-progress"],
            env=env,
            capture_output=True,
            text=True,
        )
        import_seconds = time.monotonic() - import_started
        import_over.set()
        busy_logins.join()
        probe_stop.set()
        probe.join()
        time.sleep(settle)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    # The summary's row of programmes: added, updated, unchanged (import_nyphil's table).
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith("programmes ")]
    said = [f"programmes {' / '.join(rows[-1][1:])} added / updated / unchanged"] if rows else []
    said = said or done.stdout.strip().splitlines()[-1:] or [done.stderr[-500:]]
    print(
        f"\nimport of a release rewriting every programme: exit {done.returncode},"
        f" {import_seconds:.1f} s; said: {said[0]}"
    )
    longest = max(stretches, default=0.0)
    print(
        f"  the write lock was held {len(stretches)} time(s) for 0.05 s or more;"
        f" longest stretch {longest:.1f} s, in all {sum(stretches):.1f} s"
    )
    errors = int(done.returncode != 0)
    by_kind: dict[str, list[Answer]] = defaultdict(list)
    for answer in tally.answers:
        by_kind[answer.kind].append(answer)
    print(
        f"\n{'kind':10} {'requests':>8} {'req/s':>7} {'p50':>9} {'p99':>9} {'errors':>6}"
        "  kinds of error"
        f"   ({elapsed:.0f} s, load {os.getloadavg()[0]:.1f})"
    )
    for kind in ("anonymous", "manager", "login", "login@import", "api"):
        answers = by_kind.get(kind, [])
        times = [a.seconds for a in answers]
        failed = [a.error for a in answers if a.error]
        kinds = ", ".join(f"{e} {failed.count(e)}" for e in sorted(set(failed)))
        if busy := sum(1 for a in answers if a.status == 503):
            kinds = f"(busy: {busy} of {len(answers)} answered 503, Retry-After) {kinds}"
        p50, p99 = statistics.median(times) if times else 0.0, percentile(times, 0.99)
        print(
            f"{kind:10} {len(answers):8} {len(answers) / elapsed:7.1f} {p50 * 1000:7.1f}ms"
            f" {p99 * 1000:7.1f}ms {len(failed):6}  {kinds}"
        )
        errors += len(failed)
    print(f"\nGoal: zero errors. {'PASS' if errors == 0 else 'MISS'}: {errors} error(s).")
    return errors
