"""Manual edits of a stored playlist: insert, remove, pin, move an item; lock a session/day.

Inserted and moved items are pinned so that re-planning keeps them where they were put;
removed segments are remembered so that re-planning does not bring them back.
"""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import Playlist, PlaylistItem, PlaylistStatus, Segment
from broadcast.programming.service import playlist_items, station_slot
from broadcast.segments import is_cleared_to_air, segment_duration
from playlists.rules import layout


def _relayout(
    session: Session, playlist: Playlist, items: Sequence[PlaylistItem], gap_s: float
) -> Playlist:
    """Renumber and re-time the items in the given order; refuse an overflowing session."""
    _station, slot = station_slot(session, playlist.station_id, playlist.slot_id)
    offsets, total = layout([i.duration_s for i in items], gap_s)
    if total > slot.max_seconds + 1e-6:
        raise Conflict(
            f"buổi phát sẽ dài {total:.0f} giây, vượt thời lượng tối đa {slot.max_seconds} giây"
        )
    for position, (item, offset) in enumerate(zip(items, offsets, strict=True)):
        item.position, item.start_offset_s = position, round(offset, 3)
        session.add(item)
    playlist.total_s = round(total, 3)
    playlist.unused_s = round(slot.max_seconds - total, 3)
    playlist.status = PlaylistStatus.GENERATED
    session.add(playlist)
    crud.flush(session)
    return playlist


def _at(items: Sequence[PlaylistItem], position: int, field: str = "position") -> PlaylistItem:
    """The item at ``position`` or InvalidInput naming ``field``."""
    if not 0 <= position < len(items):
        raise InvalidInput(field, f"không có mục ở vị trí {position} (0 … {len(items) - 1})")
    return items[position]


def insert_item(
    session: Session, playlist: Playlist, segment_id: int, position: int, gap_s: float
) -> Playlist:
    """Insert an approved segment of the same station at ``position`` (pinned)."""
    segment = session.get(Segment, segment_id)
    if segment is None or segment.station_id != playlist.station_id:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} không thuộc đài này")
    if not is_cleared_to_air(session, segment):
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa được duyệt")
    duration = segment_duration(session, segment)
    if not duration:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa có âm thanh")
    items = list(playlist_items(session, playlist))
    if not 0 <= position <= len(items):
        raise InvalidInput("position", f"vị trí phải từ 0 đến {len(items)}")
    item = PlaylistItem(
        playlist_id=playlist.id or 0,
        position=position,
        segment_id=segment_id,
        start_offset_s=0.0,
        duration_s=round(duration, 3),
        reason="Thêm thủ công",
        pinned=True,
    )
    items.insert(position, item)
    playlist.removed_ids = [sid for sid in playlist.removed_ids if sid != segment_id]
    return _relayout(session, playlist, items, gap_s)


def remove_item(session: Session, playlist: Playlist, position: int, gap_s: float) -> Playlist:
    """Remove the item at ``position`` and keep its segment out when re-planning."""
    items = list(playlist_items(session, playlist))
    item = _at(items, position)
    items.remove(item)
    session.delete(item)
    crud.flush(session)
    if item.segment_id not in playlist.removed_ids:
        playlist.removed_ids = [*playlist.removed_ids, item.segment_id]
    return _relayout(session, playlist, items, gap_s)


def pin_item(session: Session, playlist: Playlist, position: int, pinned: bool) -> Playlist:
    """Pin (or unpin) the item at ``position``."""
    item = _at(playlist_items(session, playlist), position)
    item.pinned = pinned
    session.add(item)
    crud.flush(session)
    return playlist


def move_item(
    session: Session, playlist: Playlist, position: int, to: int, gap_s: float
) -> Playlist:
    """Move the item at ``position`` to ``to`` and pin it there."""
    items = list(playlist_items(session, playlist))
    item = _at(items, position)
    _at(items, to, "to")
    items.remove(item)
    items.insert(to, item)
    item.pinned = True
    return _relayout(session, playlist, items, gap_s)


def lock_playlist(session: Session, playlist: Playlist, locked: bool) -> Playlist:
    """Lock (or unlock) a session against re-planning."""
    playlist.locked = locked
    session.add(playlist)
    crud.flush(session)
    return playlist


def lock_day(session: Session, station_id: int, day: date, locked: bool) -> list[Playlist]:
    """Lock (or unlock) every stored session of a station on a day."""
    query = select(Playlist).where(Playlist.station_id == station_id, Playlist.day == day)
    playlists = list(session.exec(query.order_by(col(Playlist.slot_id))).all())
    if not playlists:
        raise InvalidInput("day", f"chưa có buổi phát nào ngày {day.strftime('%d/%m/%Y')}")
    return [lock_playlist(session, p, locked) for p in playlists]
