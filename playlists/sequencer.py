"""Build one session's running order from candidate segments (pure, deterministic).

Order of choice: opening and closing frames, then emergency items, then the fixed
after-opening / before-closing items, then priority and normal items; each class fills the
room left with the best-valued set that fits (playlists.fitting). Order on air: opening,
after-opening, body by class/weight/recency, repeats, before-closing, closing; pinned
items keep the positions they were pinned at.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from playlists import reasons, rules
from playlists.fitting import best_subset
from playlists.offers import Offer, Skipped, day_offers, value_of
from playlists.running_order import insert_place
from playlists.state import AirState, TopicBook
from playlists.types import (
    BulletinClass,
    FixedPosition,
    PhaseWindow,
    PlannedItem,
    PlannedPlaylist,
    SegmentCandidate,
    SlotSpec,
    TopicShare,
)

_CLASSES = (BulletinClass.EMERGENCY, BulletinClass.PRIORITY, BulletinClass.NORMAL)


@dataclass(frozen=True)
class Pin:
    """A segment kept by hand at a position of the session."""

    segment_id: int
    position: int


class _Room:
    """Exact running length of the items chosen so far."""

    def __init__(self, slot: SlotSpec) -> None:
        self.max, self.gap, self.count, self.sum = slot.max_seconds, slot.gap_s, 0, 0.0

    def fits(self, duration: float) -> bool:
        return self.sum + duration + self.gap * self.count <= self.max

    def add(self, duration: float) -> None:
        self.sum += duration
        self.count += 1

    def capacity(self) -> float:
        """Room for items weighted duration + gap."""
        if self.count == 0:
            return self.max + self.gap
        return self.max - (self.sum + self.gap * (self.count - 1))


@dataclass
class _Plan:
    """Working state of one session."""

    day: date
    room: _Room
    state: AirState
    skipped: Skipped


def _split(
    offers: Sequence[Offer], pins: Sequence[Offer], state: AirState
) -> dict[str, list[Offer]]:
    """Group offers by place, in preference order; a pinned frame or fixed item leads."""
    groups: dict[str, list[Offer]] = {k: [] for k in ("open", "close", "after", "before", "body")}
    for offer in offers:
        groups[offer.place].append(offer)
    for place, pool in groups.items():
        frame = place in ("open", "close")
        pool.sort(key=(lambda o: o.frame_rank(state)) if frame else (lambda o: o.rank(state)))
    for pin in pins:
        if pin.place != "body":
            groups[pin.place] = [pin, *groups[pin.place]]
    return groups


def _pick_one(plan: _Plan, pool: list[Offer], other: str, pinned: Collection[int]) -> list[Offer]:
    """Choose the first item (in rank order) that fits; the rest are skipped."""
    chosen: list[Offer] = []
    for offer in pool:
        if offer.seg.id in pinned and not chosen:
            chosen.append(offer)
        elif chosen:
            plan.skipped.append((offer.seg.id, other))
        elif plan.room.fits(offer.seg.duration_s):
            plan.room.add(offer.seg.duration_s)
            chosen.append(offer)
        else:
            plan.skipped.append((offer.seg.id, reasons.NOT_ENOUGH_TIME))
    return [offer for offer in chosen if offer.seg.id not in pinned]


def _fill(plan: _Plan, pool: list[Offer]) -> list[Offer]:
    """Take the best-valued subset of ``pool`` that fits, then any item that still fits."""
    if not pool:
        return []
    gap = plan.room.gap
    values = [value_of(o, plan.day, plan.state) for o in pool]
    weights = [o.seg.duration_s + gap for o in pool]
    picked = set(best_subset(values, weights, plan.room.capacity()))
    chosen: list[Offer] = []
    for index, offer in enumerate(pool):
        if index in picked and plan.room.fits(offer.seg.duration_s):
            plan.room.add(offer.seg.duration_s)
            chosen.append(offer)
    for index, offer in enumerate(pool):
        if index not in picked and plan.room.fits(offer.seg.duration_s):
            plan.room.add(offer.seg.duration_s)
            chosen.append(offer)
    taken = {id(o) for o in chosen}
    plan.skipped.extend((o.seg.id, reasons.NOT_ENOUGH_TIME) for o in pool if id(o) not in taken)
    return sorted(chosen, key=lambda o: o.rank(plan.state))


def _repeats(plan: _Plan, body: list[Offer]) -> list[Offer]:
    """Air again, once, body items that allow repeats, while time is left."""
    extra: list[Offer] = []
    for offer in body:
        seg = offer.seg
        if not seg.allow_repeat:
            continue
        today = plan.state.day_counts.get(seg.id, 0) + 1
        if seg.max_per_day is not None and today >= seg.max_per_day:
            continue
        if plan.room.fits(seg.duration_s):
            plan.room.add(seg.duration_s)
            extra.append(offer)
    return extra


def _choose(plan: _Plan, groups: dict[str, list[Offer]], pinned: Collection[int]) -> list[Offer]:
    """Choose every item of the session, in airing order, pins excluded."""
    opening = _pick_one(plan, groups["open"], reasons.OTHER_OPENING_CHOSEN, pinned)
    closing = _pick_one(plan, groups["close"], reasons.OTHER_CLOSING_CHOSEN, pinned)
    by_class = {c: [o for o in groups["body"] if o.seg.bulletin_class is c] for c in _CLASSES}
    body = _fill(plan, by_class[BulletinClass.EMERGENCY])
    other = reasons.OTHER_FIXED_CHOSEN
    after = _pick_one(plan, groups["after"], other, pinned)
    before = _pick_one(plan, groups["before"], other, pinned)
    for cls in _CLASSES[1:]:
        body += _fill(plan, by_class[cls])
    body.sort(key=lambda o: o.rank(plan.state))
    return [*opening, *after, *body, *_repeats(plan, body), *before, *closing]


def _layout(
    plan: _Plan, order: list[Offer], pins: list[tuple[Pin, Offer]], slot: SlotSpec
) -> tuple[tuple[PlannedItem, ...], float]:
    """Insert pins at their positions, lay out the order and write each item's reason."""
    entries: list[tuple[Offer, bool, bool]] = []
    seen: set[int] = set()
    for offer in order:
        entries.append((offer, False, offer.seg.id in seen))
        seen.add(offer.seg.id)
    for pin, offer in sorted(pins, key=lambda p: (p[0].position, p[0].segment_id)):
        roles = [entry[0].seg.role for entry in entries]
        entries.insert(insert_place(roles, pin.position, offer.seg.role), (offer, True, False))
    offsets, total = rules.layout([e[0].seg.duration_s for e in entries], slot.gap_s)
    items = tuple(
        PlannedItem(
            segment_id=offer.seg.id,
            position=index,
            start_offset_s=offset,
            duration_s=offer.seg.duration_s,
            reason=_reason(plan, offer, pinned, repeat),
            pinned=pinned,
        )
        for index, ((offer, pinned, repeat), offset) in enumerate(
            zip(entries, offsets, strict=True)
        )
    )
    return items, total


