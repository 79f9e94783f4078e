"""Random realistic season planning instances from a seed, in the README's JSON format.

Real halls in real cities with their coordinates and IANA zones (two halls in some cities,
so local legs occur; Mumbai for a half-hour offset), seasons that cross the changes of
daylight saving (Europe's last Sundays of March and October, North America's second Sunday
of March and first of November, none in Moscow or Asia), 1–4 dates per offer, rehearsal
days 0–2, some required offers, radius clauses and unavailable ranges.

    generate(seed)                        # 2–6 offers in a season of four to seven weeks
    generate(seed, offers=100, days=273)  # the benchmark's nine months
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from tests.planning.checker import Rules

SMALL = 10  # up to this many offers, required ones are drawn freely (some never fit)
README_TRAVEL = {"overhead_hours": 4, "speed_kmh": 750, "hours_per_day": 10, "local_km": 50,
                 "cost_per_km": 0.25, "jetlag_hours_per_rest_day": 6}  # fmt: skip

# (hall, city, lat, lon, zone)
HALLS = [
    ("Musikverein", "Vienna", 48.2006, 16.3726, "Europe/Vienna"),
    ("Konzerthaus", "Vienna", 48.2012, 16.3783, "Europe/Vienna"),
    ("Großes Festspielhaus", "Salzburg", 47.7985, 13.0408, "Europe/Vienna"),
    ("Berliner Philharmonie", "Berlin", 52.5099, 13.3699, "Europe/Berlin"),
    ("Konzerthaus Berlin", "Berlin", 52.5136, 13.3918, "Europe/Berlin"),
    ("Elbphilharmonie", "Hamburg", 53.5413, 9.9841, "Europe/Berlin"),
    ("Gewandhaus", "Leipzig", 51.3384, 12.3808, "Europe/Berlin"),
    ("Musik- und Kongresshalle", "Lübeck", 53.8700, 10.6850, "Europe/Berlin"),
    ("KKL Luzern", "Lucerne", 47.0502, 8.3115, "Europe/Zurich"),
    ("Salle des Combins", "Verbier", 46.0961, 7.2286, "Europe/Zurich"),
    ("Tonhalle", "Zurich", 47.3656, 8.5369, "Europe/Zurich"),
    ("Philharmonie de Paris", "Paris", 48.8919, 2.3940, "Europe/Paris"),
    ("Grand Théâtre de Provence", "Aix-en-Provence", 43.5240, 5.4386, "Europe/Paris"),
    ("Royal Albert Hall", "London", 51.5009, -0.1774, "Europe/London"),
    ("Wigmore Hall", "London", 51.5166, -0.1493, "Europe/London"),
    ("Usher Hall", "Edinburgh", 55.9469, -3.2050, "Europe/London"),
    ("Concertgebouw", "Amsterdam", 52.3563, 4.8791, "Europe/Amsterdam"),
    ("Teatro alla Scala", "Milan", 45.4674, 9.1895, "Europe/Rome"),
    ("Palau de la Música Catalana", "Barcelona", 41.3875, 2.1753, "Europe/Madrid"),
    ("Rudolfinum", "Prague", 50.0900, 14.4155, "Europe/Prague"),
    ("Helsinki Music Centre", "Helsinki", 60.1740, 24.9340, "Europe/Helsinki"),
    ("Mariinsky Concert Hall", "Saint Petersburg", 59.9270, 30.2960, "Europe/Moscow"),
    ("Tchaikovsky Concert Hall", "Moscow", 55.7700, 37.5950, "Europe/Moscow"),
    ("Great Hall of the Conservatory", "Moscow", 55.7566, 37.6043, "Europe/Moscow"),
    ("Suntory Hall", "Tokyo", 35.6680, 139.7410, "Asia/Tokyo"),
    ("Tokyo Opera City Concert Hall", "Tokyo", 35.6830, 139.6870, "Asia/Tokyo"),
    ("Sapporo Concert Hall Kitara", "Sapporo", 43.0480, 141.3480, "Asia/Tokyo"),
    ("Seoul Arts Center", "Seoul", 37.4786, 127.0117, "Asia/Seoul"),
    ("Shanghai Symphony Hall", "Shanghai", 31.2106, 121.4500, "Asia/Shanghai"),
    ("Esplanade Concert Hall", "Singapore", 1.2897, 103.8555, "Asia/Singapore"),
    ("Jamshed Bhabha Theatre", "Mumbai", 18.9256, 72.8206, "Asia/Kolkata"),
    ("Carnegie Hall", "New York", 40.7651, -73.9799, "America/New_York"),
    ("David Geffen Hall", "New York", 40.7725, -73.9835, "America/New_York"),
]
HOMES = [
    ("Moscow", 55.7558, 37.6173, "Europe/Moscow"),
    ("New York", 40.7128, -74.0060, "America/New_York"),
    ("Berlin", 52.5200, 13.4050, "Europe/Berlin"),
    ("Tokyo", 35.6762, 139.6503, "Asia/Tokyo"),
]
# Seasons that hold a change of clocks: spring (US 2nd Sunday of March, EU last Sunday) and
# autumn (EU last Sunday of October, US 1st Sunday of November).
SEASON_STARTS = [date(2027, 3, 1), date(2027, 3, 10), date(2027, 10, 12), date(2028, 3, 6)]


def generate(seed: int, offers: int | None = None, *, days: int | None = None) -> dict[str, Any]:
    rng = random.Random(seed)
    count = offers if offers is not None else rng.randint(2, 6)
    length = days if days is not None else rng.randint(28, 49)
    start = rng.choice(SEASON_STARTS)
    if days is not None and days > 120:
        start = date(2027, 2, 1)  # nine months cross both changes of clocks
    end = start + timedelta(days=length - 1)
    home_name, home_lat, home_lon, home_tz = rng.choice(HOMES)
    unavailable = []
    for _ in range(rng.randint(0, 1 + length // 60)):
        lo = start + timedelta(days=rng.randrange(length))
        unavailable.append((lo, lo + timedelta(days=rng.randint(0, 4))))
    # Small instances draw from a few halls, so clauses and local legs meet; large from all.
    pool = rng.sample(HALLS, min(len(HALLS), max(4, count + 2)))
    result = []
    for n in range(count):
        hall, city, lat, lon, tz = rng.choice(pool)
        k = rng.randint(1, 4)
        # Dates may sit at the season's first days, where rehearsals would start before it.
        chosen = sorted({start + timedelta(days=rng.randrange(length)) for _ in range(k)})
        offer: dict[str, Any] = {
            "id": f"{city.lower().replace(' ', '-')}-{n}",
            "venue": hall,
            "city": city,
            "lat": lat,
            "lon": lon,
            "tz": tz,
            "dates": [d.isoformat() for d in chosen],
            "fee": rng.randrange(3000, 40001, 500),
            "rehearsal_days": rng.randint(0, 2),
        }
        if count <= SMALL and rng.random() < 0.12:
            offer["required"] = True
        if rng.random() < 0.25:
            offer["radius"] = {"km": rng.choice([100, 300, 800, 1500]), "days": rng.randint(5, 30)}
        result.append(offer)
    instance = {
        "season": {"start": start.isoformat(), "end": end.isoformat()},
        "home": {"name": home_name, "lat": home_lat, "lon": home_lon, "tz": home_tz},
        "travel": {
            "overhead_hours": rng.choice([2, 3, 4, 5]),
            "speed_kmh": rng.choice([600, 750, 900]),
            "hours_per_day": rng.choice([8, 10, 12]),
            "local_km": rng.choice([30, 50, 100]),
            "cost_per_km": rng.choice([0.1, 0.25, 0.5, 1.0, 2.5]),
            # Small divisors make an hour of daylight saving change the rest days.
            "jetlag_hours_per_rest_day": rng.choice([1, 2, 3, 6]),
        },
        "limits": {"max_performances_per_7_days": rng.randint(1, 4)},
        "unavailable": [{"from": lo.isoformat(), "to": hi.isoformat()} for lo, hi in unavailable],
        "offers": result,
    }
    if count > SMALL:
        # A large season keeps the README's travel model, as a manager's would.
        instance["travel"] = dict(README_TRAVEL)
        instance["limits"] = {"max_performances_per_7_days": 3}
        _contract_some(instance, rng, count // 25)
    return instance


def _contract_some(instance: dict[str, Any], rng: random.Random, wanted: int) -> None:
    """Mark up to `wanted` offers required, only while the required ones fit together, so a
    large instance is never infeasible by chance."""
    placed: list[tuple[str, date]] = []
    offers = list(instance["offers"])
    rng.shuffle(offers)
    for offer in offers:
        if len(placed) == wanted:
            break
        rules = Rules(instance)
        for day in offer["dates"]:
            trial = [*placed, (offer["id"], date.fromisoformat(day))]
            if rules.feasible(trial, partial=True):
                offer["required"] = True
                placed = trial
                break
