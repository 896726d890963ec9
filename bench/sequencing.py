"""Speed of range programming: a year of a large synthetic campaign (prints seconds).

Run from the repository root: `.venv/bin/python bench/sequencing.py [--segments N] [--days D]`.
Builds 1,000 segments over 6 events and 20 phases (with peaks, topics, caps, spacing,
weekdays and fixed positions), 2 sessions a day, and programmes 365 days in one call.
It also times two years and twice the segments to show growth is linear, and ends
with the line `year_seconds=<x> segments=<n> days=<d>`.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from datetime import time as clock

from playlists import BulletinClass, PhaseWindow, SegmentCandidate, SegmentRole, SlotSpec
from playlists.campaign import RangeInput, plan_range
from playlists.types import FixedPosition, TopicShare

START = date(2025, 1, 1)
#: Wall-clock seconds of each timed run (the figures printed are CPU seconds of this
#: single-threaded process, so that other load on the machine does not inflate them).
WALL: list[float] = []


def build(segments: int, days: int, seed: int = 7) -> RangeInput:
    """A synthetic campaign: 6 events × 20 phases spread over ``days`` days."""
    rng = random.Random(seed)
    phases, topics = [], []
    for pid in range(1, 21):
        start = START + timedelta(days=rng.randint(0, max(0, days - 40)))
        end = min(start + timedelta(days=rng.randint(20, 90)), START + timedelta(days=days))
        peak = start + timedelta(days=(end - start).days // 2)
        phases.append(
            PhaseWindow(
                pid,
                f"Giai đoạn {pid} sự kiện {pid % 6 + 1}",
                start,
                end,
                rng.choice([0.5, 1.0, 1.5, 2.0]),
                peak,
                min(end, peak + timedelta(days=5)),
            )
        )
        topics += [TopicShare(pid * 10 + t, pid, rng.choice([1.0, 2.0])) for t in range(4)]
    segs = [
        SegmentCandidate(1, "Mở đầu", SegmentRole.OPENING, BulletinClass.NORMAL, 40.0, True),
        SegmentCandidate(2, "Kết thúc", SegmentRole.CLOSING, BulletinClass.NORMAL, 35.0, True),
    ]
    for sid in range(3, segments + 1):
        pid = rng.randint(1, 20)
        air = START + timedelta(days=rng.randint(0, days))
        segs.append(
            SegmentCandidate(
                sid,
                f"Bản tin {sid}",
                SegmentRole.BODY,
                rng.choice(
                    [BulletinClass.NORMAL] * 12 + [BulletinClass.PRIORITY, BulletinClass.EMERGENCY]
                ),
                round(rng.uniform(30.0, 240.0), 1),
                rng.random() < 0.95,
                air_start=air if rng.random() < 0.2 else None,
                air_end=air + timedelta(days=14) if rng.random() < 0.2 else None,
                phase_ids=(pid,),
                weekdays=(0, 2, 4) if rng.random() < 0.1 else (),
                min_days_between=rng.choice([0, 0, 1, 2]),
                max_per_day=rng.choice([None, 1, 2]),
                max_per_week=rng.choice([None, 3]),
                fixed_position=FixedPosition.AFTER_OPENING if sid % 97 == 0 else None,
                topic_ids=(pid * 10 + rng.randint(0, 3),),
            )
        )
    slots = [SlotSpec(1, clock(6, 30), 900.0, 1.0), SlotSpec(2, clock(17, 0), 900.0, 1.0)]
    return RangeInput(slots, segs, phases, topics)


def timed(segments: int, days: int, planned: int | None = None) -> float:
    """Seconds to programme the first ``planned`` days of a ``days``-day campaign."""
    data = build(segments, days)
    planned = planned or days
    began, wall = time.process_time(), time.perf_counter()
    plans = plan_range(START, START + timedelta(days=planned - 1), data)
    elapsed = time.process_time() - began
    WALL.append(time.perf_counter() - wall)
    assert len(plans) == 2 * planned
    return elapsed


def main() -> None:
    """Time the year, half the year and half the segments; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    timed(200, 30)  # warm-up
    year = timed(args.segments, args.days)
    # Twice the days with the same density (twice the segments over twice the span): ~2×.
    double = timed(args.segments * 2, args.days * 2)
    # Twice the segments over the same days (twice the density): ~2× at most.
    dense = timed(args.segments * 2, args.days)
    print(f"two_years_seconds={double:.3f} ratio_to_year={double / year:.2f} (linear: 2)")
    print(f"double_segments_seconds={dense:.3f} ratio_to_year={dense / year:.2f} (linear: ≤2)")
    print(f"year_wall_seconds={WALL[1]:.3f} (CPU figures above/below; wall depends on load)")
    print(f"year_seconds={year:.3f} segments={args.segments} days={args.days}")


if __name__ == "__main__":
    main()
