"""A season planning instance (../shared/planning/README.md, "Input"), read and checked.

`load_instance` refuses a file that breaks the format with an `InstanceError` naming the
file, the field's JSON path (`offers[3].tz`) and what was expected, so a manager can fix
the file; nothing past it sees an unchecked value.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cadenza.engagements.travel import zone


class InstanceError(ValueError):
    """The instance breaks the format; the message names the file, field and expectation."""


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    tz: str


@dataclass(frozen=True)
class Travel:
    overhead_hours: float
    speed_kmh: float
    hours_per_day: float
    local_km: float
    cost_per_km: float
    jetlag_hours_per_rest_day: float


@dataclass(frozen=True)
class Offer:
    id: str
    venue: str
    city: str
    lat: float
    lon: float
    tz: str
    dates: tuple[date, ...]
    fee: Decimal
    rehearsal_days: int
    required: bool = False
    radius_km: float | None = None
    radius_days: int | None = None


@dataclass(frozen=True)
class Instance:
    season_start: date
    season_end: date
    home: Place
    travel: Travel
    max_performances_per_7_days: int
    unavailable: tuple[tuple[date, date], ...]
    offers: tuple[Offer, ...]

    def offer(self, offer_id: str) -> Offer:
        return next(o for o in self.offers if o.id == offer_id)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Reader:
    """Typed reads of one JSON value at a path; every refusal names the path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, expected: str) -> InstanceError:
        where = f"{self.source}: " if self.source else ""
        return InstanceError(f"{where}{path}: {expected}")

    def obj(
        self, value: Any, path: str, keys: set[str], optional: frozenset[str] = frozenset()
    ) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, found {_kind(value)}.")
        for key in sorted(keys - set(value)):
            raise self.fail(_join(path, key), "missing: this field is required.")
        for key in sorted(set(value) - keys - optional):
            raise self.fail(_join(path, key), "unknown field (the format has no such key).")
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"expected a non-empty string, found {_kind(value)}.")
        return value

    def number(self, value: Any, path: str, *, minimum: float = 0, above: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise self.fail(path, f"expected a number, found {_kind(value)}.")
        if math.isinf(value) or value < minimum or (above and value == minimum):
            bound = "above" if above else "at least"
            raise self.fail(path, f"expected a number {bound} {minimum:g}, found {value!r}.")
        return float(value)

    def integer(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"expected a whole number, found {_kind(value)}.")
        if value < 0:
            raise self.fail(path, f"expected a whole number of at least 0, found {value}.")
        return value

    def day(self, value: Any, path: str) -> date:
        if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
            raise self.fail(path, f"expected a date as YYYY-MM-DD, found {value!r}.")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(path, f"{value!r} is not a calendar date.") from None

    def tz(self, value: Any, path: str) -> str:
        name = self.text(value, path)
        try:
            zone(name)
        except ValueError as error:
            raise self.fail(path, str(error)) from None
        return name

    def coordinates(self, value: dict, path: str) -> tuple[float, float]:
        lat = self.number(value["lat"], _join(path, "lat"), minimum=-90)
        lon = self.number(value["lon"], _join(path, "lon"), minimum=-180)
        if lat > 90:
            raise self.fail(_join(path, "lat"), f"expected a latitude from -90 to 90, found {lat}.")
        if lon > 180:
            raise self.fail(_join(path, "lon"), f"expected a longitude to 180, found {lon}.")
        return lat, lon

    def fee(self, value: Any, path: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, f"expected a number, found {_kind(value)}.")
        try:
            fee = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(path, f"expected a number, found {value!r}.") from None
        if not fee.is_finite() or fee < 0:
            raise self.fail(path, f"expected a fee of at least 0, found {value!r}.")
        return fee


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({json.dumps(value)})"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return "a list" if isinstance(value, list) else "an object"


def load_instance(data: dict | str | Path) -> Instance:
    """The instance in `data` (parsed JSON, JSON text, or a file's path), checked."""
    source = ""
    if isinstance(data, Path) or (isinstance(data, str) and not data.lstrip().startswith("{")):
        source = str(data)
        try:
            text = Path(data).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InstanceError(f"{source}: cannot read the file ({error}).") from None
    else:
        text = data if isinstance(data, str) else ""
    if text:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            where = f"{source}: " if source else ""
            raise InstanceError(
                f"{where}not JSON at line {error.lineno}, column {error.colno}: {error.msg}."
            ) from None
    return _instance(_Reader(source), data)


def _instance(read: _Reader, data: Any) -> Instance:
    keys = {"season", "home", "travel", "limits", "unavailable", "offers"}
    root = read.obj(data, "", keys)
    season = read.obj(root["season"], "season", {"start", "end"})
    start = read.day(season["start"], "season.start")
    end = read.day(season["end"], "season.end")
    if end < start:
        raise read.fail("season.end", f"expected a day on or after season.start ({start}).")
    home = read.obj(root["home"], "home", {"name", "lat", "lon", "tz"})
    lat, lon = read.coordinates(home, "home")
    place = Place(read.text(home["name"], "home.name"), lat, lon, read.tz(home["tz"], "home.tz"))
    return Instance(
        season_start=start,
        season_end=end,
        home=place,
        travel=_travel(read, root["travel"]),
        max_performances_per_7_days=_limit(read, root["limits"]),
        unavailable=_unavailable(read, root["unavailable"]),
        offers=_offers(read, root["offers"]),
    )


def _travel(read: _Reader, value: Any) -> Travel:
    names = ("overhead_hours", "speed_kmh", "hours_per_day", "local_km", "cost_per_km")
    travel = read.obj(value, "travel", {*names, "jetlag_hours_per_rest_day"})
    above = {"speed_kmh", "hours_per_day", "jetlag_hours_per_rest_day"}
    figures = {
        name: read.number(travel[name], f"travel.{name}", above=name in above)
        for name in (*names, "jetlag_hours_per_rest_day")
    }
    return Travel(**figures)


def _limit(read: _Reader, value: Any) -> int:
    limits = read.obj(value, "limits", {"max_performances_per_7_days"})
    return read.integer(limits["max_performances_per_7_days"], "limits.max_performances_per_7_days")


def _unavailable(read: _Reader, value: Any) -> tuple[tuple[date, date], ...]:
    if not isinstance(value, list):
        raise read.fail("unavailable", f"expected a list, found {_kind(value)}.")
    ranges = []
    for i, item in enumerate(value):
        path = f"unavailable[{i}]"
        span = read.obj(item, path, {"from", "to"})
        first, last = read.day(span["from"], f"{path}.from"), read.day(span["to"], f"{path}.to")
        if last < first:
            raise read.fail(f"{path}.to", f"expected a day on or after {path}.from ({first}).")
        ranges.append((first, last))
    return tuple(ranges)


def _offers(read: _Reader, value: Any) -> tuple[Offer, ...]:
    if not isinstance(value, list):
        raise read.fail("offers", f"expected a list, found {_kind(value)}.")
    offers: list[Offer] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        offer = _offer(read, item, f"offers[{i}]")
        if offer.id in seen:
            raise read.fail(
                f"offers[{i}].id", f"duplicate id {offer.id!r} (also offers[{seen[offer.id]}])."
            )
        seen[offer.id] = i
        offers.append(offer)
    return tuple(offers)


def _offer(read: _Reader, value: Any, path: str) -> Offer:
    keys = {"id", "venue", "city", "lat", "lon", "tz", "dates", "fee", "rehearsal_days"}
    item = read.obj(value, path, keys, optional=frozenset({"required", "radius"}))
    lat, lon = read.coordinates(item, path)
    dates = item["dates"]
    if not isinstance(dates, list) or not dates:
        raise read.fail(
            f"{path}.dates", f"expected a non-empty list of dates, found {_kind(dates)}."
        )
    days: list[date] = []
    for j, raw in enumerate(dates):
        day = read.day(raw, f"{path}.dates[{j}]")
        if day in days:
            raise read.fail(f"{path}.dates[{j}]", f"duplicate date {day}.")
        days.append(day)
    required = item.get("required", False)
    if not isinstance(required, bool):
        raise read.fail(f"{path}.required", f"expected true or false, found {_kind(required)}.")
    radius_km: float | None = None
    radius_days: int | None = None
    if item.get("radius") is not None:
        radius = read.obj(item["radius"], f"{path}.radius", {"km", "days"})
        radius_km = read.number(radius["km"], f"{path}.radius.km")
        radius_days = read.integer(radius["days"], f"{path}.radius.days")
    return Offer(
        id=read.text(item["id"], f"{path}.id"),
        venue=read.text(item["venue"], f"{path}.venue"),
        city=read.text(item["city"], f"{path}.city"),
        lat=lat,
        lon=lon,
        tz=read.tz(item["tz"], f"{path}.tz"),
        dates=tuple(days),
        fee=read.fee(item["fee"], f"{path}.fee"),
        rehearsal_days=read.integer(item["rehearsal_days"], f"{path}.rehearsal_days"),
        required=required,
        radius_km=radius_km,
        radius_days=radius_days,
    )
