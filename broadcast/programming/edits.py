"""Manual edits of a session's playlist: insert, remove, pin, move an item; lock a session/day.

Inserted and moved items are pinned so that re-planning keeps them where they were put;
removed segments are remembered so that re-planning does not bring them back.
"""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import BroadcastSession, PlaylistItem, Segment, SessionStatus
from broadcast.programming.service import session_items, station_slot
from broadcast.segments import is_cleared_to_air, segment_duration
from playlists.rules import layout


def _relayout(
    db: Session, session: BroadcastSession, items: Sequence[PlaylistItem], gap_s: float
) -> BroadcastSession:
    """Renumber and re-time the items in the given order; refuse an overflowing session."""
    _station, slot = station_slot(db, session.station_id, session.slot_id)
    offsets, total = layout([i.duration_s for i in items], gap_s)
    if total > slot.max_seconds + 1e-6:
        raise Conflict(
            f"buổi phát sẽ dài {total:.0f} giây, vượt thời lượng tối đa {slot.max_seconds} giây",
            code="session.over_slot",
        )
    for position, (item, offset) in enumerate(zip(items, offsets, strict=True)):
        item.position, item.start_offset_s = position, round(offset, 3)
        db.add(item)
    session.total_s = round(total, 3)
    session.unused_s = round(slot.max_seconds - total, 3)
    session.status = SessionStatus.GENERATED
    db.add(session)
    crud.flush(db)
    return session


def _at(items: Sequence[PlaylistItem], position: int, field: str = "position") -> PlaylistItem:
    """The item at ``position`` or InvalidInput naming ``field``."""
    if not 0 <= position < len(items):
        raise InvalidInput(field, f"không có mục ở vị trí {position} (0 … {len(items) - 1})")
    return items[position]


def insert_item(
    db: Session, session: BroadcastSession, segment_id: int, position: int, gap_s: float
) -> BroadcastSession:
    """Insert an approved segment of the same station at ``position`` (pinned)."""
    segment = db.get(Segment, segment_id)
    if segment is None or segment.station_id != session.station_id:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} không thuộc đài này")
    if not is_cleared_to_air(db, segment):
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa được duyệt")
    duration = segment_duration(db, segment)
    if not duration:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa có âm thanh")
    items = list(session_items(db, session))
    if not 0 <= position <= len(items):
        raise InvalidInput("position", f"vị trí phải từ 0 đến {len(items)}")
    item = PlaylistItem(
        playlist_id=session.id or 0,
        position=position,
        segment_id=segment_id,
        start_offset_s=0.0,
        duration_s=round(duration, 3),
        reason="Thêm thủ công",
        pinned=True,
    )
    items.insert(position, item)
    session.removed_ids = [sid for sid in session.removed_ids if sid != segment_id]
    return _relayout(db, session, items, gap_s)


def remove_item(
    db: Session, session: BroadcastSession, position: int, gap_s: float
) -> BroadcastSession:
    """Remove the item at ``position`` and keep its segment out when re-planning."""
    items = list(session_items(db, session))
    item = _at(items, position)
    items.remove(item)
    db.delete(item)
    crud.flush(db)
    if item.segment_id not in session.removed_ids:
        session.removed_ids = [*session.removed_ids, item.segment_id]
    return _relayout(db, session, items, gap_s)


def pin_item(
    db: Session, session: BroadcastSession, position: int, pinned: bool
) -> BroadcastSession:
    """Pin (or unpin) the item at ``position``."""
    item = _at(session_items(db, session), position)
    item.pinned = pinned
    db.add(item)
    crud.flush(db)
    return session


def move_item(
    db: Session, session: BroadcastSession, position: int, to: int, gap_s: float
) -> BroadcastSession:
    """Move the item at ``position`` to ``to`` and pin it there."""
    items = list(session_items(db, session))
    item = _at(items, position)
    _at(items, to, "to")
    items.remove(item)
    items.insert(to, item)
    item.pinned = True
    return _relayout(db, session, items, gap_s)


def lock_session(db: Session, session: BroadcastSession, locked: bool) -> BroadcastSession:
    """Lock (or unlock) a session against re-planning."""
    session.locked = locked
    db.add(session)
    crud.flush(db)
    return session


def lock_day(db: Session, station_id: int, day: date, locked: bool) -> list[BroadcastSession]:
    """Lock (or unlock) every stored session of a station on a day."""
    query = select(BroadcastSession).where(
        BroadcastSession.station_id == station_id, BroadcastSession.day == day
    )
    sessions = list(db.exec(query.order_by(col(BroadcastSession.slot_id))).all())
    if not sessions:
        raise InvalidInput("day", f"chưa có buổi phát nào ngày {day.strftime('%d/%m/%Y')}")
    return [lock_session(db, p, locked) for p in sessions]
