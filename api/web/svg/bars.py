"""A small server-side SVG chart: side-by-side bars per row (e.g. sessions planned vs aired)."""

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from api.web.svg.chart import COLOURS, _nice_max

WIDTH, HEIGHT = 900, 420
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 50, 120


def paired_bars(
    title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]], unit: str
) -> str:
    """SVG text: for each label a group of bars, one per series, with axis and legend."""
    names = list(series)
    top = _nice_max(max((v for values in series.values() for v in values), default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(labels))
    bar = max(1.0, slot * 0.8 / max(1, len(names)))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:.0f}" y="22" text-anchor="middle" font-size="15">'
        f"{escape(title)}</text>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        'stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333"/>',
        f'<text x="14" y="{TOP + plot_h / 2:.0f}" transform="rotate(-90 14 {TOP + plot_h / 2:.0f})"'
        f' text-anchor="middle">{escape(unit)}</text>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>'
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
    for index, label in enumerate(labels):
        x0 = LEFT + slot * index + slot * 0.1
        for colour, name in enumerate(names):
            value = series[name][index]
            height = plot_h * value / top
            x = x0 + bar * colour
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{COLOURS[colour % len(COLOURS)]}">'
                f"<title>{escape(label)} — {escape(name)}: {value:g} {escape(unit)}</title></rect>"
            )
        middle, label_y = x0 + bar * len(names) / 2, TOP + plot_h + 12
        parts.append(
            f'<text x="{middle:.1f}" y="{label_y}" text-anchor="end" '
            f'transform="rotate(-50 {middle:.1f} {label_y})">{escape(label[:30])}</text>'
        )
    for colour, name in enumerate(names):
        x = LEFT + 200 * colour
        parts.append(
            f'<rect x="{x}" y="{HEIGHT - 19}" width="10" height="10" '
            f'fill="{COLOURS[colour % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="{HEIGHT - 10}">{escape(name)}</text>'
        )
    if not labels:
        parts.append(
            f'<text x="{WIDTH / 2:.0f}" y="{TOP + plot_h / 2:.0f}" text-anchor="middle">'
            "Không có đài nào trực thuộc</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
