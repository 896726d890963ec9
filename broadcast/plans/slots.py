"""Loudspeaker broadcast times the plan sets: they become proposed session slots."""

import re
from datetime import time

from broadcast.plans.text import Line
from broadcast.plans.types import ProposedSlot

CLOCK = r"(\d{1,2})\s*(?:giờ|h|:|g)\s*(\d{2})?(?:\s*phút)?[’'′]?"
SPAN = re.compile(rf"(?:từ\s+)?{CLOCK}\s*(?:đến|tới|[-–])\s*{CLOCK}", re.I)
# "phát vào 6h30 và 17h00 hằng ngày": times without an end
AT = re.compile(rf"\b(?:vào|lúc)\s+(?:(?:buổi\s+)?(?:sáng|trưa|chiều|tối)\s+)?{CLOCK}", re.I)
MORE = re.compile(rf"^\s*(?:,|và|;)\s*(?:(?:buổi\s+)?(?:sáng|trưa|chiều|tối)\s+)?{CLOCK}", re.I)
BROADCAST = re.compile(
    r"phát thanh|phát sóng|truyền thanh|tiếp sóng|buổi (sáng|trưa|chiều|tối)", re.I
)
ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
WEEKDAY_WORDS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "7": 5, "6": 4}


def _clock(hour: str, minute: str | None) -> time | None:
    h, m = int(hour), int(minute or 0)
    return time(h, m) if 0 <= h <= 23 and 0 <= m <= 59 else None


def _weekdays(text: str, default: tuple[int, ...]) -> tuple[int, ...]:
    low = text.lower()
    if re.search(r"thứ\s+(hai|2)\s+đến\s+thứ\s+(sáu|6)", low):
        return (0, 1, 2, 3, 4)
    if re.search(r"thứ\s+(bảy|7)\s*(,|và)\s*chủ nhật", low):
        return (5, 6)
    if re.search(r"hằng ngày|hàng ngày|mỗi ngày|các ngày trong tuần|tất cả các ngày", low):
        return ALL_DAYS
    return default


def find_slots(lines: list[Line]) -> list[ProposedSlot]:
    """Every 'từ 6 giờ 00 đến 6 giờ 30' span on a line about broadcasting."""
    out: list[ProposedSlot] = []
    context_days = ALL_DAYS
    previous = ""
    for line in lines:
        text = line.text
        if not BROADCAST.search(text) and not BROADCAST.search(previous):
            previous = text or previous
            continue
        days = _weekdays(text, context_days)
        if SPAN.search(text) is None:
            context_days = _weekdays(text, context_days)
        for match in SPAN.finditer(text):
            start = _clock(match.group(1), match.group(2))
            end = _clock(match.group(3), match.group(4))
            if start is not None and (end is None or end > start):
                out.append(ProposedSlot(start, end, days, line.number))
        if SPAN.search(text) is None:
            out.extend(ProposedSlot(at, None, days, line.number) for at in _times(text))
        previous = text or previous
    return out


def _times(text: str) -> list[time]:
    """The times of 'vào 6h30 và 17h00' (each a session start without an end)."""
    found: list[time] = []
    for match in AT.finditer(text):
        clocks = [match]
        rest = text[match.end() :]
        while (more := MORE.match(rest)) is not None:
            clocks.append(more)
            rest = rest[more.end() :]
        found.extend(t for m in clocks if (t := _clock(m.group(1), m.group(2))) is not None)
    return found
