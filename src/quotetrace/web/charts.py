"""Geometry for the inline SVG charts: quotations per month, and a story's articles on a
timeline with one lane per outlet. Templates only draw what these compute."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quotetrace.store import MonthCount

__all__ = ["Bar", "BarChart", "Timeline", "TimelinePoint", "monthly_chart", "timeline"]

_LEFT, _BOTTOM, _TOP = 40, 24, 10


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str  # YYYY-MM
    count: int


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    peak: int
    undated: int  # quotations without a publication date, left out of the chart
    baseline: float


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_chart(months: Iterable[MonthCount], width: int = 720, height: int = 180) -> BarChart:
    """One bar per calendar month from the first quotation to the last, empty months included
    (``months`` as ``Store.quotes_per_month`` gives them)."""
    counted: dict[str, int] = {}
    undated = 0
    for entry in months:
        if entry.month:
            counted[entry.month] = counted.get(entry.month, 0) + entry.quotes
        else:
            undated += entry.quotes
    shown = _months(min(counted), max(counted)) if counted else []
    peak = max(counted.values(), default=0)
    plot_width, plot_height = width - _LEFT - 4, height - _BOTTOM - _TOP
    step = plot_width / max(len(shown), 1)
    bars = []
    for index, month in enumerate(shown):
        count = counted.get(month, 0)
        bar_height = plot_height * count / peak if peak else 0
        bars.append(Bar(round(_LEFT + index * step + step * 0.1, 1),
                        round(_TOP + plot_height - bar_height, 1), round(step * 0.8, 1),
                        round(bar_height, 1), month, count))
    return BarChart(width, height, tuple(bars), peak, undated, _TOP + plot_height)


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    x: float
    y: float
    article_id: str
    outlet: str
    published: str | None
    title: str | None
    first: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    lanes: tuple[tuple[str, float], ...]  # (outlet, y)
    points: tuple[TimelinePoint, ...]
    start: str | None
    end: str | None


def _day(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date[:10]) if date else None
    except ValueError:
        return None


def timeline(articles: Sequence[tuple[str, str | None, str | None, str | None]],
             first_article_id: str, width: int = 720, lane_height: int = 28) -> Timeline:
    """``articles`` as (id, outlet, published, title); one lane per outlet in order of its first
    article; undated articles sit at the right edge."""
    lanes: dict[str, float] = {}
    for _, outlet, _, _ in articles:
        lanes.setdefault(outlet or "unknown outlet", _TOP + lane_height * (len(lanes) + 0.5))
    days = [d for d in (_day(p) for _, _, p, _ in articles) if d]
    start, end = (min(days), max(days)) if days else (None, None)
    span = max((end - start).days, 1) if start and end else 1
    left, plot_width = 150, width - 150 - 12
    points = []
    for article_id, outlet, published, title in articles:
        day = _day(published)
        offset = (day - start).days / span if day and start else 1.0
        if start == end and day:
            offset = 0.5
        points.append(TimelinePoint(round(left + plot_width * offset, 1),
                                    lanes[outlet or "unknown outlet"], article_id,
                                    outlet or "unknown outlet", published, title,
                                    article_id == first_article_id))
    height = int(_TOP + lane_height * len(lanes) + _BOTTOM)
    return Timeline(width, height, tuple(lanes.items()), tuple(points),
                    start.isoformat() if start else None, end.isoformat() if end else None)
