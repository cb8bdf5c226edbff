"""Line charts over days as inline SVG markup, drawn here in Python: no JavaScript library and
no CDN, and only SVG presentation attributes (``stroke=``, ``fill=``), never ``style``, so the
page keeps a CSP without ``unsafe-inline``."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 520, 190
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 28, 40
COLOURS = ["#0b5cad", "#c2410c", "#15803d", "#7c3aed"]


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


def _number(value: float) -> str:
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.3g}"


def percent(value: float) -> str:
    return f"{value:.0%}"


def line_chart(
    *,
    title: str,
    days: Sequence[date],
    series: Sequence[Series],
    ceiling: float | None = None,
    label: Callable[[float], str] = _number,
) -> SafeString:
    """One chart: a line per series over ``days`` (placed by date, so a missing day shows as a
    gap in the dots), a y axis from 0 to ``ceiling`` (default: the largest value), a legend,
    and each point's value as its tooltip. ``None`` values break the line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [v for s in series for v in s.values if v is not None]
    top = ceiling if ceiling is not None else max(values, default=0) or 1
    first, last = (days[0], days[-1]) if days else (date.today(), date.today())
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return LEFT + plot_w * ((day - first).days / span if len(days) > 1 else 0.5)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - min(value, top) / top)

    parts = [
        format_html(
            '<text x="{}" y="16" font-size="13" font-weight="600" fill="#1d2733">{}</text>', LEFT, title
        )
    ]
    for fraction in (0, 0.5, 1):
        level = top * fraction
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d9dee5" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#5b6775">{}</text>',
                LEFT,
                f"{y(level):.1f}",
                WIDTH - RIGHT,
                f"{y(level):.1f}",
                LEFT - 6,
                f"{y(level) + 3:.1f}",
                label(level),
            )
        )
    if days:
        ticks = sorted({first, days[len(days) // 2], last})
        parts.append(
            format_html_join(
                "",
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#5b6775">{}</text>',
                ((f"{x(day):.1f}", HEIGHT - BOTTOM + 14, day.isoformat()) for day in ticks),
            )
        )
    else:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#5b6775">'
                "No figures yet</text>",
                LEFT + plot_w / 2,
                TOP + plot_h / 2,
            )
        )
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        runs, run = [], []
        for day, value in zip(days, one.values, strict=True):
            if value is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x(day), y(value), day, value))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                        " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in points),
                        colour,
                    )
                )
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="2.5" fill="{}"><title>{} {}: {}</title></circle>',
                    (
                        (f"{px:.1f}", f"{py:.1f}", colour, one.label, day.isoformat(), label(value))
                        for px, py, day, value in points
                    ),
                )
            )
        legend_x = LEFT + index * 150
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"/>'
                '<text x="{}" y="{}" font-size="11" fill="#1d2733">{}</text>',
                legend_x,
                HEIGHT - 12,
                legend_x + 16,
                HEIGHT - 12,
                colour,
                legend_x + 20,
                HEIGHT - 8,
                one.label,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="figure-chart" width="{}" height="{}" '
        'viewBox="0 0 {} {}" role="img" aria-label="{}" font-family="system-ui, sans-serif">{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title,
        mark_safe("".join(parts)),  # noqa: S308 (each part built by format_html above)
    )
