"""Small pure predicates and scorers used by the sequencer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from playlists import reasons
from playlists.types import BulletinClass, PhaseWindow, SegmentCandidate, SegmentRole

#: Weight of general content (segments with no ``phase_ids``): below a default phase (1.0).
GENERAL_WEIGHT = 0.5

#: Sort rank of each bulletin class: lower airs first.
CLASS_RANK: dict[BulletinClass, int] = {
    BulletinClass.EMERGENCY: 0,
    BulletinClass.PRIORITY: 1,
    BulletinClass.NORMAL: 2,
}

RecencyKey = tuple[int, date]
BodyKey = tuple[int, float, RecencyKey, int]
FrameKey = tuple[RecencyKey, int]


def in_air_window(seg: SegmentCandidate, day: date) -> bool:
    """Return True if ``day`` lies within the segment's inclusive air window (None = open)."""
    if seg.air_start is not None and day < seg.air_start:
        return False
    return not (seg.air_end is not None and day > seg.air_end)


def active_phases(
    seg: SegmentCandidate, day: date, phases: Sequence[PhaseWindow]
) -> list[PhaseWindow]:
    """Return the phases the segment serves that are active on ``day``, ordered by id."""
    wanted = set(seg.phase_ids)
    found = [p for p in phases if p.id in wanted and p.is_active(day)]
    return sorted(found, key=lambda p: (p.id, p.label, p.start, p.end))


def on_weekday(weekdays: Sequence[int], day: date) -> bool:
    """Return True if ``day`` falls on one of ``weekdays`` (empty = every day)."""
    return not weekdays or day.weekday() in weekdays


def spacing_ok(seg: SegmentCandidate, day: date, last: date | None) -> bool:
    """Return True if at least ``min_days_between`` days passed since ``last`` airing day."""
    if last is None or seg.min_days_between <= 0:
        return True
    return (day - last).days >= seg.min_days_between


def cap_reason(seg: SegmentCandidate, aired_today: int, aired_week: int) -> str:
    """Return a Vietnamese reason if a per-day or per-week cap is reached, else ""."""
    if seg.max_per_day is not None and aired_today >= seg.max_per_day:
        return reasons.DAY_CAP
    if seg.max_per_week is not None and aired_week >= seg.max_per_week:
        return reasons.WEEK_CAP
    return ""


def history_reason(
    seg: SegmentCandidate, day: date, last: date | None, aired_today: int, aired_week: int
) -> str:
    """Return why the airing history forbids ``seg`` on ``day`` (spacing, caps), else ""."""
    if not spacing_ok(seg, day, last):
        return reasons.TOO_SOON
    return cap_reason(seg, aired_today, aired_week)


def is_eligible(
    seg: SegmentCandidate, day: date, phases: Sequence[PhaseWindow]
) -> tuple[bool, str]:
    """Return (True, "") if the segment may air on ``day``, else (False, Vietnamese reason).

    Checks, in order: approval, air window, then — for body segments with phase_ids
    only — that at least one served phase is active. Opening/closing segments and
    general body segments are not tied to phases.
    """
    if not seg.approved:
        return False, reasons.NOT_APPROVED
    if not in_air_window(seg, day):
        return False, reasons.OUT_OF_AIR_WINDOW
    if not on_weekday(seg.weekdays, day):
        return False, reasons.WRONG_WEEKDAY
    needs_phase = seg.role is SegmentRole.BODY and not seg.is_general
    if needs_phase and not active_phases(seg, day, phases):
        return False, reasons.NO_ACTIVE_PHASE
    return True, ""


def best_phase(
    seg: SegmentCandidate, day: date, phases: Sequence[PhaseWindow]
) -> PhaseWindow | None:
    """Return the served active phase with the highest effective weight (ties: lowest id)."""
    candidates = active_phases(seg, day, phases)
    if not candidates:
        return None
    # active_phases is sorted by id and max() keeps the first maximum: lowest id wins ties.
    return max(candidates, key=lambda p: p.effective_weight(day))


def segment_weight(seg: SegmentCandidate, day: date, phases: Sequence[PhaseWindow]) -> float:
    """Return the max effective weight over served active phases; GENERAL_WEIGHT if general."""
    if seg.is_general:
        return GENERAL_WEIGHT
    phase = best_phase(seg, day, phases)
    return phase.effective_weight(day) if phase is not None else 0.0


def days_since_aired(seg: SegmentCandidate, day: date) -> int | None:
    """Return whole days since the segment last aired (None if never; 0 if today or later)."""
    if seg.last_aired is None:
        return None
    return max(0, (day - seg.last_aired).days)


def recency_key(seg: SegmentCandidate) -> RecencyKey:
    """Sort key placing never-aired first, then the least recently aired."""
    if seg.last_aired is None:
        return (0, date.min)
    return (1, seg.last_aired)


def body_sort_key(seg: SegmentCandidate, day: date, phases: Sequence[PhaseWindow]) -> BodyKey:
    """Sort key for body items: class, then weight (desc), then recency, then id."""
    weight = segment_weight(seg, day, phases)
    return (CLASS_RANK[seg.bulletin_class], -weight, recency_key(seg), seg.id)


def frame_sort_key(seg: SegmentCandidate) -> FrameKey:
    """Sort key for opening/closing choice: least recently aired, then lowest id."""
    return (recency_key(seg), seg.id)


def layout(durations: Sequence[float], gap_s: float) -> tuple[list[float], float]:
    """Return (start offsets, total length) for items played in order with gaps between."""
    offsets: list[float] = []
    cursor = 0.0
    end = 0.0
    for index, duration in enumerate(durations):
        if index > 0:
            cursor = end + gap_s
        offsets.append(cursor)
        end = cursor + duration
    return offsets, end


def fits(durations: Sequence[float], gap_s: float, max_seconds: float) -> bool:
    """Return True if the items with gaps between them fit within ``max_seconds``."""
    return layout(durations, gap_s)[1] <= max_seconds
