"""All conflicts of a season of 10,000 commitments across 200 artists: the quick check
(`conflicts.find`: sweeps per artist and per hall) against a naive pairwise check with the
same judges, in the same run, the results asserted equal; then `conflicts.problems()`
reading the same season from a fresh SQLite database.

    uv run python benchmarks/conflicts.py                 # 200 artists × 50 commitments
    uv run python benchmarks/conflicts.py --artists 50 --runs 3 --no-database

The season is made up with a fixed seed: each artist's engagements (a rehearsal and a
performance, some rehearsals missing or on a day without a time, some radius clauses) in
200 halls of 40 cities on three continents, flights between some of them, held days and
days away. Goal: the quick check ≤ 100 ms for 10,000 commitments.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 100.0
CITIES = [
    ("Vienna", "Europe/Vienna", 48.21, 16.37), ("Salzburg", "Europe/Vienna", 47.80, 13.04),
    ("Berlin", "Europe/Berlin", 52.52, 13.40), ("Leipzig", "Europe/Berlin", 51.34, 12.37),
    ("Munich", "Europe/Berlin", 48.14, 11.58), ("Hamburg", "Europe/Berlin", 53.55, 9.99),
    ("Zurich", "Europe/Zurich", 47.37, 8.54), ("Lucerne", "Europe/Zurich", 47.05, 8.31),
    ("Verbier", "Europe/Zurich", 46.10, 7.23), ("Geneva", "Europe/Zurich", 46.20, 6.14),
    ("Paris", "Europe/Paris", 48.86, 2.35), ("Aix-en-Provence", "Europe/Paris", 43.53, 5.45),
    ("London", "Europe/London", 51.51, -0.13), ("Edinburgh", "Europe/London", 55.95, -3.19),
    ("Amsterdam", "Europe/Amsterdam", 52.37, 4.90), ("Brussels", "Europe/Brussels", 50.85, 4.35),
    ("Milan", "Europe/Rome", 45.46, 9.19), ("Rome", "Europe/Rome", 41.90, 12.50),
    ("Madrid", "Europe/Madrid", 40.42, -3.70), ("Barcelona", "Europe/Madrid", 41.39, 2.17),
    ("Prague", "Europe/Prague", 50.08, 14.44), ("Warsaw", "Europe/Warsaw", 52.23, 21.01),
    ("Budapest", "Europe/Budapest", 47.50, 19.04), ("Moscow", "Europe/Moscow", 55.75, 37.62),
    ("Stockholm", "Europe/Stockholm", 59.33, 18.07), ("Helsinki", "Europe/Helsinki", 60.17, 24.94),
    ("Tokyo", "Asia/Tokyo", 35.68, 139.69), ("Osaka", "Asia/Tokyo", 34.69, 135.50),
    ("Seoul", "Asia/Seoul", 37.57, 126.98), ("Beijing", "Asia/Shanghai", 39.90, 116.40),
    ("Shanghai", "Asia/Shanghai", 31.23, 121.47), ("Singapore", "Asia/Singapore", 1.35, 103.82),
    ("Hong Kong", "Asia/Hong_Kong", 22.32, 114.17), ("Taipei", "Asia/Taipei", 25.03, 121.57),
    ("New York", "America/New_York", 40.71, -74.0), ("Boston", "America/New_York", 42.36, -71.06),
    ("Chicago", "America/Chicago", 41.88, -87.63), ("Los Angeles", "America/Los_Angeles", 34.05,
    -118.24), ("San Francisco", "America/Los_Angeles", 37.77, -122.42),
    ("Toronto", "America/Toronto", 43.65, -79.38),
]  # fmt: skip


def setup_django(home: str) -> None:
    os.environ["CADENZA_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def season(artists: int, per_artist: int, seed: int = 17) -> dict[str, list[Any]]:
    """The rows of a made-up season (unsaved, with their ids), per_artist commitments each."""
    from cadenza.engagements import travel
    from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
    from cadenza.engagements.models import Engagement, Hold, Performance, State
    from cadenza.people.models import Agent
    from cadenza.places.models import Place

    rng = random.Random(seed)
    rows: dict[str, list[Any]] = {k: [] for k in ("places", "agents", "engagements", "shows",
                                                  "calls", "holds", "legs", "away")}  # fmt: skip
    cities = []
    for n, (name, tz, lat, lon) in enumerate(CITIES, start=1):
        city = Place(pk=n, name=name, kind=Place.Kind.CITY, timezone=tz, latitude=lat,
                     longitude=lon)  # fmt: skip
        cities.append(city)
    halls = [
        Place(pk=1000 + i, name=f"{c.name} Hall {i % 5 + 1}", kind=Place.Kind.HALL, parent=c)
        for i, c in enumerate(c for c in cities for _ in range(5))
    ]
    rows["places"] = cities + halls
    presenter = Agent(pk=1, name="Festival Society", kind=Agent.Kind.ORGANISATION)
    rows["agents"].append(presenter)
    ids = iter(range(1, 10**9))
    for a in range(artists):
        artist = Agent(pk=100 + a, name=f"Artist {a}", kind=Agent.Kind.PERSON)
        rows["agents"].append(artist)
        day, made, where = date(2027, 1, 3) + timedelta(days=rng.randrange(5)), 0, None
        while made < per_artist:
            hall = rng.choice(halls)
            zone = ZoneInfo(hall.parent.timezone)
            kind = rng.random()
            if kind < 0.06:  # a day or two away
                starts = datetime.combine(day, datetime.min.time(), tzinfo=zone).astimezone(UTC)
                rows["away"].append(Unavailability(pk=next(ids), artist=artist, starts_at=starts,
                    ends_at=starts + timedelta(days=rng.choice((1, 2))), all_day=True,
                    reason="Away"))  # fmt: skip
                made += 1
            elif kind < 0.14:  # a held day
                e = Engagement(pk=next(ids), artist=artist, presenter=presenter, venue=hall,
                               title=f"Hold {a}-{made}", state=State.HOLD)  # fmt: skip
                rows["engagements"].append(e)
                rows["holds"].append(Hold(pk=next(ids), engagement=e, artist=artist, date=day,
                                          rank=1))  # fmt: skip
                made += 1
            else:
                clause = rng.random() < 0.1
                e = Engagement(pk=next(ids), artist=artist, presenter=presenter, venue=hall,
                               title=f"Concert {a}-{made}", state=State.CONFIRMED,
                               radius_km=100 if clause else None,
                               radius_days=14 if clause else None)  # fmt: skip
                rows["engagements"].append(e)
                # In UTC, as the database gives them back (comparing times of one zone is
                # quicker than of two, so this matters to the timing).
                starts = datetime(day.year, day.month, day.day, 19, 30, tzinfo=zone).astimezone(UTC)
                timed = rng.random() > 0.1
                rows["shows"].append(Performance(pk=next(ids), engagement=e, date=day,
                    starts_at=starts if timed else None,
                    ends_at=starts + timedelta(hours=2) if timed else None))  # fmt: skip
                made += 1
                if rng.random() > 0.05 and made < per_artist:
                    call = starts - timedelta(hours=rng.choice((3, 9, 27)))
                    rows["calls"].append(ScheduleItem(pk=next(ids), engagement=e,
                        kind=ScheduleItem.Kind.ORCHESTRA, day=call.astimezone(zone).date(),
                        starts_at=call, ends_at=call + timedelta(hours=2)))  # fmt: skip
                    made += 1
                moved = where is not None and where.parent != hall.parent
                if moved and made < per_artist and rng.random() < 0.4:
                    a_pt = travel.Point(float(where.parent.latitude),
                                        float(where.parent.longitude), "UTC")  # fmt: skip
                    b_pt = travel.Point(float(hall.parent.latitude),
                                        float(hall.parent.longitude), "UTC")  # fmt: skip
                    arrives = starts - timedelta(hours=rng.choice((40, 50, 60)))
                    departs = arrives - travel.door_to_door(a_pt, b_pt)
                    if departs < arrives:
                        rows["legs"].append(TravelLeg(pk=next(ids), artist=artist,
                            mode="air", origin=where.parent, destination=hall.parent,
                            departs_at=departs, arrives_at=arrives))  # fmt: skip
                        made += 1
                where = hall
            day += timedelta(days=rng.choice((3, 4, 5, 6, 7, 9, 12)))
    return rows


def commitments_of(rows: dict[str, list[Any]]) -> list[Any]:
    """The season as `commitments.commitments()` would read it, built in memory."""
    from cadenza.engagements.commitments import Commitment, local_day, performance_extent

    found = []
    for show in rows["shows"]:
        e = show.engagement
        starts, ends = performance_extent(show, e.venue)
        found.append(Commitment(e.artist_id, "performance", e.title, starts, ends, e.venue, e,
                                approximate=show.starts_at is None, record=show))  # fmt: skip
    for call in rows["calls"]:
        e = call.engagement
        found.append(Commitment(e.artist_id, "rehearsal", f"{call}: {e.title}", call.starts_at,
                                call.ends_at, e.venue, e, record=call))  # fmt: skip
    for hold in rows["holds"]:
        e = hold.engagement
        starts, ends = local_day(hold.date, e.venue)
        found.append(Commitment(e.artist_id, "hold", f"[Hold {hold.rank}] {e.title}", starts,
                                ends, e.venue, e, approximate=True, record=hold))  # fmt: skip
    for leg in rows["legs"]:
        found.append(Commitment(leg.artist_id, "travel", f"Air {leg.origin} → {leg.destination}",
                                leg.departs_at, leg.arrives_at, leg.destination,
                                origin=leg.origin, record=leg))  # fmt: skip
    for span in rows["away"]:
        found.append(Commitment(span.artist_id, "unavailable", str(span), span.starts_at,
                                span.ends_at, None, approximate=True, record=span))  # fmt: skip
    return found


def naive(items: list[Any]) -> list[Any]:
    """Every pair judged: all pairs of an artist's commitments, all pairs of performances
    in all halls, and for each commitment every earlier one scanned for the last to end."""
    from collections import defaultdict

    from cadenza.engagements.conflict_rules import Judge, keep, order

    judge = Judge()
    found = []
    mine: dict[int, list[Any]] = defaultdict(list)
    for c in items:
        mine[c.artist_id].append(c)
    for cs in mine.values():
        cs.sort(key=order)
        for i, a in enumerate(cs):
            for b in cs[i + 1 :]:
                found += [h for h in (judge.overlap(a, b),) if h is not None]
            for b in cs:
                if a.kind == b.kind == "performance":
                    found += [h for h in (judge.radius(a, b),) if h is not None]
        placed = [c for c in cs if c.kind != "unavailable" and judge.point(c.place) is not None]
        for i, y in enumerate(placed):
            if i:
                prev = max(range(i), key=lambda j: (placed[j].ends, j))
                found += [h for h in (judge.move(placed[prev], y),) if h is not None]
            if y.kind == "performance":
                rehearsals = [
                    r for r in cs if r.kind == "rehearsal" and r.engagement is y.engagement
                ]
                found += [h for h in (judge.rehearsal(y, rehearsals),) if h is not None]
    shows = [c for c in items if c.kind == "performance"]
    for i, a in enumerate(shows):
        for b in shows[i + 1 :]:
            if a.place.pk == b.place.pk:
                found += [h for h in (judge.hall(a, b), judge.hall(b, a)) if h is not None]
    return keep(found)


CPU: list[float] = []  # the process's CPU time of each timed run: a busy machine inflates wall time


def timed(run: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    CPU.clear()
    for _ in range(runs):
        began, cpu = time.perf_counter(), time.process_time()
        result = run()
        times.append((time.perf_counter() - began) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
    return times, result


def database(rows: dict[str, list[Any]], runs: int) -> tuple[list[float], int, int]:
    """The season saved to the (fresh) database, then `problems()` read from it."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cadenza.engagements.calendar_models import ScheduleItem, TravelLeg, Unavailability
    from cadenza.engagements.conflicts import problems
    from cadenza.engagements.models import Engagement, Hold, Performance
    from cadenza.people.models import Agent
    from cadenza.places.models import Place

    call_command("migrate", verbosity=0)
    Place.objects.bulk_create([p for p in rows["places"] if p.parent is None])
    Place.objects.bulk_create([p for p in rows["places"] if p.parent is not None])
    for model, key in ((Agent, "agents"), (Engagement, "engagements"), (Performance, "shows"),
                       (ScheduleItem, "calls"), (Hold, "holds"), (TravelLeg, "legs"),
                       (Unavailability, "away")):  # fmt: skip
        model.objects.bulk_create(rows[key], batch_size=2000)
    every = dict(start=date(2027, 1, 1), end=date(2028, 12, 31))
    problems(**every)  # warm up
    times, found = timed(lambda: problems(**every), runs)
    with CaptureQueriesContext(connection) as captured:
        problems(**every)
    return times, len(found), len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artists", type=int, default=200)
    parser.add_argument("--per-artist", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-database", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        setup_django(home)
        from cadenza.engagements.conflicts import find

        rows = season(args.artists, args.per_artist)
        items = commitments_of(rows)
        print(f"{len(items)} commitments, {args.artists} artists", flush=True)
        quick_ms, quick = timed(lambda: find(items), args.runs)
        quick_cpu = statistics.median(CPU)
        naive_ms, slow = timed(lambda: naive(items), max(1, args.runs // 3))
        naive_cpu = statistics.median(CPU)
        assert quick == slow, "the quick and the naive check disagree"
        kinds: dict[str, int] = {}
        for p in quick:
            kinds[p.kind] = kinds.get(p.kind, 0) + 1
        print(f"problems: {len(quick)} {dict(sorted(kinds.items()))}; "
              f"{sum(p.on_hold for p in quick)} with a hold")  # fmt: skip
        q, n = statistics.median(quick_ms), statistics.median(naive_ms)
        verdict = "ok" if q <= GOAL_MS else "OVER"
        print(f"quick: median {q:.1f} ms, best {min(quick_ms):.1f} ms ({verdict}: goal ≤ "
              f"{GOAL_MS:.0f} ms)")  # fmt: skip
        print(f"naive: median {n:.0f} ms\nratio naive/quick: {n / q:.0f}×")
        print(f"CPU time, medians: quick {quick_cpu:.1f} ms, naive {naive_cpu:.0f} ms")
        if not args.no_database:
            db_ms, count, queries = database(rows, args.runs)
            print(f"problems() from SQLite: median {statistics.median(db_ms):.0f} ms "
                  f"(CPU {statistics.median(CPU):.0f} ms), "
                  f"{count} problems, {queries} queries")  # fmt: skip


if __name__ == "__main__":
    main()
