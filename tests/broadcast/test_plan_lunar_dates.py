"""Lunar dates in plans (mùng 4 Tết, rằm tháng Giêng, 15/8 âm lịch) become solar windows.

Expected days are checked against the Vietnamese calendar as published: Tết 2025 = 29/1/2025,
Tết 2026 = 17/2/2026, Tết 2027 = 6/2/2027; the new moons of 2026 in UTC+7 (19/1, 17/2, 19/3,
13/8, 11/9) give 23 tháng Chạp Ất Tỵ = 10/2/2026, rằm tháng Giêng = 3/3/2026, 15/2 âm lịch =
2/4/2026, rằm tháng Bảy = 27/8/2026 and Trung thu = 25/9/2026; the leap fourth month of 2020
began on 23/5/2020.
"""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from broadcast import models as m
from broadcast.campaigns import import_plan
from broadcast.plans import parse_plan
from broadcast.plans.dates import parse_range, resolve

FIXTURE = Path(__file__).parents[1] / "fixtures" / "plans" / "ke-hoach-tet-am-lich-2026.txt"


def _days(text: str, issued: date | None) -> tuple[date | None, date | None]:
    window = parse_range(text, issued)
    assert window.start is not None and window.end is not None
    return window.start.day, window.end.day


@pytest.mark.parametrize(
    ("text", "issued", "solar"),
    [
        ("mùng 1 Tết", date(2024, 12, 15), date(2025, 1, 29)),
        ("Tết Nguyên đán", date(2025, 12, 1), date(2026, 2, 17)),
        ("Tết Nguyên đán Đinh Mùi 2027", None, date(2027, 2, 6)),
        ("mùng 4 Tết", date(2026, 1, 5), date(2026, 2, 20)),
        ("rằm tháng Giêng", date(2026, 1, 5), date(2026, 3, 3)),
        ("ngày 15 tháng 8 âm lịch", date(2026, 3, 1), date(2026, 9, 25)),
        ("rằm tháng Bảy", date(2026, 3, 1), date(2026, 8, 27)),
        ("15/2 (âm lịch)", date(2026, 1, 5), date(2026, 4, 2)),
        ("ngày 1 tháng 4 nhuận âm lịch", date(2020, 3, 1), date(2020, 5, 23)),
        ("ngày 14/8/2022 âm lịch", None, date(2022, 9, 9)),
    ],
)
def test_a_lunar_bound_is_a_solar_day(text: str, issued: date | None, solar: date) -> None:
    assert resolve(text, False, issued).day == solar


def test_a_plan_issued_just_after_the_day_still_means_it() -> None:
    """Issued three days after rằm tháng Giêng 2026: that rằm, not next year's."""
    assert resolve("rằm tháng Giêng", False, date(2026, 3, 6)).day == date(2026, 3, 3)
    assert resolve("rằm tháng Giêng", False, date(2026, 5, 1)).day == date(2027, 2, 20)


@pytest.mark.parametrize("issued", [date(2025, 12, 20), date(2026, 1, 5), date(2026, 2, 12)])
def test_tháng_chạp_before_tết_is_in_the_lunar_year_before(issued: date) -> None:
    text = "Từ ngày 23 tháng Chạp đến mùng 10 tháng Giêng"
    assert _days(text, issued) == (date(2026, 2, 10), date(2026, 2, 26))


def test_the_year_boundary_follows_the_other_end_when_the_plan_has_no_date() -> None:
    text = "từ 23 tháng Chạp đến mùng 10 tháng Giêng năm 2026"
    assert _days(text, None) == (date(2026, 2, 10), date(2026, 2, 26))
    assert _days("từ ngày 20/1/2026 đến mùng 4 Tết", None) == (
        date(2026, 1, 20), date(2026, 2, 20)
    )  # fmt: skip
    assert _days("từ mùng 1 Tết đến 28/2/2027", None) == (date(2027, 2, 6), date(2027, 2, 28))


def test_tháng_một_is_the_eleventh_lunar_month() -> None:
    assert _days("từ mùng 1 tháng Một đến 23 tháng Chạp", date(2025, 11, 1)) == (
        date(2025, 12, 20), date(2026, 2, 10)
    )  # fmt: skip


def test_a_bare_day_takes_the_other_ends_month() -> None:
    assert _days("từ mùng 1 đến rằm tháng Giêng", date(2026, 1, 5)) == (
        date(2026, 2, 17), date(2026, 3, 3)
    )  # fmt: skip
    assert _days("từ 23 đến mùng 6 tháng Giêng", date(2026, 1, 5)) == (
        date(2026, 2, 10), date(2026, 2, 22)
    )  # fmt: skip
    assert _days("từ 25 tháng Chạp đến 15/2", date(2026, 1, 5)) == (
        date(2026, 2, 12), date(2026, 2, 15)
    )  # fmt: skip


