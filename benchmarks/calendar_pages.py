"""Server time of the roster's month view with 200 artists (issue 17, item 8: ≤ 100 ms).

    uv run python benchmarks/calendar_pages.py                 # 200 artists, 30 runs
    uv run python benchmarks/calendar_pages.py --artists 400 --runs 50

Builds, untimed, a fresh SQLite database in a temporary CADENZA_HOME: one manager with
`--artists` artists on the roster, each with a month (March 2027) as a touring soloist
has it: three concerts with their times in three cities of three zones, a dress rehearsal
before each, a hold, an offer whose time is to be fixed, three flights and an absence,
about a dozen entries each. Then requests `/bookings/calendar/2027/3/` (the whole roster)
and the same for one artist in-process with django.test.Client (view, queries and
template: server time, no network), once to warm up, then `--runs` times, and prints the
median and p95 wall time, the median CPU time of the process, the queries per request and
the page's size. Asserts nothing: figures go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 100.0
MARCH = (date(2027, 3, 1), date(2027, 4, 4))  # the month's grid, in whole weeks
CITIES = (
    ("Vienna", "Europe/Vienna", 48.21, 16.37),
    ("Tokyo", "Asia/Tokyo", 35.68, 139.69),
    ("New York", "America/New_York", 40.71, -74.0),
)


HALLS_PER_CITY = 40


def build(artists: int) -> Any:
    from django.core.management import call_command

    from cadenza.accounts.models import ArtistAccess, User
    from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
    from cadenza.engagements.models import Engagement, Hold, Performance, State
    from cadenza.people.models import Agent
    from cadenza.places.models import Place

    call_command("migrate", verbosity=0)
    manager = User.objects.create_user("bench-manager", password="x")
    presenter = Agent.objects.create(name="Concert Society", sort_name="Concert Society")
    # Forty halls a city, so that no two soloists share a hall on one night: a roster's
    # season, not a hall booked forty times over (which the conflict checks would report).
    halls_of: list[list[Any]] = []
    for name, zone, lat, lon in CITIES:
        city = Place.objects.create(
            name=name, kind="city", timezone=zone, latitude=lat, longitude=lon
        )
        halls_of.append(
            [
                Place.objects.create(name=f"{name} Hall {h}", kind="hall", parent=city)
                for h in range(HALLS_PER_CITY)
            ]
        )
    people = Agent.objects.bulk_create(
        Agent(name=f"Soloist {n:03}", sort_name=f"Soloist {n:03}") for n in range(artists)
    )
    ArtistAccess.objects.bulk_create(
        ArtistAccess(user=manager, agent=a, role=ArtistAccess.Role.MANAGER) for a in people
    )
    engagements, performances, calls, holds, legs, away = [], [], [], [], [], []
    for n, artist in enumerate(people):
        halls = [city_halls[n % HALLS_PER_CITY] for city_halls in halls_of]
        for k, hall in enumerate(halls):
            zone = ZoneInfo(hall.parent.timezone)
            day = date(2027, 3, 3 + 8 * k + (n // HALLS_PER_CITY) % 5)
            engagement = Engagement(
                artist=artist, presenter=presenter, venue=hall, title=f"Recital {n}.{k}"
            )
            engagement.state = State.CONFIRMED
            engagements.append(engagement)
            start = datetime(day.year, day.month, day.day, 19, 30, tzinfo=zone)
            performances.append((engagement, day, start))
            calls.append((engagement, day, start - timedelta(hours=8)))
            legs.append((artist, halls[k - 1].parent, hall.parent, start - timedelta(days=1)))
        held = Engagement(artist=artist, presenter=presenter, venue=halls[0], title=f"Held {n}")
        held.state = State.HOLD
        offer = Engagement(artist=artist, presenter=presenter, venue=halls[1], title=f"Gala {n}")
        offer.state = State.OFFERED
        engagements += [held, offer]
        holds.append((held, artist, date(2027, 3, 27)))
        performances.append((offer, date(2027, 3, 29), None))
        start = datetime(2027, 3, 14 + n % 3, tzinfo=UTC)
        away.append(Unavailability(artist=artist, starts_at=start, ends_at=start + timedelta(2)))
    Engagement.objects.bulk_create(engagements)
    Performance.objects.bulk_create(
        Performance(engagement=e, date=d, starts_at=s) for e, d, s in performances
    )
    ScheduleItem.objects.bulk_create(
        ScheduleItem(engagement=e, kind="dress_rehearsal", day=d, starts_at=s) for e, d, s in calls
    )
    Hold.objects.bulk_create(Hold(engagement=e, artist=a, date=d, rank=1) for e, a, d in holds)
    TravelLeg.objects.bulk_create(
        TravelLeg(
            artist=a,
            mode="air",
            origin=o,
            destination=t,
            departs_at=s,
            arrives_at=s + timedelta(hours=9),
            carrier="Austrian",
            reference="OS 51",
        )
        for a, o, t, s in legs
    )
    Unavailability.objects.bulk_create(away)
    return manager, people[0]


def measure(url: str, client: Any, runs: int) -> dict[str, Any]:
    from django.db import connection

    response = client.get(url)
    assert response.status_code == 200, response.status_code
    seen: list[str] = []

    def count(execute: Any, sql: str, *rest: Any) -> Any:
        seen.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        client.get(url)
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    ordered = sorted(wall)
    return {
        "median": statistics.median(wall),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "cpu": statistics.median(cpu),
        "queries": len(seen),
        "kb": len(response.content) / 1024,
        "entries": response.content.count(b'class="cal-entry '),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artists", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="cadenza-bench-calendar-")
    os.environ["CADENZA_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.test import Client

    started = time.perf_counter()
    manager, first = build(args.artists)
    print(f"built {args.artists} artists in {time.perf_counter() - started:.1f} s (untimed)")
    client = Client()
    client.force_login(manager)
    print("| page | median ms | p95 ms | CPU ms | queries | entries | kB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, url in (
        (f"roster month, {args.artists} artists", "/bookings/calendar/2027/3/"),
        ("one artist's month", f"/bookings/calendar/2027/3/?artist={first.pk}"),
        ("roster list", "/bookings/calendar/list/2027/3/"),
    ):
        m = measure(url, client, args.runs)
        flag = " (over the goal)" if m["p95"] > GOAL_MS else ""
        print(
            f"| {name} | {m['median']:.1f} | {m['p95']:.1f}{flag} | {m['cpu']:.1f} "
            f"| {m['queries']} | {m['entries']} | {m['kb']:.0f} |"
        )
    # Where the roster month's time goes: the shared read of commitments alone, then the
    # calendar's selector over it (sight, zones, laying out), without the page.
    from cadenza.engagements import calendar
    from cadenza.engagements.commitments import commitments

    ids = list(manager.artist_access.values_list("agent_id", flat=True))
    for name, call in (
        ("commitments() alone", lambda: commitments(start=MARCH[0], end=MARCH[1], artist_ids=ids)),
        (
            "calendar.month()",
            lambda: calendar.month(user=manager, artist_ids=ids, year=2027, month=3),
        ),
    ):
        call()
        cpu = []
        for _ in range(args.runs):
            started = time.process_time()
            call()
            cpu.append((time.process_time() - started) * 1000)
        print(f"{name}: median CPU {statistics.median(cpu):.1f} ms")


if __name__ == "__main__":
    main()
