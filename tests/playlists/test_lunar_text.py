"""Lunar dates found in notice text and placed on the solar calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from playlists.lunar_text import LunarDay, find_lunar, find_lunar_day, solar_date_in


@pytest.mark.parametrize(
    ("text", "lunar"),
    [
        ("Chúc mừng năm mới, mùng 4 Tết cơ quan làm việc", LunarDay(1, 4)),
        ("Lễ hội rằm tháng Giêng tại đình làng", LunarDay(1, 15)),
        ("Rằm tháng 7 âm lịch", LunarDay(7, 15)),
        ("Tết Trung thu ngày 15/8 âm lịch", LunarDay(8, 15)),
        ("ngày 10/3 (âm lịch) Giỗ Tổ Hùng Vương", LunarDay(3, 10)),
        ("ngày 23 tháng Chạp tiễn ông Công ông Táo", LunarDay(12, 23)),
        ("mùng 10 tháng Giêng khai hội", LunarDay(1, 10)),
        ("8 tháng 3 Âm lịch hằng năm là ngày Hội làng", LunarDay(3, 8)),
    ],
)
def test_lunar_dates_written_in_notices(text: str, lunar: LunarDay) -> None:
    assert find_lunar_day(text) == lunar


@pytest.mark.parametrize("text", ["ngày 15/8/2025", "tháng 12 năm 2024", "mùng 4 tháng 5"])
def test_solar_dates_are_not_lunar(text: str) -> None:
    assert find_lunar_day(text) is None


def test_solar_dates_of_written_lunar_dates() -> None:
    assert solar_date_in("mùng 4 Tết", 2026) == dt.date(2026, 2, 20)
    assert solar_date_in("rằm tháng Giêng", 2025) == dt.date(2025, 2, 12)
    assert solar_date_in("ngày 15/8 âm lịch", 2025) == dt.date(2025, 10, 6)
    assert solar_date_in("ngày 23 tháng Chạp", 2025) == dt.date(2026, 2, 10)
    assert solar_date_in("Thông báo lịch tiêm chủng", 2025) is None


@pytest.mark.parametrize(
    ("text", "lunar"),
    [
        ("mùng 5 tháng Một", LunarDay(11, 5)),  # tháng Một is the eleventh lunar month
        ("mồng 2 tháng Mười Một", LunarDay(11, 2)),
        ("mùng 3 tháng Mười", LunarDay(10, 3)),
        ("mùng 10 tháng Hai", LunarDay(2, 10)),
        ("rằm tháng Tư nhuận", LunarDay(4, 15, leap=True)),
        ("ngày 10 tháng 4 nhuận", LunarDay(4, 10, leap=True)),
        ("ngày 10 tháng 4 nhuận âm lịch", LunarDay(4, 10, leap=True)),
        ("mồng 1 Tết Nguyên đán", LunarDay(1, 1)),
    ],
)
def test_named_months_and_leap_months(text: str, lunar: LunarDay) -> None:
    assert find_lunar_day(text) == lunar


def test_a_mention_keeps_its_place_and_written_year() -> None:
    text = "Đêm hội ngày 9/9/2022 (tức ngày 14/8/2022 Âm lịch)"
    mention = find_lunar(text)
    assert mention is not None
    assert (mention.lunar, mention.start, mention.year) == (LunarDay(8, 14), text.index("14"), 2022)


def test_a_leap_month_on_the_solar_calendar() -> None:
    assert solar_date_in("rằm tháng 4 nhuận", 2020) == dt.date(2020, 6, 6)
    with pytest.raises(ValueError):
        solar_date_in("rằm tháng 4 nhuận", 2026)
