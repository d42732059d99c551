"""Server-rendered SVG charts, each with the same figures as a table. No JavaScript.

A chart is data (``Chart``) plus geometry computed here, drawn by
``toolkit/charts/chart.html`` (``{% include "toolkit/charts/chart.html" with chart=... %}``).
The SVG carries a title and a description for screen readers and the table below it holds
every figure, so nothing is only in the picture. Colours come from classes in
``toolkit/css/toolkit.css`` (the strict CSP forbids inline styles), so the charts follow the
site's palette and print in black and white.

We draw our own rather than use a charting library: the ones that render SVG on the server
(pygal, for one) write inline ``<style>`` and ``<script>`` blocks that our CSP refuses, and
three chart shapes are a few dozen lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

WIDTH = 640
HEIGHT = 260
LEFT = 44  # room for the value axis labels
RIGHT = 12
TOP = 14
BOTTOM = 48  # room for the category labels
MAX_AXIS_LABELS = 12  # category labels drawn under the axis (all are in the table)

# Horizontal bars (long category names, e.g. triggers)
HBAR_LABEL_WIDTH = 200
HBAR_ROW = 30


@dataclass(frozen=True)
class Datum:
    label: str  # full label, in the table and the bar's tooltip
    value: float
    display: str = ""  # how the table shows the value (defaults to the number)
    axis_label: str = ""  # shorter label under the axis (defaults to label)

    @property
    def shown(self) -> str:
        if self.display:
            return self.display
        return f"{self.value:g}"

    @property
    def short(self) -> str:
        return self.axis_label or self.label


@dataclass(frozen=True)
class Tick:
    value: float
    y: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    datum: Datum
    label_x: float = 0
    label_y: float = 0
    show_label: bool = True

    @property
    def value_x(self) -> float:
        return round(self.x + self.width + 6, 2)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    datum: Datum
    show_label: bool = True


@dataclass
class Chart:
    """One chart: ``kind`` is "bar" (columns), "hbar" (rows) or "line"."""

    key: str  # unique on the page: used for element ids
    title: str
    summary: str  # one or two sentences saying what the chart shows (its SVG description)
    category_label: str  # the table's first column ("Week of", "Day of the week")
    value_label: str  # the table's second column and the value axis
    data: list[Datum] = field(default_factory=list)
    kind: Literal["bar", "hbar", "line"] = "bar"
    empty_message: str = "Nothing to show yet."

    @property
    def is_empty(self) -> bool:
        return not self.data

    @property
    def max_value(self) -> float:
        return max((d.value for d in self.data), default=0)

    # --- geometry -------------------------------------------------------------------------

    def _scale_top(self) -> tuple[float, float]:
        """The top of the value axis and the step between ticks (whole numbers)."""
        peak = self.max_value
        if peak <= 0:
            return 4, 1
        step = max(1, math.ceil(peak / 4))
        return step * math.ceil(peak / step), step

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def height(self) -> int:
        if self.kind == "hbar":
            return TOP + BOTTOM // 2 + HBAR_ROW * max(1, len(self.data))
        return HEIGHT

    @property
    def plot_bottom(self) -> float:
        return self.height - BOTTOM

    @property
    def plot_left(self) -> float:
        return HBAR_LABEL_WIDTH if self.kind == "hbar" else LEFT

    @property
    def plot_right(self) -> float:
        return WIDTH - RIGHT

    def ticks(self) -> list[Tick]:
        top, step = self._scale_top()
        if self.kind == "hbar":
            return []
        span = self.plot_bottom - TOP
        ticks = []
        value = 0.0
        while value <= top:
            ticks.append(Tick(value, round(self.plot_bottom - span * value / top, 2), f"{value:g}"))
            value += step
        return ticks

    def _label_every(self) -> int:
        return max(1, math.ceil(len(self.data) / MAX_AXIS_LABELS))

    def bars(self) -> list[Bar]:
        if self.kind == "hbar":
            return self._hbars()
        top, _ = self._scale_top()
        count = len(self.data)
        if not count:
            return []
        slot = (self.plot_right - LEFT) / count
        width = max(1.0, slot * 0.7)
        span = self.plot_bottom - TOP
        every = self._label_every()
        bars = []
        for i, datum in enumerate(self.data):
            height = span * datum.value / top
            x = LEFT + slot * i + (slot - width) / 2
            bars.append(
                Bar(
                    x=round(x, 2),
                    y=round(self.plot_bottom - height, 2),
                    width=round(width, 2),
                    height=round(height, 2),
                    datum=datum,
                    label_x=round(x + width / 2, 2),
                    label_y=self.plot_bottom + 18,
                    show_label=i % every == 0,
                )
            )
        return bars

    def _hbars(self) -> list[Bar]:
        peak = self.max_value or 1
        room = self.plot_right - HBAR_LABEL_WIDTH - 40  # leave space for the value
        bars = []
        for i, datum in enumerate(self.data):
            length = room * datum.value / peak
            y = TOP + HBAR_ROW * i
            bars.append(
                Bar(
                    x=HBAR_LABEL_WIDTH,
                    y=y + 4,
                    width=round(length, 2),
                    height=HBAR_ROW - 10,
                    datum=datum,
                    label_x=HBAR_LABEL_WIDTH - 8,
                    label_y=y + HBAR_ROW / 2 + 4,
                )
            )
        return bars

    def points(self) -> list[Point]:
        top, _ = self._scale_top()
        count = len(self.data)
        if not count:
            return []
        span = self.plot_bottom - TOP
        inner = self.plot_right - LEFT - 20
        step = inner / (count - 1) if count > 1 else 0
        every = self._label_every()
        return [
            Point(
                x=round(LEFT + 10 + (step * i if count > 1 else inner / 2), 2),
                y=round(self.plot_bottom - span * datum.value / top, 2),
                datum=datum,
                show_label=i % every == 0,
            )
            for i, datum in enumerate(self.data)
        ]

    def polyline(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points())

    @property
    def label_y(self) -> float:
        return self.plot_bottom + 18

    @property
    def value_axis_x(self) -> float:
        return LEFT - 6
