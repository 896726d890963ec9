"""Programming: gather the data, call the pure sequencer for a session or a range, store it.

Re-planning keeps manual edits: a locked session is left as it is; pinned items keep their
positions and manually removed segments stay out; the rest is planned again.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, col, delete, select

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import (
    BroadcastSession,
    BroadcastSessionPublic,
    BulletinClass,
    PlaylistItem,
    PlaylistItemPublic,
    Segment,
    SessionSlot,
    SessionStatus,
    Station,
)
from broadcast.models.common import utcnow
from broadcast.programming.candidates import (
    aired_before,
    phase_windows,
    segment_candidates,
    slot_spec,
    station_slots,
    topic_shares,
)
from broadcast.programming.locking import refuse_locked
from broadcast.quiet_hours import (
    QUIET_CODE,
    quiet_reason,
    quiet_slots,
    slot_quiet_window,
    station_windows,
)
from playlists import Pin, PlannedPlaylist, RangeInput, SessionOverride, plan_range
from playlists.campaign import history_from
from playlists.types import PlannedItem

WEEKDAYS_VI = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
#: Longest range programmed in one call (days after the first).
MAX_RANGE_DAYS = 730
#: Longest range shown in one view (schedule, reports).
MAX_VIEW_DAYS = 730


def station_slot(db: Session, station_id: int, slot_id: int) -> tuple[Station, SessionSlot]:
    """The station and one of its slots, or InvalidInput naming the wrong field."""
    station = db.get(Station, station_id)
    if station is None:
        raise InvalidInput("station_id", f"đài {station_id} không tồn tại", code="station.missing")
    slot = db.get(SessionSlot, slot_id)
    if slot is None or slot.station_id != station_id:
        raise InvalidInput(
            "slot_id", f"khung giờ {slot_id} không tồn tại ở đài {station_id}", code="slot.missing"
        )
    return station, slot


def _overrides(
    db: Session, station_id: int, start: date, end: date
) -> tuple[dict[tuple[date, int], SessionOverride], dict[tuple[date, int], BroadcastSession]]:
    """Manual edits of the stored sessions in the range, and those sessions by (day, slot)."""
    stored = {(p.day, p.slot_id): p for p in list_sessions(db, station_id, start, end)}
    overrides: dict[tuple[date, int], SessionOverride] = {}
    for key, session in stored.items():
        items = session_items(db, session)
        if session.locked:
            overrides[key] = SessionOverride(locked=tuple(_planned(items)))
            continue
        pins = tuple(Pin(i.segment_id, i.position) for i in items if i.pinned)
        if pins or session.removed_ids:
            overrides[key] = SessionOverride(pins=pins, removed=frozenset(session.removed_ids))
    return overrides, stored


def _planned(items: Sequence[PlaylistItem]) -> list[PlannedItem]:
    """Stored items as planned items (for locked sessions)."""
    return [
        PlannedItem(i.segment_id, i.position, i.start_offset_s, i.duration_s, i.reason, i.pinned)
        for i in items
    ]


def _range_input(
    db: Session, station_id: int, slots: Sequence[SessionSlot], gap_s: float
) -> RangeInput:
    """Slots, segments, phases and topics of the station as plain values."""
    return RangeInput(
        slots=[slot_spec(slot, gap_s) for slot in slots],
        segments=segment_candidates(db, station_id),
        phases=phase_windows(db, station_id),
        topics=topic_shares(db, station_id),
    )


def _store(
    db: Session, station_id: int, plan: PlannedPlaylist, session: BroadcastSession | None
) -> tuple[BroadcastSession, dict[str, Any]]:
    """Save a planned session over the stored one; returns it and what changed."""
    stored = list(session_items(db, session)) if session else []
    before = [i.segment_id for i in stored]
    kept = {"added": [], "removed": [], "pinned": [i.segment_id for i in stored if i.pinned]}
    if session is not None and session.locked:
        return session, {"locked": True, **kept, "same": True}
    same = [(i.segment_id, i.pinned) for i in stored] == [
        (i.segment_id, i.pinned) for i in plan.items
    ]
    if session is not None and same:
        _retime(db, session, stored, plan)
        return session, {"locked": False, **kept, "same": True}
    session = session or BroadcastSession(station_id=station_id, day=plan.day, slot_id=plan.slot_id)
    session.status = SessionStatus.GENERATED
    session.total_s = round(plan.total_s, 3)
    session.unused_s = round(plan.unused_s, 3)
    session.skipped = [{"segment_id": sid, "reason": why} for sid, why in plan.skipped]
    session.generated_at = utcnow()
    db.add(session)
    crud.flush(db)
    db.exec(delete(PlaylistItem).where(col(PlaylistItem.playlist_id) == session.id))
    for item in plan.items:
        db.add(
            PlaylistItem(
                playlist_id=session.id or 0,
                position=item.position,
                segment_id=item.segment_id,
                start_offset_s=round(item.start_offset_s, 3),
                duration_s=round(item.duration_s, 3),
                reason=item.reason,
                pinned=item.pinned,
            )
        )
    crud.flush(db)
    after = [i.segment_id for i in plan.items]
    return session, {
        "locked": False,
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "pinned": [i.segment_id for i in plan.items if i.pinned],
        "reordered": before != after and sorted(before) == sorted(after),
        "same": False,
    }


def _retime(
    db: Session, session: BroadcastSession, stored: Sequence[PlaylistItem], plan: PlannedPlaylist
) -> None:
    """Same items: refresh lengths and offsets (e.g. real speech replaced an estimate)."""
    for item, planned in zip(stored, plan.items, strict=True):
        timing = (round(planned.duration_s, 3), round(planned.start_offset_s, 3))
        if (item.duration_s, item.start_offset_s) != timing:
            item.duration_s, item.start_offset_s = timing
            db.add(item)
    session.total_s, session.unused_s = round(plan.total_s, 3), round(plan.unused_s, 3)
    db.add(session)
    crud.flush(db)


def generate_session(
    db: Session,
    station_id: int,
    day: date,
    slot_id: int,
    gap_s: float,
    *,
    edit: bool = False,
    emergency: bool = False,
) -> tuple[BroadcastSession, dict[str, Any]]:
    """Build (or rebuild) one session, keeping its manual edits; returns what changed.

    A locked session is left as it is, or refused (``session.locked``) when ``edit`` says an
    operator asked for this very session to be re-planned. A slot in quiet hours is refused
    (``slot.quiet_hours``) unless ``emergency``: then only emergency bulletins are planned.
    """
    station, slot = station_slot(db, station_id, slot_id)
    if day.weekday() not in slot.weekdays:
        raise InvalidInput(
            "day", f"khung giờ {slot.name} không phát vào {WEEKDAYS_VI[day.weekday()]}"
        )
    window = slot_quiet_window(station_windows(station), slot)
    if window is not None and not emergency:
        raise Conflict(quiet_reason(slot, window), code=QUIET_CODE)
    data = _range_input(db, station_id, [slot], gap_s)
    if window is not None:
        data.segments = [s for s in data.segments if s.bulletin_class is BulletinClass.EMERGENCY]
    overrides, stored = _overrides(db, station_id, day, day)
    current = stored.get((day, slot_id))
    if edit and current is not None:
        refuse_locked(current)
    data.overrides = {k: v for k, v in overrides.items() if k[1] == slot_id}
    data.full_report = True
    aired = aired_before(db, station_id, day, same_day_except=slot_id)
    state = history_from(aired, data.segments, data.phases, data.topics)
    (plan,) = plan_range(day, day, data, state)
    return _store(db, station_id, plan, current)


def programme_range(
    db: Session, station_id: int, start: date, end: date, gap_s: float
) -> list[tuple[BroadcastSession, dict[str, Any]]]:
    """Build (or rebuild) every session from ``start`` to ``end``, keeping manual edits.

    Slots in quiet hours are left out (``broadcast.quiet_hours.quiet_skips`` lists them).
    """
    station = db.get(Station, station_id)
    if station is None:
        raise InvalidInput("station_id", f"đài {station_id} không tồn tại")
    if end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    if (end - start).days > MAX_RANGE_DAYS:
        raise InvalidInput("to", f"mỗi lần lập lịch tối đa {MAX_RANGE_DAYS + 1} ngày")
    slots = station_slots(db, station_id)
    quiet = quiet_slots(station, slots)
    data = _range_input(db, station_id, [s for s in slots if s.id not in quiet], gap_s)
    data.overrides, stored = _overrides(db, station_id, start, end)
    state = history_from(
        aired_before(db, station_id, start), data.segments, data.phases, data.topics
    )
    return [
        _store(db, station_id, plan, stored.get((plan.day, plan.slot_id)))
        for plan in plan_range(start, end, data, state)
    ]


def session_items(db: Session, session: BroadcastSession) -> Sequence[PlaylistItem]:
    """A session's playlist: its items in airing order."""
    query = select(PlaylistItem).where(PlaylistItem.playlist_id == session.id)
    return db.exec(query.order_by(col(PlaylistItem.position))).all()


