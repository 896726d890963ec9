"""Tests for playlists.types predicates, playlists.rules and playlists.reasons."""

from __future__ import annotations

from datetime import date, time

import pytest

from playlists import reasons, rules
from playlists.types import (
    BulletinClass,
    PhaseWindow,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
)

DAY = date(2025, 3, 10)


def phase(
    pid: int = 1,
    start: date = date(2025, 3, 1),
    end: date = date(2025, 3, 31),
    weight: float = 1.0,
    peak: tuple[date, date] | None = None,
    label: str = "Đại hội XVII – trước Đại hội",
) -> PhaseWindow:
    peak_start, peak_end = peak if peak is not None else (None, None)
    return PhaseWindow(pid, label, start, end, weight, peak_start, peak_end)


def seg(
    sid: int = 1,
    role: SegmentRole = SegmentRole.BODY,
    cls: BulletinClass = BulletinClass.NORMAL,
    approved: bool = True,
    air: tuple[date | None, date | None] = (None, None),
    phase_ids: tuple[int, ...] = (1,),
    last_aired: date | None = None,
) -> SegmentCandidate:
    return SegmentCandidate(
        id=sid,
        title=f"Bản tin {sid}",
        role=role,
        bulletin_class=cls,
        duration_s=60.0,
        approved=approved,
        air_start=air[0],
        air_end=air[1],
        phase_ids=phase_ids,
        last_aired=last_aired,
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 2, 28), False),
        (date(2025, 3, 1), True),
        (date(2025, 3, 31), True),
        (date(2025, 4, 1), False),
    ],
)
def test_phase_is_active_inclusive(day: date, expected: bool) -> None:
    assert phase().is_active(day) is expected


def test_peak_doubles_weight_inclusive_and_zero_when_inactive() -> None:
    p = phase(weight=1.5, peak=(date(2025, 3, 10), date(2025, 3, 12)))
    assert p.effective_weight(date(2025, 3, 9)) == 1.5
    assert p.effective_weight(date(2025, 3, 10)) == 3.0
    assert p.effective_weight(date(2025, 3, 12)) == 3.0
    assert p.effective_weight(date(2025, 3, 13)) == 1.5
    assert p.effective_weight(date(2025, 4, 1)) == 0.0
    assert not phase().in_peak(DAY)


def test_peak_outside_active_window_does_not_count() -> None:
    p = phase(end=date(2025, 3, 5), peak=(date(2025, 3, 1), date(2025, 3, 20)))
    assert p.in_peak(date(2025, 3, 5))
    assert not p.in_peak(date(2025, 3, 6))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": date(2025, 3, 2), "end": date(2025, 3, 1)},
        {"weight": -1.0},
        {"weight": float("nan")},
    ],
)
def test_phase_validation(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        phase(**kwargs)  # type: ignore[arg-type]


def test_phase_peak_must_be_complete_and_ordered() -> None:
    with pytest.raises(ValueError):
        PhaseWindow(1, "x", date(2025, 3, 1), date(2025, 3, 31), peak_start=date(2025, 3, 2))
    with pytest.raises(ValueError):
        phase(peak=(date(2025, 3, 5), date(2025, 3, 4)))


@pytest.mark.parametrize("duration", [0.0, -5.0, float("inf")])
def test_segment_duration_must_be_positive_and_finite(duration: float) -> None:
    with pytest.raises(ValueError):
        SegmentCandidate(1, "x", SegmentRole.BODY, BulletinClass.NORMAL, duration, True)


def test_segment_and_slot_validation() -> None:
    with pytest.raises(ValueError):
        seg(air=(date(2025, 3, 5), date(2025, 3, 4)))
    with pytest.raises(ValueError):
        SlotSpec(1, time(6, 30), max_seconds=-1.0)
    with pytest.raises(ValueError):
        SlotSpec(1, time(6, 30), max_seconds=900.0, gap_s=-0.5)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 3, 4), False),
        (date(2025, 3, 5), True),
        (date(2025, 3, 20), True),
        (date(2025, 3, 21), False),
    ],
)
def test_eligibility_air_window_inclusive(day: date, expected: bool) -> None:
    ok, why = rules.is_eligible(seg(air=(date(2025, 3, 5), date(2025, 3, 20))), day, [phase()])
    assert ok is expected
    assert why == ("" if expected else reasons.OUT_OF_AIR_WINDOW)


def test_open_ended_air_windows() -> None:
    assert rules.in_air_window(seg(air=(None, date(2025, 3, 10))), date(2000, 1, 1))
    assert rules.in_air_window(seg(air=(date(2025, 3, 10), None)), date(2099, 1, 1))
    assert not rules.in_air_window(seg(air=(date(2025, 3, 11), None)), DAY)


