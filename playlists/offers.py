"""A segment offered for one day: its place, the phase it serves and its value."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from playlists import reasons
from playlists.rules import CLASS_RANK, GENERAL_WEIGHT
from playlists.state import AirState
from playlists.types import FixedPosition, PhaseWindow, SegmentCandidate, SegmentRole

Skipped = list[tuple[int, str]]

#: Seconds of owed topic airtime that double a segment's value.
NEED_SCALE = 120.0
#: Days after which "not aired for a while" stops adding value.
RECENCY_CAP_DAYS = 30

_PLACES = {
    FixedPosition.OPENING: "open",
    FixedPosition.AFTER_OPENING: "after",
    FixedPosition.BEFORE_CLOSING: "before",
    FixedPosition.CLOSING: "close",
}


def place_of(seg: SegmentCandidate) -> str:
    """Where the segment goes: open, after, body, before or close."""
    if seg.role is SegmentRole.OPENING:
        return "open"
    if seg.role is SegmentRole.CLOSING:
        return "close"
    return _PLACES.get(seg.fixed_position, "body") if seg.fixed_position else "body"


@dataclass(frozen=True)
class Offer:
    """An eligible segment on a day, with the served phase of highest effective weight."""

    seg: SegmentCandidate
    phase: PhaseWindow | None
    weight: float
    place: str

    def recency(self, state: AirState) -> tuple[int, date]:
        """Never aired first, then the least recently aired."""
        last = state.last_aired.get(self.seg.id)
        return (0, date.min) if last is None else (1, last)

    def rank(self, state: AirState) -> tuple[int, int, float, tuple[int, date], int]:
        """Order on air and of preference: class, place in the class, weight (desc), recency,
        id."""
        seg = self.seg
        rank = CLASS_RANK[seg.bulletin_class]
        return (rank, seg.class_order, -self.weight, self.recency(state), seg.id)

    def frame_rank(self, state: AirState) -> tuple[tuple[int, date], int]:
        """Preference among openings or closings: least recently aired, then id."""
        return (self.recency(state), self.seg.id)

    def owed(self, state: AirState) -> float | None:
        """Seconds the segment's most behind topic owes in its phase (None: no topic)."""
        if self.phase is None:
            return None
        mine = state.topics.topics_in(self.seg, self.phase.id)
        if not mine:
            return None
        return max(state.topics.owed(t) for t in mine)


def value_of(offer: Offer, day: date, state: AirState) -> float:
    """Value of airing the offer: seconds × phase weight × recency × topic need."""
    last = state.last_aired.get(offer.seg.id)
    days = RECENCY_CAP_DAYS if last is None else min(max(0, (day - last).days), RECENCY_CAP_DAYS)
    recency = 1.0 + days / RECENCY_CAP_DAYS
    owed = offer.owed(state)
    need = 1.0 if owed is None else 1.0 + min(4.0, max(-0.8, owed / NEED_SCALE))
    return max(1e-6, offer.seg.duration_s * max(offer.weight, 1e-3) * recency * need)


def _phase_for(
    seg: SegmentCandidate, day: date, active: Mapping[int, PhaseWindow]
) -> PhaseWindow | None:
    """The active served phase of highest effective weight (ties: lowest id)."""
    best: PhaseWindow | None = None
    for pid in sorted(seg.phase_ids):
        phase = active.get(pid)
        if phase is not None and (
            best is None or phase.effective_weight(day) > best.effective_weight(day)
        ):
            best = phase
    return best


def offer_for(
    seg: SegmentCandidate, day: date, active: Mapping[int, PhaseWindow], forced: bool = False
) -> tuple[Offer | None, str]:
    """The segment's offer on ``day``, or (None, Vietnamese reason it cannot air)."""
    place = place_of(seg)
    phase = _phase_for(seg, day, active)
    weight = GENERAL_WEIGHT if seg.is_general else (phase.effective_weight(day) if phase else 0.0)
    offer = Offer(seg, phase, weight, place)
    if forced:
        return offer, ""
    if not seg.approved:
        return None, reasons.NOT_APPROVED
    if (seg.air_start is not None and day < seg.air_start) or (
        seg.air_end is not None and day > seg.air_end
    ):
        return None, reasons.OUT_OF_AIR_WINDOW
    if seg.weekdays and day.weekday() not in seg.weekdays:
        return None, reasons.WRONG_WEEKDAY
    if seg.role is SegmentRole.BODY and not seg.is_general and phase is None:
        return None, reasons.NO_ACTIVE_PHASE
    return offer, ""


def day_offers(
    day: date,
    segments: Sequence[SegmentCandidate],
    active: Mapping[int, PhaseWindow],
    forced: Collection[int] = (),
) -> tuple[list[Offer], Skipped]:
    """Offers of the eligible segments on ``day`` (first of each id) and the skip log."""
    offers: list[Offer] = []
    skipped: Skipped = []
    seen: set[int] = set()
    for seg in segments:
        if seg.id in seen:
            skipped.append((seg.id, reasons.DUPLICATE_ID))
            continue
        seen.add(seg.id)
        offer, why = offer_for(seg, day, active, seg.id in forced)
        if offer is None:
            skipped.append((seg.id, why))
        else:
            offers.append(offer)
    return offers, skipped
