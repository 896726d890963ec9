"""Lunar dates in plans (mùng 4 Tết, rằm tháng Giêng, 15/8 âm lịch) placed on the solar calendar.

A lunar date seldom carries its year. It is placed next to what the plan already dates: the
other end of its window (a start is the last occurrence on or before the end, an end the first
on or after the start), else the plan's issue date (the first occurrence from a month before it).
So '23 tháng Chạp' before 'mùng 10 tháng Giêng' falls in the lunar year before Tết.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from playlists.lunar import lunar_to_solar
from playlists.lunar_text import LunarDay, LunarMention, find_lunar

BEFORE_ISSUE = timedelta(days=30)
"""How long before its issue date a plan may still name a lunar day it means (a late plan)."""
TET = re.compile(r"^(?:ngày\s+)?(?:(?:mùng|mồng)\s+1\s+)?tết\s+nguyên\s+đán\b", re.I)
DAY_ONLY = re.compile(r"^(?:ngày\s+)?(?:mùng\s+|mồng\s+)?(\d{1,2})$", re.I)
# the year right after the date: 'năm 2026', 'Bính Ngọ 2026', 'năm Bính Ngọ 2026'
YEAR = re.compile(r"^\s*(?:năm\s+)?(?:[^\W\d_]+\s+[^\W\d_]+\s+)?(?:năm\s+)?(\d{4})\b", re.I)


@dataclass(frozen=True)
class Placed:
    """A written lunar date's solar day, or why it has none."""

    day: date | None
    problem: str | None = None


def _shift(lunar: LunarDay, months: int) -> LunarDay:
    """The same day a month later or earlier (leap months are not counted)."""
    month = (lunar.month - 1 + months) % 12 + 1
    return LunarDay(month, lunar.day)


def written(expr: str, other: str = "") -> LunarMention | None:
    """The lunar date an expression writes; a bare day ('mùng 10') takes the other end's month."""
    expr = expr.strip()
    mention = find_lunar(expr)
    if mention is None and (tet := TET.match(expr)):
        mention = LunarMention(LunarDay(1, 1), 0, tet.end())  # Tết Nguyên đán: lunar 1/1
    if mention is not None:
        year = mention.year
        if year is None and (found := YEAR.match(expr[mention.end :])):
            year = int(found.group(1))
        return LunarMention(mention.lunar, mention.start, mention.end, year)
    only, theirs = DAY_ONLY.match(expr), written(other) if other else None
    if only is None or theirs is None:
        return None
    return LunarMention(LunarDay(theirs.lunar.month, int(only.group(1))), 0, len(expr))


def is_bare_tet(expr: str) -> bool:
    """'Tết Nguyên đán' named without a day ('mùng 4 Tết' has one)."""
    return find_lunar(expr) is None and TET.match(expr.strip()) is not None


def completed(expr: str, other: str, is_end: bool) -> LunarMention | None:
    """A bare day of a window in its right month: 'từ 23 đến mùng 6 tháng Giêng' is in Chạp."""
    mention = written(expr, other)
    theirs = written(other) if other else None
    if mention is None or theirs is None or find_lunar(expr) or is_bare_tet(expr):
        return mention
    if is_end and mention.lunar.day < theirs.lunar.day:
        return LunarMention(_shift(mention.lunar, 1), mention.start, mention.end, mention.year)
    if not is_end and mention.lunar.day > theirs.lunar.day:
        return LunarMention(_shift(mention.lunar, -1), mention.start, mention.end, mention.year)
    return mention


def _label(lunar: LunarDay, year: int | None = None) -> str:
    leap = " nhuận" if lunar.leap else ""
    when = f" năm {year}" if year is not None else ""
    return f"ngày {lunar.day} tháng {lunar.month}{leap} âm lịch{when}"


def _year(lunar: LunarDay, anchor: date, after: bool) -> int | None:
    """The lunar year whose occurrence of the day lies nearest the anchor on its side."""
    probe = LunarDay(lunar.month, min(lunar.day, 29), lunar.leap)  # day 29 is in every month
    found: list[tuple[date, int]] = []
    for year in range(anchor.year - 3, anchor.year + 3):
        try:
            found.append((lunar_to_solar(year, probe.month, probe.day, probe.leap), year))
        except ValueError:
            continue  # no such leap month that year
    sides = [pair for pair in found if (pair[0] >= anchor if after else pair[0] <= anchor)]
    if not sides:
        return None
    return min(sides)[1] if after else max(sides)[1]


def _has_month(year: int, lunar: LunarDay) -> bool:
    """Whether the lunar year has the month (a leap month is in few years)."""
    try:
        lunar_to_solar(year, lunar.month, 1, lunar.leap)
    except ValueError:
        return False
    return True


def place(mention: LunarMention, anchor: date | None, after: bool = True) -> Placed:
    """The solar day of a written lunar date, its year from the text or from the anchor."""
    lunar = mention.lunar
    year = mention.year
    if year is None and anchor is not None:
        year = _year(lunar, anchor, after)
        if year is None:
            return Placed(None, f"không có {_label(lunar)} gần thời gian của kế hoạch")
    if year is None:
        return Placed(None, f"không rõ {_label(lunar)} thuộc năm nào")
    try:
        return Placed(lunar_to_solar(year, lunar.month, lunar.day, lunar.leap))
    except ValueError:
        why = "tháng này chỉ có 29 ngày" if _has_month(year, lunar) else "năm này không có tháng đó"
        return Placed(None, f"{_label(lunar, year)} không có trên lịch âm: {why}")


def issue_anchor(plan_date: date | None) -> date | None:
    """Where a lunar date with nothing else to go by is looked for: from a month before issue."""
    return plan_date - BEFORE_ISSUE if plan_date is not None else None
