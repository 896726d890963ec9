"""Tests for playlists.sequencer.build_daily_playlist."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from playlists import build_daily_playlist, reasons
from playlists.types import (
    BulletinClass,
    PhaseWindow,
    PlannedPlaylist,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
)

DAY = date(2025, 3, 10)
LABEL = "Đại hội XVII – trước Đại hội"
PHASE = PhaseWindow(1, LABEL, date(2025, 3, 1), date(2025, 3, 31))
SLOT = SlotSpec(id=7, start=time(6, 30), max_seconds=900.0, gap_s=2.0)

OPEN, CLOSE, BODY = SegmentRole.OPENING, SegmentRole.CLOSING, SegmentRole.BODY
NORMAL, PRIORITY, EMERGENCY = BulletinClass.NORMAL, BulletinClass.PRIORITY, BulletinClass.EMERGENCY


def seg(
    sid: int,
    role: SegmentRole = BODY,
    duration: float = 60.0,
    cls: BulletinClass = NORMAL,
    phase_ids: tuple[int, ...] = (1,),
    last_aired: date | None = None,
    approved: bool = True,
    air: tuple[date | None, date | None] = (None, None),
) -> SegmentCandidate:
    return SegmentCandidate(
        id=sid,
        title=f"Mục {sid}",
        role=role,
        bulletin_class=cls,
        duration_s=duration,
        approved=approved,
        air_start=air[0],
        air_end=air[1],
        phase_ids=phase_ids,
        last_aired=last_aired,
    )


def ids(playlist: PlannedPlaylist) -> list[int]:
    return [item.segment_id for item in playlist.items]


def skipped(playlist: PlannedPlaylist) -> dict[int, str]:
    return dict(playlist.skipped)


def test_opening_first_closing_last_with_offsets_and_gaps() -> None:
    segs = [seg(30, CLOSE, 15.0), seg(20, BODY, 100.0), seg(10, OPEN, 10.0), seg(21, BODY, 50.0)]
    plan = build_daily_playlist(DAY, SLOT, segs, [PHASE])
    assert ids(plan) == [10, 20, 21, 30]  # equal rank: fall back to id
    assert [i.position for i in plan.items] == [0, 1, 2, 3]
    assert [i.start_offset_s for i in plan.items] == [0.0, 12.0, 114.0, 166.0]
    assert [i.duration_s for i in plan.items] == [10.0, 100.0, 50.0, 15.0]
    assert plan.total_s == 181.0
    assert plan.unused_s == 900.0 - 181.0
    assert plan.items[0].reason == reasons.OPENING
    assert plan.items[-1].reason == reasons.CLOSING
    assert (plan.day, plan.slot_id, plan.skipped) == (DAY, 7, ())


def test_frame_choice_least_recently_aired_then_lowest_id() -> None:
    segs = [
        seg(3, OPEN, last_aired=DAY - timedelta(days=1)),
        seg(5, OPEN),
        seg(4, OPEN),
        seg(8, CLOSE, last_aired=DAY - timedelta(days=2)),
        seg(9, CLOSE, last_aired=DAY - timedelta(days=9)),
    ]
    plan = build_daily_playlist(DAY, SLOT, segs, [PHASE])
    assert ids(plan) == [4, 9]
    assert skipped(plan) == {
        3: reasons.OTHER_OPENING_CHOSEN,
        5: reasons.OTHER_OPENING_CHOSEN,
        8: reasons.OTHER_CLOSING_CHOSEN,
    }


def test_too_long_frame_falls_back_and_closing_is_reserved() -> None:
    slot = SlotSpec(1, time(17, 0), max_seconds=100.0, gap_s=1.0)
    segs = [
        seg(1, OPEN, 200.0),
        seg(2, OPEN, 10.0),
        seg(3, CLOSE, 10.0),
        seg(4, BODY, 70.0),
        seg(5, BODY, 79.0),
    ]
    plan = build_daily_playlist(DAY, slot, segs, [PHASE])
    # 10 + 1 + 79 + 1 + 10 = 101 > 100, so body 5 must not push the closing out.
    assert ids(plan) == [2, 4, 3]
    assert plan.total_s == 92.0
    assert skipped(plan) == {1: reasons.NOT_ENOUGH_TIME, 5: reasons.NOT_ENOUGH_TIME}


def test_ineligible_segments_are_skipped_with_reasons() -> None:
    ended = PhaseWindow(2, "Đã kết thúc", date(2025, 1, 1), date(2025, 2, 1))
    segs = [
        seg(1, approved=False),
        seg(2, air=(DAY + timedelta(days=1), None)),
        seg(3, phase_ids=(2,)),
        seg(4, OPEN, approved=False),
        seg(5),
    ]
    plan = build_daily_playlist(DAY, SLOT, segs, [PHASE, ended])
    assert ids(plan) == [5]
    assert plan.skipped == (
        (1, reasons.NOT_APPROVED),
        (2, reasons.OUT_OF_AIR_WINDOW),
        (3, reasons.NO_ACTIVE_PHASE),
        (4, reasons.NOT_APPROVED),
    )


def test_class_ordering_beats_weight() -> None:
    heavy = PhaseWindow(2, "Nặng", DAY, DAY, weight=10.0, peak_start=DAY, peak_end=DAY)
    light = PhaseWindow(3, "Nhẹ", DAY, DAY, weight=0.1)
    segs = [
        seg(1, cls=NORMAL, phase_ids=(2,)),
        seg(2, cls=PRIORITY, phase_ids=(3,)),
        seg(3, cls=EMERGENCY, phase_ids=()),
    ]
    plan = build_daily_playlist(DAY, SLOT, segs, [heavy, light])
    assert ids(plan) == [3, 2, 1]


@pytest.mark.parametrize("order", [-1, 1])
def test_a_bulletin_from_above_goes_before_or_after_the_stations_own_of_its_class(
    order: int,
) -> None:
    heavy = PhaseWindow(2, "Nặng", DAY, DAY, weight=10.0, peak_start=DAY, peak_end=DAY)
    own = [seg(1, cls=PRIORITY, phase_ids=(2,)), seg(2, cls=PRIORITY, phase_ids=(2,))]
    copy = replace(seg(9, cls=PRIORITY, phase_ids=()), class_order=order)  # general: weight 0.5
    plan = build_daily_playlist(DAY, SLOT, [*own, copy, seg(3)], [PHASE, heavy])
    assert ids(plan) == ([9, 1, 2, 3] if order < 0 else [1, 2, 9, 3])


def test_peak_multiplier_changes_order() -> None:
    peak_day = date(2025, 3, 20)
    steady = PhaseWindow(1, "Thường xuyên", date(2025, 3, 1), date(2025, 3, 31), weight=1.5)
    surge = PhaseWindow(
        2, LABEL, date(2025, 3, 1), date(2025, 3, 31), peak_start=peak_day, peak_end=peak_day
    )
    segs = [seg(1, phase_ids=(1,)), seg(2, phase_ids=(2,))]
    assert ids(build_daily_playlist(DAY, SLOT, segs, [steady, surge])) == [1, 2]
    plan = build_daily_playlist(peak_day, SLOT, segs, [steady, surge])
    assert ids(plan) == [2, 1]
    assert plan.items[0].reason == f"Thường; giai đoạn cao điểm: {LABEL}; chưa từng phát"


def test_general_content_ranks_below_phase_content() -> None:
    segs = [seg(1, phase_ids=()), seg(2, phase_ids=(1,))]
    plan = build_daily_playlist(DAY, SLOT, segs, [PHASE])
    assert ids(plan) == [2, 1]
    assert plan.items[1].reason == "Thường; nội dung chung; chưa từng phát"


def test_least_recently_aired_first_then_id() -> None:
    segs = [
        seg(1, last_aired=DAY - timedelta(days=1)),
        seg(2, last_aired=DAY - timedelta(days=10)),
        seg(3),
        seg(4, last_aired=DAY - timedelta(days=10)),
        seg(5),
    ]
    plan = build_daily_playlist(DAY, SLOT, segs, [PHASE])
    assert ids(plan) == [3, 5, 2, 4, 1]
    assert plan.items[2].reason == f"Thường; giai đoạn: {LABEL}; chưa phát 10 ngày"


def test_skip_and_continue_picks_shorter_later_item() -> None:
    slot = SlotSpec(1, time(6, 30), max_seconds=100.0, gap_s=1.0)
    segs = [seg(1, duration=60.0, cls=PRIORITY), seg(2, duration=50.0), seg(3, duration=39.0)]
    plan = build_daily_playlist(DAY, slot, segs, [PHASE])
    assert ids(plan) == [1, 3]
    assert plan.total_s == 100.0
    assert plan.unused_s == 0.0
    assert plan.skipped == ((2, reasons.NOT_ENOUGH_TIME),)


def test_duplicate_ids_are_planned_once() -> None:
    plan = build_daily_playlist(DAY, SLOT, [seg(1), seg(1, duration=5.0)], [PHASE])
    assert ids(plan) == [1]
    assert plan.items[0].duration_s == 60.0
    assert plan.skipped == ((1, reasons.DUPLICATE_ID),)


def test_empty_input_gives_empty_playlist() -> None:
    plan = build_daily_playlist(DAY, SLOT, [], [])
    assert (plan.items, plan.total_s, plan.unused_s, plan.skipped) == ((), 0.0, 900.0, ())


def _random_case(
    rng: random.Random,
) -> tuple[date, SlotSpec, list[SegmentCandidate], list[PhaseWindow]]:
    base = date(2025, 1, 1)
    phases = []
    for pid in range(1, rng.randint(1, 4) + 1):
        start = base + timedelta(days=rng.randint(0, 20))
        end = start + timedelta(days=rng.randint(0, 20))
        peak = start + timedelta(days=rng.randint(0, (end - start).days))
        has_peak = rng.random() < 0.5
        phases.append(
            PhaseWindow(
                pid,
                f"Giai đoạn {pid}",
                start,
                end,
                weight=rng.choice([0.5, 1.0, 1.5, 2.0]),
                peak_start=peak if has_peak else None,
                peak_end=peak if has_peak else None,
            )
        )
    segs = []
    for sid in rng.sample(range(1, 200), rng.randint(0, 25)):
        aired = rng.choice([None, base + timedelta(days=rng.randint(0, 30))])
        air_start = rng.choice([None, base + timedelta(days=rng.randint(0, 30))])
        segs.append(
            SegmentCandidate(
                id=sid,
                title=f"Mục {sid}",
                role=rng.choice([OPEN, CLOSE, BODY, BODY, BODY, BODY]),
                bulletin_class=rng.choice(list(BulletinClass)),
                duration_s=round(rng.uniform(0.5, 400.0), 3),
                approved=rng.random() < 0.85,
                air_start=air_start,
                phase_ids=tuple(rng.sample(range(0, 6), rng.randint(0, 2))),
                last_aired=aired,
            )
        )
    slot = SlotSpec(1, time(6, 30), rng.uniform(0.0, 900.0), rng.choice([0.0, 0.5, 1.0, 3.3]))
    return base + timedelta(days=rng.randint(0, 40)), slot, segs, phases


@pytest.mark.parametrize("seed", range(300))
def test_random_inputs_respect_invariants(seed: int) -> None:
    day, slot, segs, phases = _random_case(random.Random(seed))
    plan = build_daily_playlist(day, slot, segs, phases)
    placed = ids(plan)
    assert plan.total_s <= slot.max_seconds
    assert plan.unused_s == slot.max_seconds - plan.total_s
    assert len(placed) == len(set(placed))
    assert sorted(placed + [sid for sid, _ in plan.skipped]) == sorted(s.id for s in segs)
    assert all(reason for _, reason in plan.skipped)
    assert all(item.reason and not item.reason.isascii() for item in plan.items)
    assert [i.position for i in plan.items] == list(range(len(plan.items)))
    cursor = 0.0
    for index, item in enumerate(plan.items):
        assert item.start_offset_s == pytest.approx(cursor if index == 0 else cursor + slot.gap_s)
        cursor = item.start_offset_s + item.duration_s
    assert plan.total_s == pytest.approx(cursor)
    by_id = {s.id: s for s in segs}
    roles = [by_id[sid].role for sid in placed]
    assert OPEN not in roles[1:] and CLOSE not in roles[:-1]
    for sid, reason in plan.skipped:
        if reason == reasons.NOT_ENOUGH_TIME and placed:
            # Greedy only shrinks the room left, so a skipped item still cannot fit.
            assert plan.total_s + slot.gap_s + by_id[sid].duration_s > slot.max_seconds


def test_deterministic_and_independent_of_input_order() -> None:
    rng = random.Random(2025)
    for _ in range(50):
        day, slot, segs, phases = _random_case(rng)
        first = build_daily_playlist(day, slot, segs, phases)
        assert build_daily_playlist(day, slot, segs, phases) == first
        shuffled_segs, shuffled_phases = list(segs), list(phases)
        rng.shuffle(shuffled_segs)
        rng.shuffle(shuffled_phases)
        assert build_daily_playlist(day, slot, shuffled_segs, shuffled_phases) == first
