"""A campaign's timeline as server-side SVG: events, phases with their peak windows, today.

Undated bounds (imported drafts) are drawn open: the bar runs to the edge of the picture with
a dashed outline, so the operator sees at a glance which dates are still to be filled in.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from api.web.labels import PHASE_KIND_LABELS
from broadcast.models import Event, Phase, PhaseKind

WIDTH = 900
LEFT, RIGHT, TOP = 150, 20, 56
ROW, BAR = 30, 16
KIND_COLOURS = {
    PhaseKind.BEFORE: "#2471a3",
    PhaseKind.DURING: "#c0392b",
    PhaseKind.AFTER: "#239b56",
    PhaseKind.GENERAL: "#7d3c98",
}
PEAK_COLOUR = "#f39c12"
TODAY_COLOUR = "#b3261e"
OPEN_MARGIN = 30  # days of room beyond the last date when a bar is open-ended


def _fmt(day: date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else "chưa rõ"


@dataclass(frozen=True)
class Scale:
    """Maps days to x positions over the plot area."""

    first: date
    last: date

    @property
    def plot_width(self) -> float:
        return WIDTH - LEFT - RIGHT

    def x(self, day: date) -> float:
        """The x of the start of a day (clamped to the plot)."""
        span = max(1, (self.last - self.first).days + 1)
        offset = min(max((day - self.first).days, 0), span)
        return LEFT + self.plot_width * offset / span

    def x_end(self, day: date) -> float:
        """The x of the end of a day."""
        return self.x(day + timedelta(days=1))


def _known_dates(events: Sequence[Event], phases: Sequence[Phase]) -> list[date]:
    days: list[date | None] = []
    for event in events:
        days += [event.starts_on, event.ends_on]
    for phase in phases:
        days += [phase.starts_on, phase.ends_on, phase.peak_starts_on, phase.peak_ends_on]
    return [day for day in days if day is not None]


def _month_ticks(scale: Scale) -> list[date]:
    months = (scale.last.year - scale.first.year) * 12 + scale.last.month - scale.first.month
    step = 1 if months <= 14 else 3 if months <= 40 else 12
    tick = date(scale.first.year, scale.first.month, 1)
    ticks: list[date] = []
    while tick <= scale.last:
        if tick >= scale.first and (tick.month - 1) % step == 0:
            ticks.append(tick)
        year, month = divmod(tick.month, 12)
        tick = date(tick.year + year, month + 1, 1)
    return ticks


def _axis(scale: Scale, bottom: float) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{TOP - 6}" x2="{WIDTH - RIGHT}" y2="{TOP - 6}" stroke="#333"/>'
    ]
    for tick in _month_ticks(scale):
        x = scale.x(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 10}" x2="{x:.1f}" y2="{bottom:.0f}" stroke="#e3e6ea"/>'
            f'<text x="{x + 2:.1f}" y="{TOP - 12}" class="tick">{tick.month:02d}/{tick.year}</text>'
        )
    return parts


def _bar(scale: Scale, start: date | None, end: date | None) -> tuple[float, float, bool]:
    """x, width and whether a bound is open (undated) for a window."""
    x0 = scale.x(start) if start else float(LEFT)
    x1 = scale.x_end(end) if end else float(WIDTH - RIGHT)
    return x0, max(2.0, x1 - x0), start is None or end is None


def _events_row(scale: Scale, events: Sequence[Event], y: float) -> list[str]:
    parts = [f'<text x="{LEFT - 8}" y="{y + 12}" text-anchor="end" class="label">Sự kiện</text>']
    for event in events:
        if event.starts_on is None and event.ends_on is None:
            continue
        start = event.starts_on or event.ends_on
        end = event.ends_on or event.starts_on
        assert start is not None and end is not None
        x0, x1 = scale.x(start), scale.x_end(end)
        middle = (x0 + x1) / 2
        tip = f"{event.name} — {_fmt(event.starts_on)} – {_fmt(event.ends_on)}"
        parts.append(
            f'<g class="event" data-event-id="{event.id}"><title>{escape(tip)}</title>'
            f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(3.0, x1 - x0):.1f}" height="12" '
            f'fill="#333"/><path d="M{middle:.1f} {y + 15} l-5 8 h10 z" fill="#333"/></g>'
        )
    return parts


def _phase_row(scale: Scale, phase: Phase, y: float) -> list[str]:
    kind = PhaseKind(phase.kind)
    colour = KIND_COLOURS[kind]
    label = f"{phase.code or '#' + str(phase.id)} · {PHASE_KIND_LABELS[kind]}"
    x, width, open_bound = _bar(scale, phase.starts_on, phase.ends_on)
    dash = ' stroke-dasharray="5 3" fill-opacity="0.35"' if open_bound else ""
    tip = f"{phase.code} {phase.title} — {_fmt(phase.starts_on)} – {_fmt(phase.ends_on)}"
    parts = [
        f'<g class="phase phase-{kind.value}{" open" if open_bound else ""}" '
        f'data-phase-id="{phase.id}" data-code={quoteattr(phase.code)}>',
        f"<title>{escape(tip)}</title>",
        f'<text x="{LEFT - 8}" y="{y + 12}" text-anchor="end" class="label">{escape(label)}</text>',
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" rx="3" fill="{colour}" '
        f'stroke="{colour}" stroke-width="1.5"{dash}/>',
    ]
    if phase.starts_on is None and phase.ends_on is None:
        parts.append(f'<text x="{LEFT + 6}" y="{y + 12}" class="undated">chưa có ngày</text>')
    parts.append("</g>")
    if phase.peak_starts_on or phase.peak_ends_on:
        parts += _peak(scale, phase, y)
    return parts


def _peak(scale: Scale, phase: Phase, y: float) -> list[str]:
    x, width, open_bound = _bar(scale, phase.peak_starts_on, phase.peak_ends_on)
    dash = ' stroke-dasharray="4 2"' if open_bound else ""
    tip = f"Cao điểm {phase.code}: {_fmt(phase.peak_starts_on)} – {_fmt(phase.peak_ends_on)}"
    return [
        f'<g class="peak" data-phase-id="{phase.id}"><title>{escape(tip)}</title>'
        f'<rect x="{x:.1f}" y="{y - 3}" width="{width:.1f}" height="{BAR + 6}" rx="2" '
        f'fill="url(#peak-hatch)" stroke="{PEAK_COLOUR}" stroke-width="2"{dash}/></g>'
    ]


def _today(scale: Scale, today: date, bottom: float) -> list[str]:
    inside = scale.first <= today <= scale.last
    x = scale.x(today) + (scale.x_end(today) - scale.x(today)) / 2 if inside else None
    if x is None:
        edge = "←" if today < scale.first else "→"
        x = float(LEFT if today < scale.first else WIDTH - RIGHT)
        anchor = "start" if today < scale.first else "end"
        text = f"Hôm nay {_fmt(today)} {edge} ngoài khoảng thời gian"
    else:
        anchor, text = "middle", f"Hôm nay {_fmt(today)}"
    dash = "" if inside else ' stroke-dasharray="2 3"'
    return [
        f'<g id="today" data-date="{today.isoformat()}" data-inside="{str(inside).lower()}">',
        f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom:.0f}" '
        f'stroke="{TODAY_COLOUR}" stroke-width="2"{dash}/>',
        f'<text x="{x:.1f}" y="{bottom + 14:.0f}" text-anchor="{anchor}" fill="{TODAY_COLOUR}">'
        f"{escape(text)}</text></g>",
    ]


def _legend(y: float) -> list[str]:
    parts: list[str] = []
    items = [(KIND_COLOURS[k], PHASE_KIND_LABELS[k], "") for k in PhaseKind]
    items += [("url(#peak-hatch)", "Cao điểm", PEAK_COLOUR), ("#fff", "Chưa rõ ngày", "#555")]
    for index, (fill, text, stroke) in enumerate(items):
        x = 10 + 125 * index
        line = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
        if text == "Chưa rõ ngày":
            line += ' stroke-dasharray="4 2"'
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="18" height="12" fill="{fill}"{line}/>'
            f'<text x="{x + 24}" y="{y}">{text}</text>'
        )
    return parts


def campaign_timeline(
    title: str, events: Sequence[Event], phases: Sequence[Phase], today: date
) -> str:
    """SVG text of a campaign: an events row, one row per phase with its peak, a today line."""
    ordered = sorted(phases, key=lambda p: (p.starts_on or p.ends_on or date.max, p.id or 0))
    known = _known_dates(events, phases)
    open_start = any(p.starts_on is None and p.ends_on is not None for p in phases)
    open_end = any(p.ends_on is None and p.starts_on is not None for p in phases)
    first = min(known, default=today) - timedelta(days=OPEN_MARGIN if open_start else 3)
    last = max(known, default=today) + timedelta(days=OPEN_MARGIN if open_end else 3)
    scale = Scale(first, last)
    bottom = TOP + ROW * (len(ordered) + 1)
    height = bottom + 56
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="sans-serif" font-size="11" '
        'role="img" class="timeline">',
        f"<title>{escape(title)}</title>",
        '<defs><pattern id="peak-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fdebd0"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{PEAK_COLOUR}" stroke-width="3"/>'
        "</pattern></defs>",
        "<style>.label{fill:#1d2430}.tick{fill:#5b6575;font-size:10px}"
        ".undated{fill:#5b6575;font-style:italic}</style>",
        f'<text x="{WIDTH / 2:.0f}" y="18" text-anchor="middle" font-size="14">'
        f"{escape(title[:110])}</text>",
    ]
    parts += _axis(scale, bottom)
    parts += _events_row(scale, events, TOP)
    for index, phase in enumerate(ordered, start=1):
        parts += _phase_row(scale, phase, TOP + ROW * index)
    if not known:
        parts.append(
            f'<text x="{WIDTH / 2:.0f}" y="{TOP + 14}" text-anchor="middle">'
            "Chiến dịch chưa có ngày nào</text>"
        )
    parts += _today(scale, today, bottom)
    parts += _legend(height - 10)
    parts.append("</svg>")
    return "\n".join(parts)
