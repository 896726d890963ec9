"""Build one session's running order from candidate segments (pure, deterministic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from playlists import reasons, rules
from playlists.types import (
    PhaseWindow,
    PlannedItem,
    PlannedPlaylist,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
)

Skipped = list[tuple[int, str]]


@dataclass
class _Pools:
    """Mutable working state: eligible segments by role and the skip log."""

    openings: list[SegmentCandidate] = field(default_factory=list)
    closings: list[SegmentCandidate] = field(default_factory=list)
    bodies: list[SegmentCandidate] = field(default_factory=list)
    skipped: Skipped = field(default_factory=list)


def _sort_pools(
    day: date, segments: Sequence[SegmentCandidate], phases: Sequence[PhaseWindow]
) -> _Pools:
    """Drop duplicate ids, check eligibility and sort each role's pool."""
    pools = _Pools()
    seen: set[int] = set()
    for seg in segments:
        if seg.id in seen:
            pools.skipped.append((seg.id, reasons.DUPLICATE_ID))
            continue
        seen.add(seg.id)
        ok, why = rules.is_eligible(seg, day, phases)
        if not ok:
            pools.skipped.append((seg.id, why))
        elif seg.role is SegmentRole.OPENING:
            pools.openings.append(seg)
        elif seg.role is SegmentRole.CLOSING:
            pools.closings.append(seg)
        else:
            pools.bodies.append(seg)
    pools.openings.sort(key=rules.frame_sort_key)
    pools.closings.sort(key=rules.frame_sort_key)
    pools.bodies.sort(key=lambda s: rules.body_sort_key(s, day, phases))
    return pools


def _durations(segs: Sequence[SegmentCandidate]) -> list[float]:
    """Return the durations of ``segs`` in order."""
    return [s.duration_s for s in segs]


def _pick_frame(
    pool: Sequence[SegmentCandidate],
    before: Sequence[SegmentCandidate],
    slot: SlotSpec,
    other_chosen: str,
    skipped: Skipped,
) -> SegmentCandidate | None:
    """Choose the first framing item (in preference order) that fits after ``before``."""
    chosen: SegmentCandidate | None = None
    for seg in pool:
        if chosen is not None:
            skipped.append((seg.id, other_chosen))
        elif rules.fits(_durations([*before, seg]), slot.gap_s, slot.max_seconds):
            chosen = seg
        else:
            skipped.append((seg.id, reasons.NOT_ENOUGH_TIME))
    return chosen


def _fill_body(
    pool: Sequence[SegmentCandidate],
    head: Sequence[SegmentCandidate],
    tail: Sequence[SegmentCandidate],
    slot: SlotSpec,
    skipped: Skipped,
) -> list[SegmentCandidate]:
    """Greedily add body items in order, skipping any that would overflow the slot."""
    chosen: list[SegmentCandidate] = []
    for seg in pool:
        trial = [*head, *chosen, seg, *tail]
        if rules.fits(_durations(trial), slot.gap_s, slot.max_seconds):
            chosen.append(seg)
        else:
            skipped.append((seg.id, reasons.NOT_ENOUGH_TIME))
    return chosen


def _reason_for(seg: SegmentCandidate, day: date, phases: Sequence[PhaseWindow]) -> str:
    """Return the Vietnamese reason a placed segment is in the session."""
    if seg.role is SegmentRole.OPENING:
        return reasons.OPENING
    if seg.role is SegmentRole.CLOSING:
        return reasons.CLOSING
    phase = None if seg.is_general else rules.best_phase(seg, day, phases)
    return reasons.body_reason(
        seg.bulletin_class,
        phase.label if phase is not None else None,
        phase.in_peak(day) if phase is not None else False,
        rules.days_since_aired(seg, day),
    )


def _render(
    order: Sequence[SegmentCandidate], day: date, slot: SlotSpec, phases: Sequence[PhaseWindow]
) -> tuple[tuple[PlannedItem, ...], float]:
    """Lay out the chosen segments and return (items, total length in seconds)."""
    offsets, total = rules.layout(_durations(order), slot.gap_s)
    items = tuple(
        PlannedItem(
            segment_id=seg.id,
            position=index,
            start_offset_s=offset,
            duration_s=seg.duration_s,
            reason=_reason_for(seg, day, phases),
        )
        for index, (seg, offset) in enumerate(zip(order, offsets, strict=True))
    )
    return items, total


def build_daily_playlist(
    day: date,
    slot: SlotSpec,
    segments: Sequence[SegmentCandidate],
    phases: Sequence[PhaseWindow],
) -> PlannedPlaylist:
    """Plan one session: one opening, ordered body items, one closing, within max_seconds.

    Every input segment ends up either in ``items`` or in ``skipped`` (with a reason).
    Input order only matters for segments that share an id (the first one is kept).
    """
    pools = _sort_pools(day, segments, phases)
    opening = _pick_frame(pools.openings, [], slot, reasons.OTHER_OPENING_CHOSEN, pools.skipped)
    head = [opening] if opening is not None else []
    closing = _pick_frame(pools.closings, head, slot, reasons.OTHER_CLOSING_CHOSEN, pools.skipped)
    tail = [closing] if closing is not None else []
    body = _fill_body(pools.bodies, head, tail, slot, pools.skipped)
    items, total = _render([*head, *body, *tail], day, slot, phases)
    return PlannedPlaylist(
        day=day,
        slot_id=slot.id,
        items=items,
        total_s=total,
        unused_s=slot.max_seconds - total,
        skipped=tuple(sorted(pools.skipped, key=lambda entry: entry[0])),
    )