def test_a_date_the_lunar_calendar_lacks_is_an_open_bound_with_its_reason() -> None:
    missing = resolve("ngày 30 tháng Chạp", False, date(2026, 1, 5))
    assert missing.day is None
    assert missing.open_reason is not None and "chỉ có 29 ngày" in missing.open_reason
    leap = resolve("ngày 10 tháng 4 nhuận âm lịch", False, date(2026, 1, 5))
    assert leap.day is None and leap.open_reason is not None
    undated = resolve("mùng 10 tháng Giêng", False, None)
    assert undated.day is None and undated.open_reason is not None


def test_solar_dates_and_words_around_tết_keep_their_meaning() -> None:
    assert resolve("ngày 20/1/2026", False, date(2026, 1, 5)).day == date(2026, 1, 20)
    assert resolve("trước Tết Nguyên đán", True, date(2026, 1, 5)).relative == "event_before"
    assert resolve("mùng 4 tháng 5", False, date(2026, 1, 5)).day is None


def test_a_plan_with_lunar_windows_parses_to_solar_phases() -> None:
    plan = parse_plan(FIXTURE.read_text("utf-8"))
    event = plan.events[0]
    assert (event.date_start, event.date_end) == (date(2026, 2, 15), date(2026, 2, 21))
    assert [(p.code, p.start, p.end, p.peak_start, p.peak_end) for p in plan.phases] == [
        ("1", date(2026, 2, 10), date(2026, 2, 26), date(2026, 2, 15), date(2026, 2, 21)),
        ("2", date(2026, 3, 3), date(2026, 4, 2), None, None),
        ("3", None, date(2026, 2, 17), None, None),
    ]
    assert [(u.text, u.line) for u in plan.unresolved] == [("Giai đoạn 3: ngày bắt đầu", 19)]
    assert "30 tháng 12 âm lịch năm 2025" in plan.unresolved[0].why


def test_an_event_on_one_lunar_day() -> None:
    text = FIXTURE.read_text("utf-8").replace(
        "nghỉ Tết từ ngày 28 tháng Chạp đến hết mùng 5 Tết.",
        "nghỉ Tết vào mùng 1 tháng Giêng.",
    )
    event = parse_plan(text).events[0]
    assert (event.date_start, event.date_end) == (date(2026, 2, 17), date(2026, 2, 17))


def test_importing_the_plan_stores_solar_phase_dates_and_the_warning(db: Session) -> None:
    station = m.Station(name="Đài xã An Phú")
    db.add(station)
    db.flush()
    result = import_plan(db, FIXTURE.read_bytes(), FIXTURE.name, station.id, "vi")
    campaign_id = int(result["campaign"]["id"])
    phases = db.exec(
        select(m.Phase).where(m.Phase.campaign_id == campaign_id).order_by(col(m.Phase.code))
    ).all()
    assert [(p.code, p.starts_on, p.ends_on) for p in phases] == [
        ("1", date(2026, 2, 10), date(2026, 2, 26)),
        ("2", date(2026, 3, 3), date(2026, 4, 2)),
        ("3", None, date(2026, 2, 17)),
    ]
    assert (phases[0].peak_starts_on, phases[0].peak_ends_on) == (
        date(2026, 2, 15), date(2026, 2, 21)
    )  # fmt: skip
    assert [u["text"] for u in result["unresolved"]] == ["Giai đoạn 3: ngày bắt đầu"]


@pytest.mark.parametrize(
    ("holiday", "end"),
    [
        ("nghỉ Tết từ ngày 28 tháng Chạp đến hết mùng 5 Tết.", date(2026, 2, 21)),  # the event
        ("nghỉ Tết theo quy định.", date(2026, 2, 17)),  # no dated event: lunar 1/1
    ],
)
def test_a_window_until_tết_follows_the_tết_event_when_it_has_days(holiday: str, end: date) -> None:
    text = FIXTURE.read_text("utf-8")
    for old, new in (
        ("nghỉ Tết từ ngày 28 tháng Chạp đến hết mùng 5 Tết.", holiday),
        ("(từ ngày 30 tháng Chạp đến mùng 1 Tết)", "(từ ngày 20/1/2026 đến Tết Nguyên đán)"),
    ):
        assert old in text
        text = text.replace(old, new)
    phase = parse_plan(text).phases[2]
    assert (phase.start, phase.end) == (date(2026, 1, 20), end)
