"""Solar dates of lunar dates on the Vietnamese calendar (UTC+7)."""

from __future__ import annotations

import datetime as dt

import pytest

from playlists.lunar import lunar_to_solar, tet


@pytest.mark.parametrize(
    ("year", "solar"),
    [
        (2024, dt.date(2024, 2, 10)),
        (2025, dt.date(2025, 1, 29)),
        (2026, dt.date(2026, 2, 17)),
        (1985, dt.date(1985, 1, 21)),  # China: 1985-02-20
        (2007, dt.date(2007, 2, 17)),  # China: 2007-02-18
    ],
)
def test_tet_on_the_vietnamese_calendar(year: int, solar: dt.date) -> None:
    assert tet(year) == solar


def test_mid_autumn_and_kitchen_gods_and_a_leap_month() -> None:
    assert lunar_to_solar(2025, 8, 15) == dt.date(2025, 10, 6)
    assert lunar_to_solar(2025, 12, 23) == dt.date(2026, 2, 10)
    assert lunar_to_solar(2025, 6, 1, leap=True) == dt.date(2025, 7, 25)


@pytest.mark.parametrize(("month", "day", "leap"), [(2, 30, False), (5, 1, True), (13, 1, False)])
def test_dates_the_calendar_does_not_have_are_refused(month: int, day: int, leap: bool) -> None:
    with pytest.raises(ValueError):
        lunar_to_solar(2025, month, day, leap)


@pytest.mark.parametrize(
    ("lunar", "solar"),
    [
        # Published ward notices for Tết Bính Ngọ (tests/fixtures/notice-examples.tsv, NL01–NL04).
        ((2025, 12, 29), dt.date(2026, 2, 16)),
        ((2026, 1, 4), dt.date(2026, 2, 20)),
        ((2025, 12, 27), dt.date(2026, 2, 14)),
        ((2026, 1, 6), dt.date(2026, 2, 22)),
    ],
)
def test_dates_quoted_in_tet_notices(lunar: tuple[int, int, int], solar: dt.date) -> None:
    assert lunar_to_solar(*lunar) == solar
