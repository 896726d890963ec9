"""Quiet hours: local wall-clock windows in which no normal or priority session may air.

Pure arithmetic on a station's (or later a zone's) local clock: a window ``22:00–05:30``
crosses midnight; a session touching a window's edge does not overlap it. Zones observed by
Vietnamese wards keep no daylight saving time, so a day is 24 hours of wall clock.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import time

DAY_S = 24 * 3600
#: Most windows one station (or zone) may keep.
MAX_WINDOWS = 6


@dataclass(frozen=True)
class QuietWindow:
    """A daily window of local clock time; ``end`` before ``start`` crosses midnight."""

    start: time
    end: time

    def label(self) -> str:
        """The window as "HH:MM–HH:MM"."""
        return f"{self.start.strftime('%H:%M')}–{self.end.strftime('%H:%M')}"


def _seconds(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def parse_clock(text: str) -> time:
    """An "HH:MM" clock string as a time; ValueError names what is wrong."""
    parts = text.split(":") if isinstance(text, str) else []
    if len(parts) != 2 or not all(len(p) == 2 and p.isdigit() for p in parts):
        raise ValueError(f"giờ {text!r} phải có dạng HH:MM")
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59:
        raise ValueError(f"giờ {text!r} không có (00:00 đến 23:59)")
    return time(hour, minute)


def parse_windows(raw: Iterable[dict[str, str]]) -> list[QuietWindow]:
    """Stored ``[{"start": "22:00", "end": "05:30"}, …]`` as windows (invalid entries raise)."""
    return [QuietWindow(parse_clock(w["start"]), parse_clock(w["end"])) for w in raw]


def overlaps(start: time, length_s: float, window: QuietWindow) -> bool:
    """Whether a session starting at ``start`` lasting ``length_s`` airs inside ``window``.

    Both may cross midnight (a session lasts under a day); sharing only an edge (ending
    exactly when the window starts, starting exactly when it ends) is not an overlap. A
    window of equal ends is empty.
    """
    begin = _seconds(start)
    finish = begin + length_s
    w_start, w_end = _seconds(window.start), _seconds(window.end)
    if length_s <= 0 or w_end == w_start:
        return False
    if w_end < w_start:
        w_end += DAY_S
    # The window of the day before, of that day and of the day after: a session is under a day.
    return any(begin < w_end + shift and w_start + shift < finish for shift in (-DAY_S, 0, DAY_S))


def quiet_window_hit(
    start: time, length_s: float, windows: Sequence[QuietWindow]
) -> QuietWindow | None:
    """The first window the session airs inside, or None when it is clear of all."""
    return next((w for w in windows if overlaps(start, length_s, w)), None)
