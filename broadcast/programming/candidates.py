"""Plain values for the sequencer: phases, topics, slots, segments and airing history."""

from datetime import date

from sqlmodel import Session, col, select

from broadcast.models import (
    BroadcastSession,
    Campaign,
    CampaignStatus,
    Phase,
    PlaylistItem,
    Segment,
    SegmentKind,
    SegmentPhaseLink,
    SegmentStatus,
    SegmentTopicLink,
    SessionSlot,
    Topic,
)
from broadcast.models.session import BulletinDelivery
from broadcast.segments import is_cleared_to_air, segment_duration
from playlists import PhaseWindow, SegmentCandidate, SegmentRole, SlotSpec, TopicShare

_ROLES = {SegmentKind.OPENING: SegmentRole.OPENING, SegmentKind.CLOSING: SegmentRole.CLOSING}


def segment_role(kind: SegmentKind) -> SegmentRole:
    """Where a segment of this kind goes in a session: the opening, the closing or the body."""
    return _ROLES.get(kind, SegmentRole.BODY)


def phase_span(phase: Phase) -> tuple[date, date]:
    """A phase's inclusive dates; an undated (draft) phase covers no day."""
    if phase.starts_on is None or phase.ends_on is None:
        return date.max, date.min
    return phase.starts_on, phase.ends_on


def phase_live(phase: Phase, day: date) -> bool:
    """True if ``day`` lies within the phase's dates."""
    first, last = phase_span(phase)
    return first <= day <= last


def active_phases(db: Session, station_id: int) -> list[Phase]:
    """The dated phases of the station's active campaigns, by id."""
    query = (
        select(Phase)
        .join(Campaign, col(Campaign.id) == Phase.campaign_id)
        .where(Campaign.station_id == station_id, Campaign.status == CampaignStatus.ACTIVE)
        .order_by(col(Phase.id))
    )
    return [p for p in db.exec(query).all() if p.starts_on and p.ends_on]


def phase_windows(db: Session, station_id: int) -> list[PhaseWindow]:
    """The phases of the station's active campaigns as plain values."""
    return [
        PhaseWindow(
            id=phase.id or 0,
            label=phase.title,
            start=phase_span(phase)[0],
            end=phase_span(phase)[1],
            weight=phase.weight,
            peak_start=phase.peak_starts_on,
            peak_end=phase.peak_ends_on,
        )
        for phase in active_phases(db, station_id)
        if phase.starts_on is not None and phase.ends_on is not None  # undated draft phases
    ]


def topic_shares(db: Session, station_id: int) -> list[TopicShare]:
    """The topics of the station's active phases with their weights."""
    phase_ids = [p.id for p in active_phases(db, station_id)]
    query = select(Topic).where(col(Topic.phase_id).in_(phase_ids)).order_by(col(Topic.id))
    return [TopicShare(t.id or 0, t.phase_id, t.weight) for t in db.exec(query)]


def slot_spec(slot: SessionSlot, gap_s: float) -> SlotSpec:
    """A stored session slot as a plain value."""
    return SlotSpec(
        id=slot.id or 0,
        start=slot.start,
        max_seconds=float(slot.max_seconds),
        gap_s=gap_s,
        weekdays=tuple(slot.weekdays),
    )


def station_slots(db: Session, station_id: int) -> list[SessionSlot]:
    """The station's session slots by start time."""
    query = select(SessionSlot).where(SessionSlot.station_id == station_id)
    return sorted(db.exec(query).all(), key=lambda s: (s.start, s.id or 0))


def _links(db: Session) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """segment id → linked phase ids and → linked topic ids, ascending."""
    phases: dict[int, list[int]] = {}
    topics: dict[int, list[int]] = {}
    for link in db.exec(select(SegmentPhaseLink)):
        phases.setdefault(link.segment_id, []).append(link.phase_id)
    for tlink in db.exec(select(SegmentTopicLink)):
        topics.setdefault(tlink.segment_id, []).append(tlink.topic_id)
    return (
        {k: sorted(v) for k, v in phases.items()},
        {k: sorted(v) for k, v in topics.items()},
    )


def segment_candidates(db: Session, station_id: int) -> list[SegmentCandidate]:
    """The station's segments that are not retired and have a length, as plain values."""
    segments = db.exec(
        select(Segment)
        .where(Segment.station_id == station_id, Segment.status != SegmentStatus.RETIRED)
        .order_by(col(Segment.id))
    ).all()
    phases, topics = _links(db)
    orders = _bulletin_orders(db, station_id)
    candidates = []
    for seg in segments:
        duration = segment_duration(db, seg)
        if not duration:
            continue
        sid = seg.id or 0
        candidates.append(
            SegmentCandidate(
                id=sid,
                title=seg.title,
                role=segment_role(seg.kind),
                bulletin_class=seg.bulletin_class,
                duration_s=duration,
                approved=is_cleared_to_air(db, seg),
                air_start=seg.air_start,
                air_end=seg.air_end,
                phase_ids=tuple(phases.get(sid, ())),
                weekdays=tuple(seg.weekdays or ()),
                min_days_between=seg.min_days_between,
                max_per_day=seg.max_per_day,
                max_per_week=seg.max_per_week,
                fixed_position=seg.fixed_position,
                allow_repeat=seg.allow_repeat,
                topic_ids=tuple(topics.get(sid, ())),
                class_order=orders.get(sid, 0),
            )
        )
    return candidates


def _bulletin_orders(db: Session, station_id: int) -> dict[int, int]:
    """Copies of bulletins from above, by segment: -1 before the station's own items of their
    class (the default), 1 after them (the station's operator chose so)."""
    query = select(BulletinDelivery.segment_id, BulletinDelivery.bulletin_first).where(
        BulletinDelivery.station_id == station_id
    )
    return {segment_id: -1 if first else 1 for segment_id, first in db.exec(query)}


def aired_before(
    db: Session, station_id: int, day: date, same_day_except: int | None = None
) -> list[tuple[date, int]]:
    """(day, segment id) of programmed items before ``day``; with ``same_day_except``,
    also that day's items of the other slots."""
    query = (
        select(BroadcastSession, PlaylistItem)
        .join(PlaylistItem, col(BroadcastSession.id) == PlaylistItem.playlist_id)
        .where(BroadcastSession.station_id == station_id, col(BroadcastSession.day) <= day)
    )
    return [
        (session.day, item.segment_id)
        for session, item in db.exec(query)
        if session.day < day or (same_day_except is not None and session.slot_id != same_day_except)
    ]
