"""Lunar dates written in notices and plans (mùng 4 Tết, rằm tháng Giêng, 15/8 âm lịch)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from playlists.lunar import lunar_to_solar

LUNAR_MONTH_NAMES = {"giêng": 1, "chạp": 12, "một": 11, "hai": 2, "ba": 3, "tư": 4, "năm": 5}
LUNAR_MONTH_NAMES |= {"sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
LUNAR_MONTH_NAMES |= {"mười một": 11, "mười hai": 12}
"""Lunar months by name after 'tháng': Giêng is the first, Một (11) and Chạp (12) the last."""
_NAMED = r"mười một|mười hai|giêng|chạp|một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười"
_MONTH = rf"(?P<month>\d{{1,2}}|{_NAMED})"
_DAY = r"(?P<day>\d{1,2})"
_LEAP = r"(?P<leap>\s+nhuận)?"
_MARK = r"\s*\(?\s*(?:âm\s+lịch|âl)\b"
_PREFIX = r"(?:ngày\s+|mùng\s+|mồng\s+)?"
_PATTERNS = (
    # mùng 4 Tết, mồng 1 Tết Nguyên đán: days of the first lunar month
    re.compile(r"\b(?:mùng|mồng)\s+" + _DAY + r"\s+tết\b"),
    # rằm tháng Giêng, rằm tháng 7 (âm lịch), rằm tháng Tư nhuận
    re.compile(r"\brằm\s+tháng\s+" + _MONTH + _LEAP + r"\b"),
    # ngày 15/8 âm lịch, 10/3 ÂL, 14/8/2022 âm lịch
    re.compile(
        r"\b" + _DAY + r"\s*/\s*(?P<month>\d{1,2})(?:\s*/\s*(?P<year>\d{4}))?" + _LEAP + _MARK
    ),
    # ngày 23 tháng Chạp, mùng 10 tháng Giêng (lunar by their names alone)
    re.compile(r"\b" + _PREFIX + _DAY + r"\s+tháng\s+(?P<month>giêng|chạp)" + _LEAP + r"\b"),
    # mùng 5 tháng Năm, mồng 2 tháng Một: 'mùng' with a month's name
    re.compile(r"\b(?:mùng|mồng)\s+" + _DAY + rf"\s+tháng\s+(?P<month>{_NAMED})" + _LEAP + r"\b"),
    # 15 tháng 8 âm lịch, ngày 10 tháng 4 nhuận (âm lịch)
    re.compile(
        r"\b" + _PREFIX + _DAY + r"\s+tháng\s+" + _MONTH + r"(?:\s+nhuận(?P<leap>)(?:" + _MARK
        + r")?\b|" + _MARK + r")"
    ),
)  # fmt: skip


@dataclass(frozen=True)
class LunarDay:
    """A day of the lunar calendar, without its year."""

    month: int
    day: int
    leap: bool = False


@dataclass(frozen=True)
class LunarMention:
    """A lunar date as written: the day, where it stands in the text and its year if written."""

    lunar: LunarDay
    start: int
    end: int
    year: int | None = None


def _lunar_day(match: re.Match[str]) -> LunarDay | None:
    """The lunar day a pattern match names, if the numbers are a real month and day."""
    groups = match.groupdict()
    month_text = groups.get("month") or "1"  # mùng N Tết: the first month
    month = int(month_text) if month_text.isdigit() else LUNAR_MONTH_NAMES[month_text]
    number = 15 if groups.get("day") is None else int(groups["day"])  # rằm = day 15
    if 1 <= month <= 12 and 1 <= number <= 30:
        return LunarDay(month, number, groups.get("leap") is not None)
    return None


def find_lunar(text: str) -> LunarMention | None:
    """The first lunar date written in text, with its place in the (NFC) text."""
    lowered = unicodedata.normalize("NFC", text).lower()
    found = [match for pattern in _PATTERNS for match in pattern.finditer(lowered)]
    for match in sorted(found, key=lambda item: item.start()):
        lunar = _lunar_day(match)
        if lunar is not None:
            year = match.groupdict().get("year")
            return LunarMention(lunar, match.start(), match.end(), int(year) if year else None)
    return None


def find_lunar_day(text: str) -> LunarDay | None:
    """The first lunar date written in text (mùng 4 Tết → 1/4, rằm tháng Giêng → 1/15)."""
    mention = find_lunar(text)
    return None if mention is None else mention.lunar


def solar_date_in(text: str, year: int) -> dt.date | None:
    """Solar date of the first lunar date written in text, in the lunar year starting in year."""
    lunar = find_lunar_day(text)
    if lunar is None:
        return None
    return lunar_to_solar(year, lunar.month, lunar.day, lunar.leap)
