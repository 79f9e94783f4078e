"""Bar charts drawn on the server as SVG: no script, no per-request library, and the same
numbers as the data table printed under each chart (for screen readers and plain reading)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The viewBox: the SVG scales to the width of the page.
WIDTH = 640
HEIGHT = 160
GAP = 1


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    maximum: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def first(self) -> str:
        return self.bars[0].label if self.bars else ""

    @property
    def last(self) -> str:
        return self.bars[-1].label if self.bars else ""


def bar_chart(rows: Iterable[tuple[int, int]]) -> BarChart:
    """Bars for (year, count) rows, years without any filled in with zero so the gaps show."""
    counts = dict(rows)
    if not counts:
        return BarChart([], 0)
    years = range(min(counts), max(counts) + 1)
    return labelled_chart((str(year), counts.get(year, 0)) for year in years)


def labelled_chart(rows: Iterable[tuple[str, int]]) -> BarChart:
    """Bars for (label, count) rows in the order given (seasons, say)."""
    pairs = list(rows)
    if not pairs:
        return BarChart([], 0)
    maximum = max(value for _, value in pairs)
    step = WIDTH / len(pairs)
    bars = []
    for i, (label, value) in enumerate(pairs):
        height = round(HEIGHT * value / maximum, 2) if maximum else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(i * step, 2),
                y=round(HEIGHT - height, 2),
                width=round(max(step - GAP, 0.5), 2),
                height=height,
            )
        )
    return BarChart(bars, maximum)
