"""Server time of the busiest pages with the demo and the whole NY Phil archive loaded.

    uv run python benchmarks/pages.py                       # builds a record, then measures
    uv run python benchmarks/pages.py --home DIR            # reuse a CADENZA_HOME holding one
    uv run python benchmarks/pages.py --postgres URL        # the same on PostgreSQL: builds
                                                            # into URL's (empty) database, or
    uv run python benchmarks/pages.py --postgres URL --home DIR   # reuses one already loaded

Each page is requested in-process with django.test.Client (view, queries and template:
server time, no network), once to warm up, then `--runs` times; the table gives the median
and p95 in ms, the queries per request, and the ratio to the same data fetched with plain
SQL in the same run (the yardstick: what the database alone costs). Goal: p95 ≤ 50 ms.
Building the record (untimed): `cadenza demo --no-serve`, then `cadenza import nyphil` of
`../shared/data/nyphil`, in a temporary CADENZA_HOME.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "nyphil"
GOAL_MS = 50.0


def build(home: Path) -> None:
    env = {**os.environ, "CADENZA_HOME": str(home)}  # DATABASE_URL: main() sets or drops it
    for args in (["demo", "--no-serve"], ["import", "nyphil", str(DATA), "--no-progress"]):
        print(f"+ cadenza {' '.join(args)}", flush=True)
        subprocess.run(
            [sys.executable, "-m", "cadenza.cli", *args], env=env, check=True, capture_output=True
        )


def _counter(seen: list[str]) -> Callable[..., Any]:
    """A database execute wrapper that notes each statement run."""

    def count(execute: Any, statement: str, *rest: Any) -> Any:
        seen.append(statement)
        return execute(statement, *rest)

    return count


def timed(call: Callable[[], Any], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times in ms; with `cpu`, the process's own CPU times are noted there too (a
    figure that load from other work on the machine inflates much less)."""
    call()
    out = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        out.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(runs: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from cadenza.events.career_figures import (
        agent_appearances,
        agent_collaborators,
        agent_venues,
        agent_works_played,
    )
    from cadenza.events.models import Credit, Series
    from cadenza.people.models import Agent
    from cadenza.places.models import Place
    from cadenza.repertoire.models import Work

    def sql(statement: str, params: list[Any]) -> Callable[[], Any]:
        def run() -> Any:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()

        return run

    def person_sql(agent: Any) -> Callable[[], Any]:
        """The person page's data by plain SQL: a page of its events and the figures
        (appearances, works, venues, collaborators: already plain SQL on the page)."""
        events = sql(agent_events, [agent.pk, agent.pk])

        def run() -> Any:
            return [
                events(),
                agent_appearances(agent=agent),
                agent_works_played(agent=agent),
                agent_venues(agent=agent),
                agent_collaborators(agent=agent),
            ]

        return run

    top = (
        Credit.objects.filter(role=Credit.Role.SOLOIST, agent__kind=Agent.Kind.PERSON)
        .values("agent_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert top, "no soloist in the record: is the archive imported?"
    soloist = Agent.objects.get(pk=top["agent_id"])
    carnegie = max(Place.objects.filter(name="Carnegie Hall"), key=lambda p: p.events.count())
    fifth = Work.objects.filter(
        title__icontains="Symphony No. 5", authorships__agent__name="Ludwig van Beethoven"
    ).first()
    assert fifth is not None
    agent_events = (
        "SELECT e.id, e.name, e.date_year, v.name FROM events_event e"
        " LEFT JOIN places_place v ON v.id = e.venue_id WHERE e.id IN ("
        " SELECT c.event_id FROM events_credit c WHERE c.agent_id = %s AND c.event_id IS NOT NULL"
        " UNION SELECT e2.id FROM events_event e2 JOIN events_programmeitem i"
        " ON i.programme_id = e2.programme_id JOIN events_credit c2 ON c2.item_id = i.id"
        " WHERE c2.agent_id = %s) ORDER BY e.date_year, e.id LIMIT 50"
    )
    pages: list[tuple[str, str, Callable[[], Any]]] = [
        (
            f"person: {soloist.name} ({top['n']} soloist credits)",
            soloist.get_absolute_url(),
            person_sql(soloist),
        ),
    ]
    # The issue's own example: a long career of concertos across six decades.
    stern = Agent.objects.filter(name="Isaac Stern").first()
    if stern is not None and stern.pk != soloist.pk:
        pages.append(
            (
                f"person: {stern.name}",
                stern.get_absolute_url(),
                person_sql(stern),
            )
        )
    pages += [
        (
            f"place: {carnegie.name}",
            carnegie.get_absolute_url(),
            sql(
                "SELECT date_year, COUNT(*) FROM events_event WHERE venue_id = %s"
                " GROUP BY date_year ORDER BY date_year",
                [carnegie.pk],
            ),
        ),
        (
            # The place page's works and performers, which htmx loads when scrolled to.
            f"place: {carnegie.name}, works and performers",
            f"{carnegie.get_absolute_url()}history/",
            sql(
                "SELECT i.work_id, COUNT(*) FROM events_event e JOIN events_programmeitem i"
                " ON i.programme_id = e.programme_id WHERE e.venue_id = %s"
                " GROUP BY i.work_id ORDER BY 2 DESC LIMIT 10",
                [carnegie.pk],
            ),
        ),
        (
            f"work: {fifth.title}",
            fifth.get_absolute_url(),
            sql(
                "SELECT e.id, e.name, e.date_year FROM events_event e JOIN events_programmeitem i"
                " ON i.programme_id = e.programme_id WHERE i.work_id = %s"
                " ORDER BY e.date_year DESC LIMIT 50",
                [fifth.pk],
            ),
        ),
    ]
    # The browse pages (docs/pages.md): each list of the whole archive, and the longest
    # of their narrowed lists (Beethoven's works, the busiest season's concerts).
    beethoven = Agent.objects.filter(name="Ludwig van Beethoven").first()
    season = (
        Series.objects.filter(kind=Series.Kind.SEASON)
        .annotate(n=Count("events"))
        .order_by("-n", "pk")
        .first()
    )
    usa = Place.objects.filter(kind=Place.Kind.COUNTRY, country_code="US").first()
    browse = [
        (
            "browse",
            "/browse/",
            "SELECT instrument_id, COUNT(*) FROM people_agentinstrument GROUP BY 1",
        ),
        (
            "browse: violinists",
            "/browse/people/?instrument=violin",
            "SELECT ai.agent_id, ai.concerts FROM people_agentinstrument ai JOIN"
            " repertoire_instrument i ON i.id = ai.instrument_id WHERE i.name = 'violin'"
            " ORDER BY ai.concerts DESC LIMIT 50",
        ),
        (
            "browse: conductors",
            "/browse/people/?role=conductor",
            "SELECT agent_id, COUNT(DISTINCT event_id) FROM events_credit WHERE role = 'conductor'"
            " GROUP BY 1 ORDER BY 2 DESC",
        ),
        (
            "browse: composers",
            "/browse/composers/",
            "SELECT a.id, a.sort_name FROM people_agent a WHERE a.id IN (SELECT agent_id FROM"
            " people_authorship) ORDER BY a.sort_name LIMIT 50",
        ),
        (
            "browse: places",
            "/browse/places/",
            "SELECT venue_id, COUNT(*) FROM events_event GROUP BY 1",
        ),
        (
            "browse: seasons",
            "/browse/seasons/",
            "SELECT series_id, COUNT(*) FROM events_event GROUP BY 1 ORDER BY 2 DESC LIMIT 50",
        ),
    ]
    if beethoven is not None:
        browse.append(
            (
                "browse: Beethoven's works",
                f"/browse/composers/{beethoven.pk}/works/",
                "SELECT w.id, w.title FROM repertoire_work w JOIN people_authorship au"
                f" ON au.work_id = w.id WHERE au.agent_id = {beethoven.pk} ORDER BY w.title",
            )
        )
    if usa is not None:
        browse.append(
            (
                "browse: places in the United States",
                f"/browse/places/?within={usa.pk}",
                f"SELECT id, name FROM places_place WHERE parent_id = {usa.pk}",
            )
        )
    if season is not None:
        browse.append(
            (
                f"browse: {season.name}",
                f"/browse/seasons/{season.pk}/",
                "SELECT id, name, date_year FROM events_event"
                f" WHERE series_id = {season.pk} ORDER BY date_year DESC LIMIT 25",
            )
        )
    pages += [(label, url, sql(statement, [])) for label, url, statement in browse]
    # The query shapes of docs/search.md: a common name, a typo, composer with a misspelt
    # title, a catalogue number, a venue with thousands of events; and a suggestion.
    searches = ["beethoven", "stern", "Kalmurzayev", "tchaikovsky symfony 5", "BWV 1007"]
    searches += ["carnegie", "suggest:brahms 2"]
    for query in searches:
        query = query.removeprefix("suggest:")
        path = f"/search/?q={quote(query)}"
        pages.append(
            (
                f"search: {query}",
                path,
                sql(
                    "SELECT id, name FROM people_agent WHERE name LIKE %s"
                    " UNION ALL SELECT id, title FROM repertoire_work WHERE title LIKE %s",
                    [f"%{query}%", f"%{query}%"],
                ),
            )
        )
    client = Client()
    # Asked as htmx asks: the suggestions, and the part of the place page loaded when seen.
    partials = {
        "/search/?q=" + quote("brahms 2"): " (suggestions)",
        f"{carnegie.get_absolute_url()}history/": " (htmx)",
    }
    print(f"\n{connection.vendor}, {connection.settings_dict['NAME']}")
    print(
        f"\n{'page':50} {'median':>7} {'p95':>7} {'cpu p95':>7} {'SQL':>6} {'ratio':>6}"
        f" {'queries':>7}  goal"
    )
    for label, url, plain in pages:
        headers = {"HX-Request": "true"} if url in partials else {}
        label += partials.get(url, "")
        response = client.get(url, headers=headers)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        queries: list[str] = []
        with connection.execute_wrapper(_counter(queries)):
            client.get(url, headers=headers)
        cpu_ms: list[float] = []
        page_ms = timed(lambda url=url, h=headers: client.get(url, headers=h), runs, cpu_ms)
        sql_ms = timed(plain, runs)
        median, slow, base = statistics.median(page_ms), p95(page_ms), statistics.median(sql_ms)
        verdict = "PASS" if slow <= GOAL_MS else "MISS"
        print(
            f"{label[:50]:50} {median:7.1f} {slow:7.1f} {p95(cpu_ms):7.1f} {base:6.1f}"
            f" {median / base:5.0f}× {len(queries):7}  p95 ≤ {GOAL_MS:.0f} ms {verdict}"
        )
    print(
        "\nms: server time in-process; cpu: the process's own CPU time; SQL: the same data"
        " by plain SQL (median); ratio: page ÷ SQL"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, help="a CADENZA_HOME with demo + archive loaded")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--postgres", metavar="URL", help="measure on PostgreSQL (postgres://…/DB) not SQLite"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    else:
        os.environ.pop("DATABASE_URL", None)
    if args.home:
        os.environ["CADENZA_HOME"] = str(args.home)
        measure(args.runs)
        return
    if not DATA.is_dir():
        sys.exit(f"{DATA}: the NY Phil data is not there (see ../shared/data/README.md)")
    with tempfile.TemporaryDirectory(prefix="cadenza-pages-") as home:
        build(Path(home))
        os.environ["CADENZA_HOME"] = home
        measure(args.runs)


if __name__ == "__main__":
    main()
