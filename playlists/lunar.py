"""Vietnamese lunar calendar: the solar date of a lunar date (UTC+7, via lunar-vn)."""

from __future__ import annotations

import datetime as dt

from lunar_vn import LunarDate, solar_to_lunar
from lunar_vn import lunar_to_solar as _lunar_to_solar

VIETNAM_UTC_OFFSET = 7.0
"""The Vietnamese calendar places new moons in UTC+7 (the Chinese one in UTC+8)."""


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """Solar date of lunar day/month in the lunar year that starts in solar `year`.

    Raises ValueError for a date the calendar does not have (day 30 of a 29-day month, a leap
    month that year does not have, a year outside 1900–2100).
    """
    lunar = LunarDate(day, month, year, leap)
    solar = _lunar_to_solar(lunar, VIETNAM_UTC_OFFSET)
    if solar_to_lunar(solar, VIETNAM_UTC_OFFSET) != lunar:
        raise ValueError(
            f"lunar date {day}/{month}{' nhuận' if leap else ''}/{year} does not exist"
        )
    return solar


def tet(year: int) -> dt.date:
    """Solar date of Tết Nguyên đán (lunar 1/1) of a year."""
    return lunar_to_solar(year, 1, 1)
