"""Small server-rendered SVG charts: a bar chart for timelines, a dot chart for figures by year.

No JavaScript and no library. Every chart comes with a text alternative (a visually hidden
table of the same data) because an SVG drawing alone says nothing to a screen reader. Every
label passes through `escape`, so a name such as `<R&D>` is text, never markup.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 480, 200
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 58, 14, 30, 42
PLOT_WIDTH = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
PLOT_HEIGHT = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
MAX_X_LABELS = 8
INK, MUTED, RULE, ACCENT = "#1d1d1f", "#5a5a60", "#dedad0", "#8a1c1c"
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString
    table: SafeString
    count: int  # data points drawn; 0 means there was nothing to chart

    def __html__(self) -> SafeString:
        return mark_safe(self.svg + self.table)

    def __str__(self) -> str:
        return self.__html__()


@dataclass(frozen=True)
class Dot:
    x: int
    y: Decimal | float | int
    label: str = ""


def compact_number(value: float) -> str:
    """`2443000000000` -> `2.44tn`, `120000` -> `120k`, `25.1` -> `25.1`."""
    magnitude = abs(value)
    for threshold, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if magnitude >= threshold:
            return f"{value / threshold:.3g}{suffix}"
    return f"{value:.3g}"


def nice_ticks(maximum: float, *, whole: bool = False, count: int = 4) -> list[float]:
    """Evenly spaced round ticks from 0 to at least `maximum`."""
    if maximum <= 0:
        return [0, 1]
    rough = maximum / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    if whole:
        step = max(1, math.ceil(step))
    steps = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 10) for i in range(steps + 1)]


def _svg(chart_id: str, title: str, description: str, body: str) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-desc" {}>'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        mark_safe(FONT),
        chart_id,
        title,
        chart_id,
        description,
        mark_safe(body),
    )


def _table(title: str, headings: tuple[str, str], rows: Iterable[tuple[str, str]]) -> SafeString:
    body = "".join(format_html('<tr><th scope="row">{}</th><td>{}</td></tr>', *row) for row in rows)
    return format_html(
        # The wrapper hides it: a table ignores the 1px width `visually-hidden` sets.
        '<div class="visually-hidden"><table><caption>{}</caption><thead><tr>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
        "<tbody>{}</tbody></table></div>",
        title,
        *headings,
        mark_safe(body),
    )


def _empty(chart_id: str, title: str) -> Chart:
    body = format_html(
        '<text x="{}" y="{}" text-anchor="middle" fill="{}">No data to chart</text>',
        WIDTH // 2,
        HEIGHT // 2,
        MUTED,
    )
    return Chart(title, _svg(chart_id, title, "No data.", body), SafeString(""), 0)


def _y_axis(ticks: list[float], y_of, axis_label: str, fmt) -> str:
    parts = []
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                MARGIN_LEFT,
                WIDTH - MARGIN_RIGHT,
                f"{y:.1f}",
                f"{y:.1f}",
                RULE,
                MARGIN_LEFT - 6,
                f"{y + 4:.1f}",
                MUTED,
                fmt(tick),
            )
        )
    # The axis names its unit above the ticks, newspaper style, rather than sideways.
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="start" fill="{}">{}</text>',
            4,
            MARGIN_TOP - 14,
            MUTED,
            axis_label,
        )
    )
    return "".join(parts)


def _x_label(x: float, text: str) -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
        f"{x:.1f}",
        MARGIN_TOP + PLOT_HEIGHT + 18,
        INK,
        text,
    )


def bar_chart(
    bars: Sequence[tuple[str, int]],
    *,
    title: str,
    value_label: str,
    category_label: str = "Period",
    chart_id: str = "chart",
) -> Chart:
    """One bar per (label, count), in the order given; labels thinned when there are many."""
    if not bars:
        return _empty(chart_id, title)
    ticks = nice_ticks(max(count for _, count in bars), whole=True)
    top = ticks[-1]

    def y_of(value: float) -> float:
        return MARGIN_TOP + PLOT_HEIGHT * (1 - value / top)

    slot = PLOT_WIDTH / len(bars)
    bar_width = max(1.0, min(slot * 0.7, 48))
    label_every = math.ceil(len(bars) / MAX_X_LABELS)
    parts = [_y_axis(ticks, y_of, value_label, lambda tick: f"{tick:,.0f}")]  # whole ticks
    for index, (label, count) in enumerate(bars):
        centre = MARGIN_LEFT + slot * (index + 0.5)
        y = y_of(count)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                f"{centre - bar_width / 2:.1f}",
                f"{y:.1f}",
                f"{bar_width:.1f}",
                f"{MARGIN_TOP + PLOT_HEIGHT - y:.1f}",
                ACCENT,
                label,
                f"{count:,}",
            )
        )
        if index % label_every == 0:
            parts.append(_x_label(centre, label))
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
            MARGIN_LEFT + PLOT_WIDTH // 2,
            HEIGHT - 4,
            MUTED,
            category_label,
        )
    )
    busiest_label, busiest = max(bars, key=lambda bar: bar[1])
    total = sum(count for _, count in bars)
    description = (
        f"{total:,} {value_label.lower()} from {bars[0][0]} to {bars[-1][0]}; "
        f"the most, {busiest:,}, in {busiest_label}."
    )
    table = _table(title, (category_label, value_label), ((lbl, f"{n:,}") for lbl, n in bars))
    return Chart(title, _svg(chart_id, title, description, "".join(parts)), table, len(bars))


def dot_chart(
    dots: Sequence[Dot],
    *,
    title: str,
    value_label: str,
    chart_id: str = "chart",
) -> Chart:
    """Values by year; joined by a line only when each year has one value (a true series)."""
    if not dots:
        return _empty(chart_id, title)
    dots = sorted(dots, key=lambda dot: (dot.x, float(dot.y)))
    first, last = dots[0].x, dots[-1].x
    if first == last:
        first, last = first - 1, last + 1
    ticks = nice_ticks(max(float(dot.y) for dot in dots))
    top = ticks[-1]

    def x_of(year: int) -> float:
        return MARGIN_LEFT + 16 + (PLOT_WIDTH - 32) * (year - first) / (last - first)

    def y_of(value: float) -> float:
        return MARGIN_TOP + PLOT_HEIGHT * (1 - value / top)

    parts = [_y_axis(ticks, y_of, value_label, compact_number)]
    year_step = math.ceil((last - first + 1) / MAX_X_LABELS)
    parts.extend(_x_label(x_of(year), str(year)) for year in range(first, last + 1, year_step))
    years = [dot.x for dot in dots]
    if len(dots) > 1 and len(set(years)) == len(years):
        points = " ".join(f"{x_of(dot.x):.1f},{y_of(float(dot.y)):.1f}" for dot in dots)
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5"/>',
                points,
                ACCENT,
            )
        )
    for dot in dots:
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="4" fill="{}" fill-opacity="0.8">'
                "<title>{}: {}{}</title></circle>",
                f"{x_of(dot.x):.1f}",
                f"{y_of(float(dot.y)):.1f}",
                ACCENT,
                dot.x,
                compact_number(float(dot.y)),
                f" — {dot.label}" if dot.label else "",
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" fill="{}">Year</text>',
            MARGIN_LEFT + PLOT_WIDTH // 2,
            HEIGHT - 4,
            MUTED,
        )
    )
    low = min(dots, key=lambda dot: float(dot.y))
    high = max(dots, key=lambda dot: float(dot.y))
    description = (
        f"{len(dots)} figures in {value_label} from {dots[0].x} to {dots[-1].x}, "
        f"from {compact_number(float(low.y))} ({low.x}) to {compact_number(float(high.y))} "
        f"({high.x})."
    )
    rows = (
        (str(dot.x), f"{compact_number(float(dot.y))}{f' — {dot.label}' if dot.label else ''}")
        for dot in dots
    )
    table = _table(title, ("Year", value_label), rows)
    return Chart(title, _svg(chart_id, title, description, "".join(parts)), table, len(dots))


def timeline_bars(
    month_counts: Iterable[tuple[int, int, int]],
) -> tuple[list[tuple[str, int]], str]:
    """(year, month, count) rows -> bars per year, or per month when all fall in one year.

    Gaps are filled with zeros so the bars' spacing is the passage of time.
    """
    counts = {(year, month): n for year, month, n in month_counts if year and month}
    if not counts:
        return [], "Year"
    years = sorted({year for year, _ in counts})
    if len(years) == 1:
        year = years[0]
        months = [month for _, month in counts]
        return [
            (calendar.month_abbr[month], counts.get((year, month), 0))
            for month in range(min(months), max(months) + 1)
        ], f"Month of {year}"
    per_year = {year: 0 for year in range(years[0], years[-1] + 1)}
    for (year, _), n in counts.items():
        per_year[year] += n
    return [(str(year), n) for year, n in per_year.items()], "Year"