def session_public(
    db: Session, session: BroadcastSession, changes: dict[str, Any] | None = None
) -> BroadcastSessionPublic:
    """The API view of a session with its items' titles."""
    slot = crud.get_or_raise(db, SessionSlot, session.slot_id)
    items = []
    for item in session_items(db, session):
        segment = crud.get_or_raise(db, Segment, item.segment_id)
        items.append(
            PlaylistItemPublic(
                position=item.position,
                segment_id=item.segment_id,
                title=segment.title,
                kind=segment.kind.value,
                start_offset_s=item.start_offset_s,
                duration_s=item.duration_s,
                reason=item.reason,
                pinned=item.pinned,
            )
        )
    return BroadcastSessionPublic.model_validate(
        session,
        update={
            "slot_start": slot.start.strftime("%H:%M"),
            "max_seconds": slot.max_seconds,
            "items": items,
            "changes": changes,
        },
    )


def list_sessions(
    db: Session, station_id: int | None, start: date | None, end: date | None
) -> Sequence[BroadcastSession]:
    """Stored sessions filtered by station and an inclusive date range."""
    if start is not None and end is not None and end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    query = select(BroadcastSession)
    if station_id is not None:
        query = query.where(BroadcastSession.station_id == station_id)
    if start is not None:
        query = query.where(col(BroadcastSession.day) >= start)
    if end is not None:
        query = query.where(col(BroadcastSession.day) <= end)
    return db.exec(query.order_by(col(BroadcastSession.day), col(BroadcastSession.slot_id))).all()


def check_range(start: date, end: date) -> None:
    """Refuse an inverted or too long range, naming the field."""
    if end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    if (end - start).days > MAX_VIEW_DAYS:
        raise InvalidInput("to", f"tối đa {MAX_VIEW_DAYS + 1} ngày mỗi lần xem")
