"""Rules of range programming: weekdays, spacing, caps, fixed positions, emergency, fairness."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from playlists import (
    BulletinClass,
    FixedPosition,
    PhaseWindow,
    Pin,
    RangeInput,
    SegmentCandidate,
    SegmentRole,
    SessionOverride,
    SlotSpec,
    TopicShare,
    build_daily_playlist,
    next_session,
    plan_range,
    reasons,
)
from playlists.fitting import best_subset, first_fit

MON = date(2025, 3, 3)
PHASE = PhaseWindow(1, "Đại hội XVII", date(2025, 3, 1), date(2025, 4, 30))
SLOT = SlotSpec(1, time(6, 30), 900.0, 1.0)
EVENING = SlotSpec(2, time(17, 0), 900.0, 1.0)
BODY, OPEN, CLOSE = SegmentRole.BODY, SegmentRole.OPENING, SegmentRole.CLOSING


def seg(sid: int, duration: float = 60.0, **kw: object) -> SegmentCandidate:
    fields: dict[str, object] = {"phase_ids": (1,)} | kw
    role = fields.pop("role", BODY)
    cls = fields.pop("cls", BulletinClass.NORMAL)
    return SegmentCandidate(sid, f"Mục {sid}", role, cls, duration, True, **fields)  # type: ignore[arg-type]


def days_aired(plans: list, sid: int) -> list[date]:
    return [p.day for p in plans for i in p.items if i.segment_id == sid]


def run(segs: list[SegmentCandidate], days: int = 14, slots=(SLOT, EVENING), **kw) -> list:
    data = RangeInput(list(slots), segs, [PHASE], **kw)
    return plan_range(MON, MON + timedelta(days=days - 1), data)


def test_weekdays_limit_the_days_a_segment_airs() -> None:
    plans = run([seg(1, weekdays=(0, 2)), seg(2)])
    assert {d.weekday() for d in days_aired(plans, 1)} == {0, 2}
    tuesday = build_daily_playlist(MON + timedelta(days=1), SLOT, [seg(1, weekdays=(0,))], [PHASE])
    assert tuesday.skipped == ((1, reasons.WRONG_WEEKDAY),)


def test_slot_weekdays_skip_weekends() -> None:
    plans = run([seg(1)], slots=(SlotSpec(1, time(6, 30), 900.0, 1.0, weekdays=(0, 1, 2, 3, 4)),))
    assert len(plans) == 10 and all(p.day.weekday() < 5 for p in plans)


def test_air_window_bounds_airings() -> None:
    plans = run([seg(1, air_start=MON + timedelta(days=2), air_end=MON + timedelta(days=4))])
    assert sorted(set(days_aired(plans, 1))) == [MON + timedelta(days=d) for d in (2, 3, 4)]


def test_min_days_between_spaces_airings() -> None:
    aired = sorted(set(days_aired(run([seg(1, min_days_between=3)]), 1)))
    assert aired == [MON + timedelta(days=d) for d in (0, 3, 6, 9, 12)]
    assert len(days_aired(run([seg(1, min_days_between=3)]), 1)) == 5  # once a day


def test_caps_per_day_and_per_week() -> None:
    per_day = Counter(days_aired(run([seg(1, max_per_day=1)]), 1))
    assert set(per_day.values()) == {1} and len(per_day) == 14
    weekly = days_aired(run([seg(2, max_per_week=3)]), 2)
    assert Counter(d.isocalendar()[1] for d in weekly) == {10: 3, 11: 3}
    assert weekly[:3] == [MON, MON, MON + timedelta(days=1)]  # both sessions of Monday first


def test_fixed_positions_take_their_places() -> None:
    segs = [
        seg(1, role=CLOSE, phase_ids=()),
        seg(2, fixed_position=FixedPosition.BEFORE_CLOSING),
        seg(3),
        seg(4, fixed_position=FixedPosition.AFTER_OPENING),
        seg(5, fixed_position=FixedPosition.AFTER_OPENING),
        seg(6, role=OPEN, phase_ids=()),
        seg(7, cls=BulletinClass.PRIORITY),
    ]
    plan = build_daily_playlist(MON, SLOT, segs, [PHASE])
    assert [i.segment_id for i in plan.items] == [6, 4, 7, 3, 2, 1]
    assert dict(plan.skipped) == {5: reasons.OTHER_FIXED_CHOSEN}
    assert "vị trí cố định sau mở đầu" in plan.items[1].reason


def test_emergency_goes_into_the_very_next_session_first() -> None:
    slots = [SLOT, EVENING]
    assert next_session(datetime(2025, 3, 3, 9, 0), slots) == (MON, EVENING)
    assert next_session(datetime(2025, 3, 3, 5, 0), slots) == (MON, SLOT)
    weekdays = SlotSpec(1, time(6, 30), 900.0, 1.0, weekdays=(0, 1, 2, 3, 4))
    friday_night = datetime(2025, 3, 7, 20, 0)
    assert next_session(friday_night, [weekdays]) == (date(2025, 3, 10), weekdays)
    fillers = [seg(i, 200.0, cls=BulletinClass.PRIORITY) for i in range(1, 6)]
    alert = seg(99, 300.0, cls=BulletinClass.EMERGENCY, phase_ids=())
    plan = build_daily_playlist(MON, SLOT, [*fillers, alert], [PHASE])
    assert plan.items[0].segment_id == 99
    assert plan.items[0].reason.startswith("Khẩn cấp; nội dung chung")
    assert plan.total_s <= SLOT.max_seconds


def test_peak_multiplier_lifts_a_phase_above_a_heavier_one() -> None:
    peak_day = date(2025, 3, 20)
    steady = PhaseWindow(1, "Thường xuyên", MON, date(2025, 3, 31), weight=1.5)
    surge = PhaseWindow(2, "Cao điểm", MON, date(2025, 3, 31), 1.0, peak_day, peak_day)
    slot = SlotSpec(1, time(6, 30), 61.0, 1.0)  # room for one item only
    segs = [seg(1, phase_ids=(1,)), seg(2, phase_ids=(2,))]
    assert [i.segment_id for i in build_daily_playlist(MON, slot, segs, [steady, surge]).items] == [
        1
    ]
    on_peak = build_daily_playlist(peak_day, slot, segs, [steady, surge])
    assert [i.segment_id for i in on_peak.items] == [2]
    assert on_peak.items[0].reason.startswith("Thường; giai đoạn cao điểm: Cao điểm")


def test_topics_share_airtime_by_weight_over_the_phase() -> None:
    topics = [TopicShare(10, 1, 1.0), TopicShare(20, 1, 2.0), TopicShare(30, 1, 1.0)]
    rng = random.Random(5)
    segs = [
        seg(t * 10 + k, round(rng.uniform(40.0, 90.0), 1), topic_ids=(t * 10,))
        for t in (1, 2, 3)
        for k in range(1, 5)
    ]
    slot = SlotSpec(1, time(6, 30), 300.0, 1.0)
    plans = run(segs, days=40, slots=(slot,), topics=topics)
    by_topic: Counter[int] = Counter()
    for plan in plans:
        for item in plan.items:
            by_topic[item.segment_id // 10] += item.duration_s
    total = sum(by_topic.values())
    for topic, share in ((1, 0.25), (2, 0.5), (3, 0.25)):
        assert abs(by_topic[topic] / total - share) <= 0.1 * share, (topic, by_topic)
    first_item = plans[-1].items[0].reason
    assert "chủ đề" in first_item


def test_least_recently_aired_first_within_a_topic() -> None:
    topics = [TopicShare(10, 1, 1.0)]
    segs = [seg(i, 60.0, topic_ids=(10,)) for i in (1, 2, 3)]
    slot = SlotSpec(1, time(6, 30), 61.0, 1.0)
    plans = run(segs, days=6, slots=(slot,), topics=topics)
    assert [p.items[0].segment_id for p in plans] == [1, 2, 3, 1, 2, 3]


def test_range_programming_is_deterministic_and_order_free() -> None:
    rng = random.Random(11)
    segs = [
        seg(i, round(rng.uniform(20.0, 200.0), 1), max_per_day=rng.choice([None, 1]))
        for i in range(1, 40)
    ]
    first = run(segs, days=20)
    shuffled = list(segs)
    rng.shuffle(shuffled)
    assert run(shuffled, days=20) == first
    assert repr(run(segs, days=20)).encode() == repr(first).encode()


def test_slot_fitting_beats_first_fit_and_never_overflows() -> None:
    slot = SlotSpec(1, time(6, 30), 100.0, 1.0)
    segs = [seg(1, 60.0), seg(2, 50.0, last_aired=MON - timedelta(days=1)), seg(3, 45.0)]
    plan = build_daily_playlist(MON, slot, segs, [PHASE])
    greedy = first_fit([61.0, 51.0, 46.0], 101.0)  # preference order: 1, 3, 2
    assert greedy == [0] and plan.total_s == 96.0 and plan.unused_s == 4.0
    assert sorted(i.segment_id for i in plan.items) == [2, 3]
    rng = random.Random(3)
    for _ in range(200):
        weights = [rng.uniform(1.0, 300.0) for _ in range(rng.randint(0, 30))]
        values = [w * rng.uniform(0.5, 2.0) for w in weights]
        capacity = rng.uniform(0.0, 900.0)
        chosen = best_subset(values, weights, capacity)
        assert sum(weights[i] for i in chosen) <= capacity + 1e-6
        baseline = first_fit(weights, capacity)
        assert sum(values[i] for i in chosen) >= sum(values[i] for i in baseline) - 1e-9


def test_no_padding_with_repeats_unless_allowed() -> None:
    plain = build_daily_playlist(MON, SLOT, [seg(1, 100.0)], [PHASE])
    assert [i.segment_id for i in plain.items] == [1] and plain.unused_s == 800.0
    loop = build_daily_playlist(MON, SLOT, [seg(1, 100.0, allow_repeat=True)], [PHASE])
    assert [i.segment_id for i in loop.items] == [1, 1]
    assert loop.items[1].reason == reasons.REPEAT


def test_pins_and_removals_survive_replanning() -> None:
    segs = [seg(i, 100.0) for i in range(1, 6)]
    override = SessionOverride(pins=(Pin(5, 0),), removed=frozenset({1}))
    plans = run(segs, days=1, slots=(SLOT,), overrides={(MON, 1): override})
    assert [i.segment_id for i in plans[0].items] == [5, 2, 3, 4]
    assert plans[0].items[0].pinned and plans[0].items[0].reason == reasons.PINNED
    assert dict(plans[0].skipped)[1] == reasons.REMOVED_BY_HAND
