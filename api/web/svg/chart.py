"""A small server-side SVG chart: stacked bars of minutes per event per week."""

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

COLOURS = ("#c0392b", "#2471a3", "#239b56", "#b9770e", "#7d3c98", "#17a589", "#5d6d7e")
WIDTH, HEIGHT = 900, 420
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 50, 110


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 10.0
    step = 10.0
    while value > step * 10:
        step *= 10
    return float(int(value / step + 1) * step) if value % step else value


def axes(title: str, unit: str, top: float, bottom: int = BOTTOM) -> list[str]:
    """The opening of a bar chart: the svg element, its title, both axes, grid lines up to `top`
    and the unit of the vertical axis (`bottom`: room left under the plot for labels)."""
    plot_h = HEIGHT - TOP - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:.0f}" y="22" text-anchor="middle" font-size="15">'
        f"{escape(title)}</text>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        'stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333"/>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>'
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
    parts.append(
        f'<text x="14" y="{TOP + plot_h / 2:.0f}" transform="rotate(-90 14 {TOP + plot_h / 2:.0f})"'
        f' text-anchor="middle">{escape(unit)}</text>'
    )
    return parts


def stacked_bars(
    title: str, weeks: Sequence[str], series: Mapping[str, Mapping[str, float]]
) -> str:
    """SVG text: one bar per week, stacked by series (e.g. events), with axis and legend."""
    totals = [sum(s.get(w, 0.0) for s in series.values()) for w in weeks]
    top = nice_max(max(totals, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(weeks))
    bar = max(2.0, slot * 0.7)
    parts = axes(title, "phút", top)
    names = list(series)
    for index, week in enumerate(weeks):
        x = LEFT + slot * index + (slot - bar) / 2
        y: float = TOP + plot_h
        for colour_index, name in enumerate(names):
            minutes = series[name].get(week, 0.0)
            if minutes <= 0:
                continue
            height = plot_h * minutes / top
            y -= height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                f'fill="{COLOURS[colour_index % len(COLOURS)]}">'
                f"<title>{escape(name)} — {escape(week)}: {minutes:.1f} phút</title></rect>"
            )
        label_y = TOP + plot_h + 12
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{label_y}" text-anchor="end" '
            f'transform="rotate(-60 {x + bar / 2:.1f} {label_y})">{escape(week)}</text>'
        )
    for colour_index, name in enumerate(names):
        y = HEIGHT - 40 + 14 * (colour_index % 3)
        x = LEFT + 280 * (colour_index // 3)
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" '
            f'fill="{COLOURS[colour_index % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="{y}">{escape(name[:45])}</text>'
        )
    if not weeks:
        parts.append(
            f'<text x="{WIDTH / 2:.0f}" y="{TOP + plot_h / 2:.0f}" text-anchor="middle">'
            "Chưa có buổi phát nào được xác nhận</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
