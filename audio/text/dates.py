"""Readings of days, months, dates, month/year and clock times."""

from __future__ import annotations

from audio.text.numbers import read_cardinal

MONTHS = (
    "",
    "một",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
)


def read_day(day: int, mung: bool = True) -> str:
    """Day of the month: 1–10 take 'mùng' (mùng mười), later days are plain cardinals."""
    spoken = read_cardinal(day)
    return f"mùng {spoken}" if mung and day <= 10 else spoken


def read_month(month: int) -> str:
    """Month number as said after 'tháng' (4 → tư, 1 → một)."""
    return MONTHS[month]


def read_year(year: int) -> str:
    """'năm' followed by the full year."""
    return f"năm {read_cardinal(year)}"


def read_date(day: int, month: int, year: int | None = None, mung: bool = True) -> str:
    """DD/MM[/YYYY] → mùng ba tháng hai năm hai nghìn không trăm hai mươi."""
    spoken = f"{read_day(day, mung)} tháng {read_month(month)}"
    return f"{spoken} {read_year(year)}" if year is not None else spoken


def read_day_range(first: int, last: int, month: int, year: int | None, mung: bool) -> str:
    """DD-DD/MM[/YYYY] → mùng năm đến mùng bảy tháng sáu …"""
    return f"{read_day(first, mung)} đến {read_date(last, month, year)}"


def read_month_year(month: int, year: int, say_thang: bool = True) -> str:
    """MM/YYYY → tháng mười hai năm hai nghìn không trăm mười chín."""
    spoken = f"{read_month(month)} {read_year(year)}"
    return f"tháng {spoken}" if say_thang else spoken


def read_month_range(first: int, last: int, year: int, say_thang: bool = True) -> str:
    """MM-MM/YYYY → tháng ba đến tháng năm năm …"""
    spoken = f"{read_month(first)} đến tháng {read_month_year(last, year, False)}"
    return f"tháng {spoken}" if say_thang else spoken


def read_time(hour: int, minute: int) -> str:
    """Clock time: 20h30 → hai mươi giờ ba mươi phút; 6h00 → sáu giờ."""
    spoken = f"{read_cardinal(hour)} giờ"
    return f"{spoken} {read_cardinal(minute)} phút" if minute else spoken
