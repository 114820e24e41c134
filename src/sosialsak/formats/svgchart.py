"""Accessible charts as server-side SVG (no JavaScript, no library, nothing inline the CSP
refuses): a bar chart and a line chart. Each SVG has ``role="img"``, a ``<title>`` and a
``<desc>`` (the text alternative) tied to it by ``aria-labelledby``; the page shows the same
numbers in a data table beside it. Colours are presentation attributes, not style, and meet
3:1 against white; the lines differ by dash as well as by colour.

Every text is escaped here, so the result may be put into a page as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 56
COLOURS = ("#0b4f8a", "#a1111b", "#145c2e", "#8a4b00")
DASHES = ("", "6 4", "2 3", "10 3 2 3")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _nice_max(value: float) -> float:
    """A round top for the axis (1, 2, 2.5 or 5 times a power of ten) at or above ``value``."""
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= value:
            return float(m * step)
    return float(10 * step)


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0") if value == int(value) else f"{value:.1f}"


def _frame(ident: str, title: str, desc: str, body: list[str], top: float,
           labels: Sequence[str], x_of: list[float]) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    grid = []
    for i in range(5):
        v = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        grid.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                    f'stroke="#c6c6c6" stroke-width="1"/>'
                    f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                    f'fill="#4a4a4a">{escape(_fmt(v))}</text>')
    every = max(1, len(labels) // 12)  # at most about a dozen labels under the axis
    ticks = [f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
             f'font-size="11" fill="#4a4a4a">{escape(lab)}</text>'
             for i, (lab, x) in enumerate(zip(labels, x_of, strict=True)) if i % every == 0]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{ident}-t {ident}-d" '
            f'focusable="false"><title id="{ident}-t">{escape(title)}</title>'
            f'<desc id="{ident}-d">{escape(desc)}</desc>{"".join(grid)}{"".join(body)}'
            f'{"".join(ticks)}</svg>')


def bar_chart(*, ident: str, title: str, desc: str, labels: Sequence[str],
              values: Sequence[float | None]) -> str:
    """One bar per label; a missing value (None) leaves a gap."""
    top = _nice_max(max([v for v in values if v is not None], default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    xs = [LEFT + slot * (i + 0.5) for i in range(len(labels))]
    body = []
    for x, v in zip(xs, values, strict=True):
        if v is None:
            continue
        h = plot_h * v / top
        body.append(f'<rect x="{x - slot * 0.35:.1f}" y="{TOP + plot_h - h:.1f}" '
                    f'width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{COLOURS[0]}"/>')
    return _frame(ident, title, desc, body, top, labels, xs)


def line_chart(*, ident: str, title: str, desc: str, labels: Sequence[str],
               series: Sequence[Series]) -> str:
    """One line per series over the labels, with a legend; None breaks a line."""
    top = _nice_max(max([v for s in series for v in s.values if v is not None], default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)
    xs = [LEFT + step * i for i in range(len(labels))]
    body = []
    for n, s in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        runs: list[list[str]] = [[]]
        for x, v in zip(xs, s.values, strict=True):
            if v is None:
                runs.append([])
                continue
            runs[-1].append(f"{x:.1f},{TOP + plot_h - plot_h * v / top:.1f}")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body += [f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" '
                 f'stroke-width="2.5"{dash_attr}/>' for r in runs if r]
        ly = HEIGHT - 18
        lx = LEFT + n * 190
        body.append(f'<line x1="{lx}" x2="{lx + 28}" y1="{ly}" y2="{ly}" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/><text x="{lx + 34}" y="{ly + 4}" '
                    f'font-size="12" fill="#1b1b1b">{escape(s.name)}</text>')
    return _frame(ident, title, desc, body, top, labels, xs)
