"""Manual edits of a session's playlist: insert, remove, pin, move an item.

Inserted and moved items are pinned so that re-planning keeps them where they were put;
removed segments are remembered so that re-planning does not bring them back. A locked
session refuses every edit (``session.locked``); the opening stays first and the closing
last: a place before the opening or after the closing is clamped to the nearest allowed one.
"""

from collections.abc import Sequence

from sqlmodel import Session

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import BroadcastSession, PlaylistItem, Segment, SessionStatus
from broadcast.programming.candidates import segment_role
from broadcast.programming.locking import refuse_locked
from broadcast.programming.service import session_items, station_slot
from broadcast.segments import is_cleared_to_air, segment_duration
from playlists import SegmentRole
from playlists.rules import layout
from playlists.running_order import default_insert, insert_place, move_place


def relayout(
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


def item_roles(db: Session, items: Sequence[PlaylistItem]) -> list[SegmentRole]:
    """The role of each item's segment (opening, closing or body), in order."""
    return [segment_role(crud.get_or_raise(db, Segment, i.segment_id).kind) for i in items]


def insert_item(
    db: Session,
    session: BroadcastSession,
    segment_id: int,
    position: int | None,
    gap_s: float,
) -> tuple[BroadcastSession, int]:
    """Insert an approved segment of the same station (pinned), by default before the closing.

    A place before the opening or after the closing is clamped between them; an opening or
    closing segment takes its own place, if the session does not have one already. Returns
    the session and where the segment went.
    """
    refuse_locked(session)
    segment = db.get(Segment, segment_id)
    if segment is None or segment.station_id != session.station_id:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} không thuộc đài này")
    if not is_cleared_to_air(db, segment):
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa được duyệt")
    duration = segment_duration(db, segment)
    if not duration:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa có âm thanh")
    items = list(session_items(db, session))
    roles = item_roles(db, items)
    if position is not None and not 0 <= position <= len(items):
        raise InvalidInput("position", f"vị trí phải từ 0 đến {len(items)}")
    role = segment_role(segment.kind)
    if role is not SegmentRole.BODY and role in roles:
        frame = "lời mở đầu" if role is SegmentRole.OPENING else "lời kết thúc"
        raise InvalidInput("segment_id", f"buổi phát đã có {frame}; hãy bỏ mục cũ trước")
    place = default_insert(roles) if position is None else insert_place(roles, position, role)
    item = PlaylistItem(
        playlist_id=session.id or 0,
        position=place,
        segment_id=segment_id,
        start_offset_s=0.0,
        duration_s=round(duration, 3),
        reason="Thêm thủ công",
        pinned=True,
    )
    items.insert(place, item)
    session.removed_ids = [sid for sid in session.removed_ids if sid != segment_id]
    return relayout(db, session, items, gap_s), place


def remove_item(
    db: Session, session: BroadcastSession, position: int, gap_s: float
) -> BroadcastSession:
    """Remove the item at ``position`` and keep its segment out when re-planning."""
    refuse_locked(session)
    items = list(session_items(db, session))
    item = _at(items, position)
    items.remove(item)
    db.delete(item)
    crud.flush(db)
    if item.segment_id not in session.removed_ids:
        session.removed_ids = [*session.removed_ids, item.segment_id]
    return relayout(db, session, items, gap_s)


def pin_item(
    db: Session, session: BroadcastSession, position: int, pinned: bool
) -> BroadcastSession:
    """Pin (or unpin) the item at ``position``."""
    refuse_locked(session)
    item = _at(session_items(db, session), position)
    item.pinned = pinned
    db.add(item)
    crud.flush(db)
    return session


def move_item(
    db: Session, session: BroadcastSession, position: int, to: int, gap_s: float
) -> tuple[BroadcastSession, int]:
    """Move the item at ``position`` towards ``to`` and pin it; returns where it landed.

    The opening and closing keep their places; a body item asked to go before the opening
    or after the closing lands next to it.
    """
    refuse_locked(session)
    items = list(session_items(db, session))
    item = _at(items, position)
    _at(items, to, "to")
    place = move_place(item_roles(db, items), position, to)
    if place == position:
        return session, place
    items.remove(item)
    items.insert(place, item)
    item.pinned = True
    return relayout(db, session, items, gap_s), place
