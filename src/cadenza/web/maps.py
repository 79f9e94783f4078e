"""A world map drawn on the server as SVG: the countries' outlines from the countryinfo
package (Natural Earth shapes as GeoJSON, installed with the app, nothing fetched at run
time), in the Equal Earth projection, with places marked on it as points.

The outline is projected once per process; a page only adds its points."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe

WIDTH = 800
# Equal Earth spans 2.7066 × 1.3174 radians on a unit sphere: the height keeps its ratio.
_HALF_X = 2.70663
_HALF_Y = 1.31738
SCALE = WIDTH / (2 * _HALF_X)
# Antarctica holds no concert halls and would take a fifth of the height.
_LEFT_OUT = {"ATA"}
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson and Jenny, 2018): x, y in the map's viewBox."""
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * math.radians(lon)
        * math.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return round((x + _HALF_X) * SCALE, 1), round((_HALF_Y - y) * SCALE, 1)


# The map stops at 58° S (Cape Horn is at 56°).
HEIGHT = math.ceil(project(-58, 0)[1])


def _rings(geometry: dict) -> Iterator[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


@cache
def _country_data() -> list[dict]:
    folder = resources.files("countryinfo") / "data"
    return [
        json.loads(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    ]


def _countries() -> Iterator[dict]:
    for country in _country_data():
        shape = country.get("geoJSON")
        if shape:
            yield from shape.get("features", [])


@cache
def world_outline() -> SafeString:
    """The countries as one SVG path, whole pixels, points that land on the same pixel
    dropped (a tenth of the size of the raw shapes, and invisible at this scale). Only
    numbers and path letters: safe as it is, so 45 kB are not escaped on every page."""
    parts: list[str] = []
    for feature in _countries():
        if feature.get("id") in _LEFT_OUT:
            continue
        for ring in _rings(feature["geometry"]):
            points: list[tuple[int, int]] = []
            for lon, lat in ring:
                x, y = project(lat, lon)
                point = (round(x), round(y))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) < 3:
                continue
            # Relative steps after the first point: short numbers, a third of the bytes.
            steps = [f"{x - px} {y - py}" for (px, py), (x, y) in pairwise(points)]
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class MapPoint:
    label: str
    count: int
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class WorldMap:
    points: list[MapPoint]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def outline(self) -> SafeString:
        return world_outline()


def world_map(places: Iterable[tuple[str, float, float, int]]) -> WorldMap:
    """Points for (label, latitude, longitude, count) rows; rows at the same spot (halls
    of one city) become one point with their counts added, the largest drawn first so
    the small stay visible on top."""
    spots: dict[tuple[float, float], list[tuple[str, int]]] = {}
    for label, lat, lon, count in places:
        spots.setdefault(project(lat, lon), []).append((label, count))
    if not spots:
        return WorldMap([])
    biggest = max(sum(n for _, n in names) for names in spots.values())
    points = []
    for (x, y), names in spots.items():
        total = sum(n for _, n in names)
        names.sort(key=lambda pair: (-pair[1], pair[0]))
        label = "; ".join(f"{name} ({n})" for name, n in names[:3])
        if len(names) > 3:
            label += f" and {len(names) - 3} more"
        # Area, not radius, grows with the count.
        points.append(MapPoint(label, total, x, y, round(3 + 9 * math.sqrt(total / biggest), 1)))
    points.sort(key=lambda p: (-p.count, p.label, p.x, p.y))
    return WorldMap(points)
