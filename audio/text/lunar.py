"""Lunar dates as said aloud: months 1 and 12 of the lunar calendar are giêng and chạp."""

from __future__ import annotations

from collections.abc import Sequence

from audio.text.dates import read_day, read_month

LUNAR_MONTHS = {1: "giêng", 12: "chạp"}
"""Lunar month names that differ from the solar ones (tháng Giêng, tháng Chạp)."""
_LUNAR_MARKS = (("âm", "lịch"), ("âl",), ("al",))
_RANGE_FILLERS = frozenset({"#", "ngày", "hết", "mùng", "mồng", "tháng"})


def is_lunar(after: Sequence[str]) -> bool:
    """True when the words after a date say it is lunar (15/8 âm lịch, 10/3 ÂL), also for the
    first date of a range (từ 1/1 đến 15/1 âm lịch)."""
    words = list(after)
    if words[:1] == ["đến"]:
        words = [word for word in words[1:] if word not in _RANGE_FILLERS]
    return any(tuple(words[: len(mark)]) == mark for mark in _LUNAR_MARKS)


def read_lunar_month(month: int) -> str:
    """Lunar month as said after 'tháng' (1 → giêng, 12 → chạp, 8 → tám)."""
    return LUNAR_MONTHS.get(month, read_month(month))


def read_lunar_date(day: int, month: int, mung: bool = True) -> str:
    """DD/MM âm lịch → mùng mười tháng giêng."""
    return f"{read_day(day, mung)} tháng {read_lunar_month(month)}"
