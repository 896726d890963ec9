"""Lunar dates written in notices and plans (mùng 4 Tết, rằm tháng Giêng, 15/8 âm lịch)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from playlists.lunar import lunar_to_solar

_MONTH_NAMES = {"giêng": 1, "chạp": 12, "một": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6}
_MONTH_NAMES |= {"bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12}
_MONTH = r"(?P<month>\d{1,2}|giêng|chạp|mười một|mười hai|một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
_DAY = r"(?P<day>\d{1,2})"
_PATTERNS = (
    # mùng 4 Tết, mồng 1 Tết: days of the first lunar month
    re.compile(r"\b(?:mùng|mồng)\s+" + _DAY + r"\s+tết\b"),
    # rằm tháng Giêng, rằm tháng 7 (âm lịch)
    re.compile(r"\brằm\s+tháng\s+" + _MONTH + r"\b"),
    # ngày 15/8 âm lịch, 10/3 ÂL
    re.compile(r"\b" + _DAY + r"\s*/\s*(?P<month>\d{1,2})\s*\(?\s*(?:âm\s+lịch|âl)\b"),
    # ngày 23 tháng Chạp, mùng 10 tháng Giêng, 15 tháng 8 âm lịch
    re.compile(
        r"\b(?:ngày\s+|mùng\s+|mồng\s+)?" + _DAY + r"\s+tháng\s+(?P<named>giêng|chạp)\b"
        r"|\b(?:ngày\s+|mùng\s+|mồng\s+)?(?P<day2>\d{1,2})\s+tháng\s+(?P<month2>\d{1,2})"
        r"\s*\(?\s*(?:âm\s+lịch|âl)\b"
    ),
)


@dataclass(frozen=True)
class LunarDay:
    """A day of the lunar calendar, without its year."""

    month: int
    day: int


def _value(match: re.Match[str], name: str) -> str | None:
    """A named group of the match, if the pattern has it and it matched."""
    return match.groupdict().get(name)


def _lunar_day(match: re.Match[str]) -> LunarDay | None:
    """The lunar day a pattern match names, if the numbers are a real month and day."""
    day = _value(match, "day") or _value(match, "day2")
    month_text = _value(match, "month") or _value(match, "named") or _value(match, "month2")
    if month_text is None:  # mùng N Tết
        month_text = "1"
    month = int(month_text) if month_text.isdigit() else _MONTH_NAMES[month_text]
    number = 15 if day is None else int(day)  # rằm = day 15
    if 1 <= month <= 12 and 1 <= number <= 30:
        return LunarDay(month, number)
    return None


def find_lunar_day(text: str) -> LunarDay | None:
    """The first lunar date written in text (mùng 4 Tết → 1/4, rằm tháng Giêng → 1/15)."""
    lowered = unicodedata.normalize("NFC", text).lower()
    found = [(match.start(), match) for pattern in _PATTERNS for match in pattern.finditer(lowered)]
    for _, match in sorted(found, key=lambda item: item[0]):
        lunar = _lunar_day(match)
        if lunar is not None:
            return lunar
    return None


def solar_date_in(text: str, year: int) -> dt.date | None:
    """Solar date of the first lunar date written in text, in the lunar year starting in year."""
    lunar = find_lunar_day(text)
    return None if lunar is None else lunar_to_solar(year, lunar.month, lunar.day)
