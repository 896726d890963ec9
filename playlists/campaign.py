"""Programme a date range: every session of every day, carrying the airing history along.

Eligibility that depends only on the day (air window, weekday, active phase) is computed
once per day over the segments whose window covers it (a sweep over windows), so a year
costs about days × segments-in-window, not days × all segments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from playlists import rules
from playlists.offers import Offer, day_offers, offer_for
from playlists.sequencer import Pin, plan_session
from playlists.state import AirState, TopicBook
from playlists.types import (
    PhaseWindow,
    PlannedItem,
    PlannedPlaylist,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
    TopicShare,
)


@dataclass(frozen=True)
class SessionOverride:
    """Manual edits of one session: pins, removals, or a lock keeping ``locked`` as is."""

    pins: tuple[Pin, ...] = ()
    removed: frozenset[int] = frozenset()
    locked: tuple[PlannedItem, ...] | None = None


@dataclass
class RangeInput:
    """Everything range programming needs besides the days themselves."""

    slots: Sequence[SlotSpec]
    segments: Sequence[SegmentCandidate]
    phases: Sequence[PhaseWindow]
    topics: Sequence[TopicShare] = ()
    overrides: Mapping[tuple[date, int], SessionOverride] = field(default_factory=dict)
    #: Report every input segment in each session's ``skipped`` (not only those in window).
    full_report: bool = False


def _window(seg: SegmentCandidate, phases: Mapping[int, PhaseWindow]) -> tuple[date, date]:
    """The widest inclusive range of days on which the segment could be eligible."""
    lo, hi = seg.air_start or date.min, seg.air_end or date.max
    if seg.role is SegmentRole.BODY and not seg.is_general:
        served = [phases[p] for p in seg.phase_ids if p in phases]
        if not served:
            return date.max, date.min
        lo = max(lo, min(p.start for p in served))
        hi = min(hi, max(p.end for p in served))
    return lo, hi


class _Sweep:
    """Segments whose window covers the current day, advanced one day at a time."""

    def __init__(self, segments: Sequence[SegmentCandidate], phases: Sequence[PhaseWindow]):
        by_id = {p.id: p for p in phases}
        unique: dict[int, SegmentCandidate] = {}
        for seg in segments:
            if seg.approved:
                unique.setdefault(seg.id, seg)
        spans = [(_window(seg, by_id), seg) for seg in unique.values()]
        self.pending = sorted((s for s in spans if s[0][0] <= s[0][1]), key=lambda s: s[0][0])
        self.cursor = 0
        self.live: list[tuple[date, SegmentCandidate]] = []

    def advance(self, day: date) -> list[SegmentCandidate]:
        """The segments whose window covers ``day``, in id order."""
        while self.cursor < len(self.pending) and self.pending[self.cursor][0][0] <= day:
            (_lo, hi), seg = self.pending[self.cursor]
            self.live.append((hi, seg))
            self.cursor += 1
        self.live = [entry for entry in self.live if entry[0] >= day]
        return sorted((seg for _hi, seg in self.live), key=lambda s: s.id)


def _record(
    state: AirState, day: date, items: Sequence[PlannedItem], offers: dict[int, Offer]
) -> None:
    """Count the session's items in the airing history."""
    for item in items:
        offer = offers.get(item.segment_id)
        if offer is not None:
            state.record(offer.seg, day, offer.phase.id if offer.phase else None)


def _locked(day: date, slot: SlotSpec, items: tuple[PlannedItem, ...]) -> PlannedPlaylist:
    """A locked session exactly as it was stored."""
    total = items[-1].end_offset_s if items else 0.0
    return PlannedPlaylist(day, slot.id, items, total, slot.max_seconds - total, ())


def _session(
    day: date,
    slot: SlotSpec,
    data: RangeInput,
    offers: list[Offer],
    skipped: list[tuple[int, str]],
    state: AirState,
    everything: dict[int, SegmentCandidate],
    active: dict[int, PhaseWindow],
) -> tuple[PlannedPlaylist, dict[int, Offer]]:
    """Plan (or keep, when locked) one session of the range."""
    override = data.overrides.get((day, slot.id), SessionOverride())
    by_id = {o.seg.id: o for o in offers}
    wanted = [p.segment_id for p in override.pins]
    wanted += [i.segment_id for i in override.locked or ()]
    for sid in wanted:
        if sid not in by_id and sid in everything:
            forced, _why = offer_for(everything[sid], day, active, forced=True)
            if forced is not None:
                by_id[sid] = forced
    if override.locked is not None:
        return _locked(day, slot, override.locked), by_id
    plan = plan_session(
        day, slot, list(by_id.values()), state, skipped, override.pins, override.removed
    )
    return plan, by_id


def plan_range(
    start: date, end: date, data: RangeInput, state: AirState | None = None
) -> list[PlannedPlaylist]:
    """Plan every session from ``start`` to ``end`` (inclusive), in day then slot order."""
    state = state or AirState()
    if not state.topics.shares:
        state.topics = TopicBook.build(data.topics, data.segments)
    sweep = _Sweep(data.segments, data.phases)
    everything = {s.id: s for s in reversed(data.segments)}
    slots = sorted(data.slots, key=lambda s: (s.start, s.id))
    plans: list[PlannedPlaylist] = []
    day = start
    while day <= end:
        state.roll_to(day)
        todays = [s for s in slots if rules.on_weekday(s.weekdays, day)]
        if todays:
            active = {p.id: p for p in data.phases if p.is_active(day)}
            pool = data.segments if data.full_report else sweep.advance(day)
            offers, skipped = day_offers(day, pool, active)
            for slot in todays:
                plan, by_id = _session(
                    day, slot, data, offers, list(skipped), state, everything, active
                )
                _record(state, day, plan.items, by_id)
                plans.append(plan)
        day += timedelta(days=1)
    return plans


def history_from(
    aired: Sequence[tuple[date, int]],
    segments: Sequence[SegmentCandidate],
    phases: Sequence[PhaseWindow],
    topics: Sequence[TopicShare] = (),
) -> AirState:
    """Airing history replayed from stored airings ``(day, segment_id)``, oldest first."""
    state = AirState()
    state.topics = TopicBook.build(topics, segments)
    by_id = {s.id: s for s in reversed(segments)}
    for day, sid in sorted(aired):
        seg = by_id.get(sid)
        if seg is None:
            continue
        state.roll_to(day)
        active = {p.id: p for p in phases if p.is_active(day)}
        offer, _why = offer_for(seg, day, active, forced=True)
        phase = offer.phase if offer is not None else None
        state.record(seg, day, phase.id if phase is not None else None)
    return state


def next_session(now: datetime, slots: Sequence[SlotSpec]) -> tuple[date, SlotSpec] | None:
    """The first session starting after ``now`` (local station time), within two weeks."""
    ordered = sorted(slots, key=lambda s: (s.start, s.id))
    for offset in range(15):
        day = now.date() + timedelta(days=offset)
        for slot in ordered:
            if rules.on_weekday(slot.weekdays, day) and datetime.combine(day, slot.start) > now:
                return day, slot
    return None