def test_eligibility_requires_approval_first() -> None:
    out_of_window = seg(approved=False, air=(date(2026, 1, 1), None))
    assert rules.is_eligible(out_of_window, DAY, [phase()]) == (False, reasons.NOT_APPROVED)
    assert rules.is_eligible(seg(approved=True), DAY, [phase()]) == (True, "")


def test_eligibility_requires_active_phase() -> None:
    ended = phase(pid=2, start=date(2025, 1, 1), end=date(2025, 2, 1))
    phases = [phase(pid=1), ended]
    assert rules.is_eligible(seg(phase_ids=(2,)), DAY, phases) == (False, reasons.NO_ACTIVE_PHASE)
    assert rules.is_eligible(seg(phase_ids=(9,)), DAY, phases) == (False, reasons.NO_ACTIVE_PHASE)
    assert rules.is_eligible(seg(phase_ids=(2, 1)), DAY, phases) == (True, "")


def test_general_and_framing_segments_ignore_phases() -> None:
    assert rules.is_eligible(seg(phase_ids=()), DAY, []) == (True, "")
    opening = seg(role=SegmentRole.OPENING, phase_ids=(42,))
    assert rules.is_eligible(opening, DAY, []) == (True, "")
    assert rules.segment_weight(seg(phase_ids=()), DAY, []) == rules.GENERAL_WEIGHT


def test_best_phase_prefers_peak_then_lowest_id() -> None:
    plain = phase(pid=1, weight=1.5)
    peaked = phase(pid=2, weight=1.0, peak=(DAY, DAY), label="Cao điểm")
    tie = phase(pid=3, weight=1.5)
    s = seg(phase_ids=(3, 1, 2))
    assert rules.best_phase(s, DAY, [tie, plain, peaked]) == peaked
    assert rules.segment_weight(s, DAY, [tie, plain, peaked]) == 2.0
    assert rules.best_phase(s, date(2025, 3, 11), [tie, plain, peaked]) == plain
    assert rules.best_phase(seg(phase_ids=(7,)), DAY, [plain]) is None


def test_days_since_aired() -> None:
    assert rules.days_since_aired(seg(last_aired=None), DAY) is None
    assert rules.days_since_aired(seg(last_aired=date(2025, 3, 7)), DAY) == 3
    assert rules.days_since_aired(seg(last_aired=DAY), DAY) == 0
    assert rules.days_since_aired(seg(last_aired=date(2025, 3, 12)), DAY) == 0


def test_layout_and_fits_count_gaps_between_items_only() -> None:
    assert rules.layout([], 2.0) == ([], 0.0)
    assert rules.layout([10.0, 20.0, 5.0], 2.0) == ([0.0, 12.0, 34.0], 39.0)
    assert rules.fits([10.0, 20.0, 5.0], 2.0, 39.0)
    assert not rules.fits([10.0, 20.0, 5.0], 2.0, 38.9)


def _is_vietnamese(text: str) -> bool:
    return bool(text) and not text.isascii()


def test_reason_texts_are_vietnamese_for_each_branch() -> None:
    fixed = [
        reasons.NOT_APPROVED,
        reasons.OUT_OF_AIR_WINDOW,
        reasons.NO_ACTIVE_PHASE,
        reasons.NOT_ENOUGH_TIME,
        reasons.OTHER_OPENING_CHOSEN,
        reasons.OTHER_CLOSING_CHOSEN,
        reasons.DUPLICATE_ID,
        reasons.OPENING,
        reasons.CLOSING,
    ]
    assert all(_is_vietnamese(text) for text in fixed)
    assert len(set(fixed)) == len(fixed)
    assert {reasons.class_label(c) for c in BulletinClass} == {"Khẩn cấp", "Ưu tiên", "Thường"}


def test_body_reason_formats() -> None:
    label = "Đại hội XVII – trước Đại hội"
    assert (
        reasons.body_reason(BulletinClass.PRIORITY, label, True, 3)
        == "Ưu tiên; giai đoạn cao điểm: Đại hội XVII – trước Đại hội; chưa phát 3 ngày"
    )
    assert (
        reasons.body_reason(BulletinClass.NORMAL, label, False, None)
        == "Thường; giai đoạn: Đại hội XVII – trước Đại hội; chưa từng phát"
    )
    assert (
        reasons.body_reason(BulletinClass.EMERGENCY, None, False, 0)
        == "Khẩn cấp; nội dung chung; đã phát hôm nay"
    )
