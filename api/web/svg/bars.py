"""A small server-side SVG chart: side-by-side bars per row (e.g. sessions planned vs aired)."""

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from api.web.svg.chart import COLOURS, HEIGHT, LEFT, RIGHT, TOP, WIDTH, axes, nice_max

BOTTOM = 120  # rotated station names under the bars


def paired_bars(
    title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]], unit: str
) -> str:
    """SVG text: for each label a group of bars, one per series, with axis and legend."""
    names = list(series)
    top = nice_max(max((v for values in series.values() for v in values), default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(labels))
    bar = max(1.0, slot * 0.8 / max(1, len(names)))
    parts = axes(title, unit, top, BOTTOM)
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
