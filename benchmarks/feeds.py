"""Server time of a calendar feed of 1,000 events (goal: ≤ 100 ms).

    uv run python benchmarks/feeds.py               # SQLite, in a temporary CADENZA_HOME
    uv run python benchmarks/feeds.py --runs 50

One artist with, from today on, 400 confirmed engagements (a performance and a rehearsal
each), 100 held days, 80 journeys and 20 unavailable days: 1,000 events in the manager's
feed, fewer in the artist's and the public one. Built untimed with bulk inserts. Each feed
is made in-process as the view makes it (`feed_ics`: queries, VEVENTs, VTIMEZONEs,
serialisation), once to warm up, then `--runs` times; the table gives the median and p95
in ms, the events and the queries. "view" is the whole request, as a calendar app makes
it. For scale, the same run times `icalendar` alone writing 1,000 bare events (UID,
DTSTAMP, DTSTART, DTEND, SUMMARY), no database: the yardstick.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

GOAL_MS = 100.0


def _setup(home: str) -> None:
    os.environ["CADENZA_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build() -> Any:
    """The artist and 1,000 commitments, bulk inserted (untimed)."""
    from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
    from cadenza.engagements.models import Change, Engagement, Hold, Performance, State
    from cadenza.people.models import Agent
    from cadenza.places.models import Place

    artist = Agent.objects.create(name="Bench Artist", sort_name="Artist, Bench", kind="person")
    presenter = Agent.objects.create(name="Bench Hall", sort_name="Bench Hall", kind="organisation")
    cities = [
        Place.objects.create(name=name, kind="city", timezone=zone)
        for name, zone in (
            ("Vienna", "Europe/Vienna"),
            ("New York", "America/New_York"),
            ("Tokyo", "Asia/Tokyo"),
            ("London", "Europe/London"),
        )
    ]
    halls = [Place.objects.create(name=f"Hall of {c.name}", kind="hall", parent=c) for c in cities]
    today = datetime.now(UTC).date() + timedelta(days=1)
    confirmed = Engagement.objects.bulk_create(
        Engagement(
            artist=artist,
            presenter=presenter,
            venue=halls[i % 4],
            title=f"Concert {i}",
            state=State.CONFIRMED,
            notes="Notes for the management.",
        )
        for i in range(400)
    )
    held = Engagement.objects.bulk_create(
        Engagement(artist=artist, presenter=presenter, venue=halls[i % 4], title=f"Held {i}")
        for i in range(100)
    )
    Engagement.objects.filter(pk__in=[e.pk for e in held]).update(state=State.HOLD)
    now = datetime.now(UTC)
    Change.objects.bulk_create(
        Change(engagement=e, at=now, kind="state", to_value=e.state) for e in confirmed + held
    )
    performances, calls = [], []
    for i, engagement in enumerate(confirmed):
        day = today + timedelta(days=2 * i)
        zone = ZoneInfo(cities[i % 4].timezone)
        starts = datetime(day.year, day.month, day.day, 19, 30, tzinfo=zone)
        performances.append(Performance(engagement=engagement, date=day, starts_at=starts))
        calls.append(
            ScheduleItem(
                engagement=engagement,
                kind="orchestra_rehearsal",
                day=day,
                starts_at=starts - timedelta(hours=9),
                ends_at=starts - timedelta(hours=6),
            )
        )
    Performance.objects.bulk_create(performances)
    ScheduleItem.objects.bulk_create(calls)
    Hold.objects.bulk_create(
        Hold(engagement=e, artist=artist, date=today + timedelta(days=2 * i + 1), rank=1)
        for i, e in enumerate(held)
    )
    TravelLeg.objects.bulk_create(
        TravelLeg(
            artist=artist,
            mode="air",
            origin=cities[i % 4],
            destination=cities[(i + 1) % 4],
            departs_at=datetime.combine(today + timedelta(days=9 * i), datetime.min.time(), UTC),
            arrives_at=datetime.combine(today + timedelta(days=9 * i), datetime.min.time(), UTC)
            + timedelta(hours=9),
            carrier="Bench Air",
            reference=f"BA {i}",
        )
        for i in range(80)
    )
    Unavailability.objects.bulk_create(
        Unavailability(
            artist=artist,
            starts_at=datetime.combine(today + timedelta(days=40 * i), datetime.min.time(), UTC),
            ends_at=datetime.combine(today + timedelta(days=40 * i + 1), datetime.min.time(), UTC),
            all_day=True,
            reason="Family",
        )
        for i in range(20)
    )
    return artist


def timed(call: Any, runs: int) -> list[float]:
    call()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def yardstick() -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//EN")
    calendar.add("version", "2.0")
    start = datetime(2027, 1, 1, 19, 30, tzinfo=UTC)
    for i in range(1000):
        event = icalendar.Event()
        event.add("uid", f"bench-{i}@cadenza")
        event.add("dtstamp", start)
        event.add("dtstart", start + timedelta(days=i))
        event.add("dtend", start + timedelta(days=i, hours=2))
        event.add("summary", f"Concert {i}")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        _setup(home)
        import icalendar
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from cadenza.engagements.calendar_models import Feed
        from cadenza.engagements.feeds import feed_ics

        artist = build()
        rows = []
        for audience in ("manager", "artist", "public"):
            feed = Feed(artist=artist, audience=audience, include_fees=audience != "public")
            data = feed_ics(feed=feed)
            events = len(icalendar.Calendar.from_ical(data).walk("VEVENT"))
            with CaptureQueriesContext(connection) as queries:
                feed_ics(feed=feed)
            times = timed(lambda feed=feed: feed_ics(feed=feed), runs)
            rows.append((audience, events, len(queries), times, len(data)))
        # The whole request, as a calendar app makes it.
        from django.test import Client

        from cadenza.engagements.feeds import feed_create

        _, token = feed_create(artist=artist, audience="manager", by=None, include_fees=True)
        client = Client(HTTP_HOST="localhost")
        url = f"/feeds/{token}.ics"
        assert client.get(url).status_code == 200
        # The test client closes the connection after each request, which clears its log.
        seen: list[str] = []
        with connection.execute_wrapper(
            lambda run, sql, *rest: seen.append(sql) or run(sql, *rest)
        ):
            client.get(url)
        again = timed(lambda: client.get(url), runs)
        rows.append(("view", 1000, len(seen), again, len(client.get(url).content)))
        bare = timed(yardstick, runs)
        print(f"{'feed':<12}{'events':>7}{'queries':>8}{'median ms':>11}{'p95 ms':>9}{'KiB':>7}")
        for audience, events, count, times, size in rows:
            p95 = statistics.quantiles(times, n=20)[-1]
            line = f"{audience:<12}{events:>7}{count:>8}{statistics.median(times):>11.1f}"
            print(f"{line}{p95:>9.1f}{size / 1024:>7.0f}")
        p95 = statistics.quantiles(bare, n=20)[-1]
        print(f"{'yardstick':<12}{1000:>7}{0:>8}{statistics.median(bare):>11.1f}{p95:>9.1f}")
        worst = max(statistics.quantiles(t, n=20)[-1] for a, _, _, t, _ in rows)
        verdict = "meets" if worst <= GOAL_MS else "misses"
        print(f"Worst p95 {worst:.1f} ms: {verdict} the goal of {GOAL_MS:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
