"""SVG rendering of a waveform picture: a mirrored filled shape, markers and a time axis.

One viewBox unit is one bucket, so the picture scales to any width (``<img style="width:100%">``).
Colours are neutral greys that read on light and dark pages; a ``prefers-color-scheme`` rule
lightens them on dark pages. Text (labels, title) is escaped; control characters are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final
from xml.sax.saxutils import escape

from audio.waveform import Picture

LABEL_H: Final = 16  # band above the wave for marker labels (only when there are markers)
WAVE_H: Final = 80
AXIS_H: Final = 18
CHAR_W: Final = 6.0  # approximate width of one label character at font-size 10
TICK_STEPS: Final = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)
STYLE: Final = (
    ".wave{fill:#64748b}.mid{stroke:#64748b;stroke-width:.5}"
    ".axis,.tick line{stroke:#94a3b8;stroke-width:.5}text{fill:#64748b}"
    ".marker line{stroke:#b45309;stroke-width:1}"
    ".ph{fill:#94a3b8;fill-opacity:.18;stroke:#94a3b8;stroke-dasharray:3 2}"
    "@media (prefers-color-scheme:dark){.wave{fill:#cbd5e1}text{fill:#cbd5e1}"
    ".mid{stroke:#cbd5e1}.marker line{stroke:#f59e0b}}"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) of a number of seconds."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _text(value: str) -> str:
    return escape(_CONTROL.sub("", value))


def tick_step(duration_s: float, width: int) -> int:
    """Seconds between axis ticks: the smallest round step giving at most width/70 ticks."""
    max_ticks = max(2, width // 70)
    for step in TICK_STEPS:
        if duration_s / step <= max_ticks:
            return step
    return TICK_STEPS[-1]


def _wave(peaks: Sequence[tuple[float, float]], top: float) -> str:
    """One polygon: the max of each bucket left to right, then its min right to left."""
    half = WAVE_H / 2
    mid = top + half
    upper = [f"{i + 0.5:g},{mid - max(0.0, hi) * half:.1f}" for i, (_lo, hi) in enumerate(peaks)]
    lower = [f"{i + 0.5:g},{mid - min(0.0, lo) * half:.1f}" for i, (lo, _hi) in enumerate(peaks)][
        ::-1
    ]
    return f'<polygon class="wave" points="{" ".join(upper + lower)}"/>'


def _x(seconds: float, duration_s: float, width: int) -> float:
    return seconds / duration_s * width if duration_s > 0 else 0.0


def _markers(picture: Picture, width: int, bottom: float) -> list[str]:
    """A vertical line per marker, its label cut to the room before the next marker."""
    out = []
    xs = [_x(offset, picture.duration_s, width) for offset, _label in picture.markers]
    for index, ((offset, label), x) in enumerate(zip(picture.markers, xs, strict=True)):
        room = (xs[index + 1] if index + 1 < len(xs) else width) - x - 4
        chars = int(room / CHAR_W)
        shown = label if len(label) <= chars else label[: max(0, chars - 1)] + "…"
        text = (
            f'<text x="{x + 2:.1f}" y="{LABEL_H - 4}">{_text(shown)}</text>'
            if chars >= 2 and label
            else ""
        )
        out.append(
            f'<g class="marker"><title>{clock(offset)} {_text(label)}</title>'
            f'<line x1="{x:.1f}" y1="{LABEL_H - 14}" x2="{x:.1f}" y2="{bottom}"/>{text}</g>'
        )
    return out


def _axis(duration_s: float, width: int, top: float) -> list[str]:
    """A baseline with a tick and an m:ss label every round step."""
    out = [f'<line class="axis" x1="0" y1="{top}" x2="{width}" y2="{top}"/>']
    if duration_s <= 0:
        return out
    step = tick_step(duration_s, width)
    for index in range(int(duration_s // step) + 1):
        x = _x(index * step, duration_s, width)
        anchor = "start" if index == 0 else ("end" if x > width - 20 else "middle")
        out.append(
            f'<g class="tick"><line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + 4}"/>'
            f'<text x="{x:.1f}" y="{top + 14}" text-anchor="{anchor}">'
            f"{clock(index * step)}</text></g>"
        )
    return out


def render_svg(picture: Picture, *, title: str) -> str:
    """The picture as a standalone SVG document (UTF-8 text) with an accessible title."""
    width = max(1, len(picture.peaks))
    label_h = LABEL_H if picture.markers else 0
    top, height = label_h, label_h + WAVE_H + AXIS_H
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="wf-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="10">',
        f'<title id="wf-title">{_text(title)}</title>',
        f"<desc>Dạng sóng, thời lượng {clock(picture.duration_s)}</desc>",
        f"<style>{STYLE}</style>",
    ]
    for start, end in picture.placeholders:
        x0, x1 = _x(start, picture.duration_s, width), _x(end, picture.duration_s, width)
        parts.append(
            f'<rect class="ph" x="{x0:.1f}" y="{top + 4}" width="{max(0.5, x1 - x0):.1f}" '
            f'height="{WAVE_H - 8}"><title>Chưa có âm thanh</title></rect>'
        )
    mid = top + WAVE_H / 2
    parts.append(f'<line class="mid" x1="0" y1="{mid:g}" x2="{width}" y2="{mid:g}"/>')
    parts.append(_wave(picture.peaks, top))
    parts += _markers(picture, width, top + WAVE_H)
    parts += _axis(picture.duration_s, width, top + WAVE_H)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