def _reason(plan: _Plan, offer: Offer, pinned: bool, repeat: bool) -> str:
    """The Vietnamese reason an item is in the session."""
    if pinned:
        return reasons.PINNED
    if repeat:
        return reasons.REPEAT
    if offer.place == "open":
        return reasons.OPENING
    if offer.place == "close":
        return reasons.CLOSING
    extras: list[str] = []
    fixed = offer.seg.fixed_position
    if fixed is not None and fixed.value in reasons.FIXED_LABELS:
        extras.append(reasons.FIXED_LABELS[fixed.value])
    owed = offer.owed(plan.state)
    if owed is not None:
        extras.append(reasons.topic_text(owed))
    phase = offer.phase
    last = plan.state.last_aired.get(offer.seg.id)
    return reasons.body_reason(
        offer.seg.bulletin_class,
        phase.label if phase is not None else None,
        phase.in_peak(plan.day) if phase is not None else False,
        None if last is None else max(0, (plan.day - last).days),
        tuple(extras),
    )


def plan_session(
    day: date,
    slot: SlotSpec,
    offers: Sequence[Offer],
    state: AirState,
    skipped: Skipped,
    pins: Sequence[Pin] = (),
    removed: Collection[int] = (),
) -> PlannedPlaylist:
    """Plan one session from the day's eligible offers and the airing history so far."""
    by_id = {o.seg.id: o for o in offers}
    pin_pairs = [(p, by_id[p.segment_id]) for p in pins if p.segment_id in by_id]
    pinned = {p.segment_id for p, _ in pin_pairs}
    plan = _Plan(day, _Room(slot), state, skipped)
    for _pin, offer in pin_pairs:
        plan.room.add(offer.seg.duration_s)
    free: list[Offer] = []
    for offer in offers:
        if offer.seg.id in pinned:
            continue
        if offer.seg.id in removed:
            skipped.append((offer.seg.id, reasons.REMOVED_BY_HAND))
            continue
        why = rules.history_reason(
            offer.seg,
            day,
            state.last_aired.get(offer.seg.id),
            state.day_counts.get(offer.seg.id, 0),
            state.week_counts.get(offer.seg.id, 0),
        )
        if why:
            skipped.append((offer.seg.id, why))
        else:
            free.append(offer)
    order = _choose(plan, _split(free, [o for _, o in pin_pairs], state), pinned)
    items, total = _layout(plan, order, pin_pairs, slot)
    return PlannedPlaylist(
        day=day,
        slot_id=slot.id,
        items=items,
        total_s=total,
        unused_s=slot.max_seconds - total,
        skipped=tuple(sorted(skipped, key=lambda entry: entry[0])),
    )


def build_daily_playlist(
    day: date,
    slot: SlotSpec,
    segments: Sequence[SegmentCandidate],
    phases: Sequence[PhaseWindow],
    topics: Sequence[TopicShare] = (),
    pins: Sequence[Pin] = (),
    removed: Collection[int] = (),
) -> PlannedPlaylist:
    """Plan one session: frames, fixed positions and the body, within max_seconds.

    The airing history comes from the candidates (``last_aired``, ``aired_today``,
    ``aired_this_week``). Every input segment ends up either in ``items`` or in
    ``skipped`` (with a reason); pinned segments are kept even if otherwise ineligible.
    """
    state = AirState.from_candidates(segments, day)
    state.topics = TopicBook.build(topics, segments)
    active = {p.id: p for p in phases if p.is_active(day)}
    offers, skipped = day_offers(day, segments, active, {p.segment_id for p in pins})
    return plan_session(day, slot, offers, state, skipped, pins, removed)


__all__ = ["FixedPosition", "Pin", "build_daily_playlist", "plan_session"]
