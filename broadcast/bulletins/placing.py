"""Putting a station's copy of a bulletin into its sessions, and ordering it among the
station's own priority items (default: the bulletin first)."""

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from broadcast.access.copies import is_bulletin_copy
from broadcast.errors import LoaError
from broadcast.models import BroadcastSession, BulletinClass, PlaylistItem, Segment, Station
from broadcast.models.session import BulletinDelivery
from broadcast.models.station import local_now
from broadcast.programming import (
    generate_session,
    insert_item,
    list_sessions,
    move_item,
    session_items,
    slot_spec,
    station_slots,
)
from playlists import next_session


def next_station_session(
    db: Session, station: Station, gap_s: float, now: datetime | None = None
) -> BroadcastSession | None:
    """The station's next session, stored (planned now when it was not yet); None if none."""
    local = local_now(station, now or datetime.now(UTC))
    station_id = station.id or 0
    found = next_session(local, [slot_spec(s, gap_s) for s in station_slots(db, station_id)])
    if found is None:
        return None
    day, slot = found
    stored = [s for s in list_sessions(db, station_id, day, day) if s.slot_id == slot.id]
    if stored:
        return stored[0]
    return generate_session(db, station_id, day, slot.id, gap_s)[0]


def _position(db: Session, session: BroadcastSession, segment_id: int) -> int | None:
    for item in session_items(db, session):
        if item.segment_id == segment_id:
            return item.position
    return None


def put_in_session(
    db: Session, session: BroadcastSession, segment_id: int, position: int | None, gap_s: float
) -> int:
    """The copy's place in the session: kept where it is, else inserted (pinned)."""
    found = _position(db, session, segment_id)
    if found is not None:
        return found
    return insert_item(db, session, segment_id, position, gap_s)[1]


def _own_priority(db: Session, items: list[PlaylistItem]) -> list[int]:
    """Positions of the station's own priority items (not copies of bulletins)."""
    positions = []
    for item in items:
        segment = db.get(Segment, item.segment_id)
        if (
            segment is not None
            and segment.bulletin_class is BulletinClass.PRIORITY
            and not is_bulletin_copy(db, segment.id)
        ):
            positions.append(item.position)
    return positions


def apply_order(
    db: Session, delivery: BulletinDelivery, session: BroadcastSession, gap_s: float
) -> bool:
    """Move the copy before (or after) the station's own priority items; True when moved."""
    items = list(session_items(db, session))
    copy = _position(db, session, delivery.segment_id)
    own = _own_priority(db, items)
    if copy is None or not own:
        return False
    if delivery.bulletin_first and copy > min(own):
        move_item(db, session, copy, min(own), gap_s)
        return True
    if not delivery.bulletin_first and copy < max(own):
        move_item(db, session, copy, max(own), gap_s)
        return True
    return False


def sessions_holding(db: Session, segment_id: int) -> list[BroadcastSession]:
    """The sessions whose running order holds the segment, by day."""
    query = (
        select(BroadcastSession)
        .join(PlaylistItem, col(PlaylistItem.playlist_id) == BroadcastSession.id)
        .where(PlaylistItem.segment_id == segment_id)
        .order_by(col(BroadcastSession.day), col(BroadcastSession.id))
    )
    found: dict[int, BroadcastSession] = {}
    for session in db.exec(query).all():
        found.setdefault(session.id or 0, session)
    return list(found.values())


def reorder_everywhere(db: Session, delivery: BulletinDelivery, gap_s: float) -> list[int]:
    """Apply the delivery's order in every open session holding the copy; ids changed."""
    changed = []
    for session in sessions_holding(db, delivery.segment_id):
        if session.locked:
            continue
        try:
            if apply_order(db, delivery, session, gap_s):
                changed.append(session.id or 0)
        except LoaError:
            continue
    return changed
