"""Emergency bulletins: re-plan the very next session and export it at once."""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.jobs import enqueue
from broadcast.models import BulletinClass, JobKind, Segment, Station
from broadcast.models.station import local_now
from broadcast.programming.candidates import slot_spec, station_slots
from broadcast.programming.service import generate_session, session_items
from broadcast.segments import is_cleared_to_air
from playlists import next_session


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
    found = next_session(local, [slot_spec(s, gap_s) for s in station_slots(db, station_id)])
    if found is None:
        raise Conflict("đài không có buổi phát nào trong hai tuần tới", code="urgent.no_session")
    day, slot = found
    session, changes = generate_session(db, station_id, day, slot.id, gap_s)
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
