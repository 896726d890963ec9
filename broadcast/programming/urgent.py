"""Emergency bulletins: re-plan the very next session and export it at once.

An emergency reaches the next session even when it is locked (a commune station must relay
emergency information at once, Circular 39/2020/TT-BTTTT): the bulletin is put right after
the opening, the rest of the locked order is kept, the lock stays, and when time runs short
the last body items before the closing make room (the answer lists them).
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.jobs import enqueue
from broadcast.models import (
    BroadcastSession,
    BulletinClass,
    JobKind,
    PlaylistItem,
    Segment,
    Station,
)
from broadcast.models.station import local_now
from broadcast.programming.candidates import (
    phase_windows,
    segment_candidates,
    slot_spec,
    station_slots,
)
from broadcast.programming.edits import item_roles, relayout
from broadcast.programming.service import generate_session, list_sessions, session_items
from broadcast.quiet_hours import station_windows
from broadcast.segments import is_cleared_to_air, segment_duration
from playlists import SegmentRole, next_session
from playlists.quiet import quiet_window_hit
from playlists.rules import is_eligible, layout
from playlists.running_order import body_bounds

URGENT_REASON = "Tin khẩn cấp (chèn vào buổi đã khoá)"


def _emergencies(db: Session, station_id: int, day: date) -> list[int]:
    """Ids of the station's emergency bulletins cleared to air on ``day``."""
    phases = phase_windows(db, station_id)
    return [
        c.id
        for c in segment_candidates(db, station_id)
        if c.bulletin_class is BulletinClass.EMERGENCY and is_eligible(c, day, phases)[0]
    ]


def _make_room(
    db: Session, items: list[PlaylistItem], wanted: set[int], gap_s: float, max_s: float
) -> list[int]:
    """Drop the last body items that are not emergencies until the order fits; their ids."""
    dropped: list[int] = []
    while layout([i.duration_s for i in items], gap_s)[1] > max_s + 1e-6:
        roles = item_roles(db, items)
        body = [
            i
            for i, role in zip(items, roles, strict=True)
            if role is SegmentRole.BODY and i.segment_id not in wanted
        ]
        if not body:
            raise Conflict("tin khẩn dài hơn cả buổi phát", code="urgent.not_placed")
        victim = body[-1]
        items.remove(victim)
        db.delete(victim)
        dropped.append(victim.segment_id)
    return dropped


def urgent_into_locked(
    db: Session, session: BroadcastSession, segment_ids: list[int], gap_s: float, max_s: float
) -> dict[str, Any]:
    """Put emergency bulletins right after the opening of a locked session; what changed."""
    items = list(session_items(db, session))
    present = {i.segment_id for i in items}
    added = [sid for sid in segment_ids if sid not in present]
    place = body_bounds(item_roles(db, items))[0]
    for offset, sid in enumerate(added):
        segment = crud.get_or_raise(db, Segment, sid)
        item = PlaylistItem(
            playlist_id=session.id or 0,
            position=place + offset,
            segment_id=sid,
            start_offset_s=0.0,
            duration_s=round(segment_duration(db, segment) or 0.0, 3),
            reason=URGENT_REASON,
            pinned=True,
        )
        items.insert(place + offset, item)
    dropped = _make_room(db, items, set(segment_ids), gap_s, max_s)
    crud.flush(db)
    relayout(db, session, items, gap_s)
    return {"locked": True, "added": added, "removed": dropped, "pinned": added, "same": not added}


def emergencies_only(db: Session, session: BroadcastSession, gap_s: float) -> list[int]:
    """In quiet hours: drop every item that is not an emergency bulletin; their segment ids."""
    kept: list[PlaylistItem] = []
    dropped: list[int] = []
    for item in session_items(db, session):
        segment = crud.get_or_raise(db, Segment, item.segment_id)
        if segment.bulletin_class is BulletinClass.EMERGENCY:
            kept.append(item)
        else:
            dropped.append(item.segment_id)
            db.delete(item)
    crud.flush(db)
    relayout(db, session, kept, gap_s)
    return dropped


def urgent_session(
    db: Session,
    station_id: int,
    segment_id: int | None,
    gap_s: float,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Re-plan the station's next session (emergencies first) and queue its export."""
    station = db.get(Station, station_id)
    if station is None:
        raise InvalidInput("station_id", f"đài {station_id} không tồn tại")
    if segment_id is not None:
        segment = crud.get_or_raise(db, Segment, segment_id)
        if segment.station_id != station_id or not is_cleared_to_air(db, segment):
            raise InvalidInput("segment_id", f"chuyên mục {segment_id} chưa được duyệt ở đài này")
        if segment.bulletin_class != BulletinClass.EMERGENCY:
            raise InvalidInput("segment_id", f"chuyên mục {segment_id} không phải tin khẩn cấp")
    local = local_now(station, now or datetime.now(UTC))
    slots = station_slots(db, station_id)
    found = next_session(local, [slot_spec(s, gap_s) for s in slots])
    if found is None:
        raise Conflict("đài không có buổi phát nào trong hai tuần tới", code="urgent.no_session")
    day, slot = found
    stored = [s for s in list_sessions(db, station_id, day, day) if s.slot_id == slot.id]
    if stored and stored[0].locked:
        session = stored[0]
        wanted = [segment_id] if segment_id is not None else _emergencies(db, station_id, day)
        changes = urgent_into_locked(db, session, wanted, gap_s, slot.max_seconds)
        if quiet_window_hit(slot.start, slot.max_seconds, station_windows(station)):
            changes["removed"] = [*changes["removed"], *emergencies_only(db, session, gap_s)]
    else:
        session, changes = generate_session(db, station_id, day, slot.id, gap_s, emergency=True)
    placed = [i.segment_id for i in session_items(db, session)]
    if segment_id is not None and segment_id not in placed:
        raise Conflict(
            f"tin khẩn {segment_id} không vào được buổi phát {day} {slot.start}",
            code="urgent.not_placed",
        )
    job = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id, "urgent": True})
    return {
        "playlist_id": session.id,
        "day": day,
        "slot_id": slot.id,
        "job_id": job.id,
        "changes": changes,
    }
