"""As-run log: operators or players confirm what went out, or correct a confirmation.

Nothing is assumed: a session without a confirmation stays "unconfirmed" and counts for
nothing in the airtime report. A session that has not started yet cannot be confirmed.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import InvalidInput
from broadcast.models import BroadcastSession, SessionSlot, Station
from broadcast.models.asrun import AsRun, AsRunCreate, AsRunPublic, AsRunStatus
from broadcast.models.common import utcnow
from broadcast.models.station import local_now
from broadcast.programming import session_items


def station_now(db: Session, station_id: int) -> datetime:
    """The station's wall clock now (naive local time)."""
    return local_now(crud.get_or_raise(db, Station, station_id), datetime.now(UTC))


def session_start(db: Session, session: BroadcastSession) -> datetime:
    """When the session starts, in the station's local time."""
    slot = crud.get_or_raise(db, SessionSlot, session.slot_id)
    return datetime.combine(session.day, slot.start)


def check_started(db: Session, session: BroadcastSession, now: datetime, field: str) -> None:
    """Refuse a session that has not started yet at ``now`` (station local time)."""
    starts = session_start(db, session)
    if starts > now:
        when = f"{starts:%H:%M} ngày {starts:%d/%m/%Y}"
        raise InvalidInput(field, f"buổi phát lúc {when} chưa diễn ra, chưa thể xác nhận")


def _slot_by_time(db: Session, station_id: int, value: str, field: str) -> SessionSlot:
    """The station's slot starting at HH:MM."""
    try:
        start = time.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(field, f"giờ '{value}' không đúng dạng HH:MM") from exc
    query = select(SessionSlot).where(SessionSlot.station_id == station_id)
    for slot in db.exec(query):
        if slot.start.replace(second=0) == start.replace(second=0):
            return slot
    raise InvalidInput(field, f"đài không có buổi phát lúc {start.strftime('%H:%M')}")


def find_session(db: Session, data: AsRunCreate) -> BroadcastSession:
    """The confirmed session: by its id (``playlist_id``), or by day and slot id / start time."""
    if data.playlist_id is not None:
        session = db.get(BroadcastSession, data.playlist_id)
        if session is None or session.station_id != data.station_id:
            raise InvalidInput("playlist_id", f"đài không có danh sách phát {data.playlist_id}")
        return session
    if data.day is None:
        raise InvalidInput("playlist_id", "cần playlist_id, hoặc day với slot_id hoặc slot")
    if data.slot_id is not None:
        slot_id = data.slot_id
    elif data.slot is not None:
        slot_id = _slot_by_time(db, data.station_id, data.slot, "slot").id or 0
    else:
        raise InvalidInput("slot_id", "cần slot_id hoặc slot (HH:MM) cùng với day")
    query = select(BroadcastSession).where(
        BroadcastSession.station_id == data.station_id,
        BroadcastSession.day == data.day,
        BroadcastSession.slot_id == slot_id,
    )
    session = db.exec(query).first()
    if session is None:
        raise InvalidInput("day", f"chưa có danh sách phát ngày {data.day:%d/%m/%Y} ở buổi này")
    return session


def aired_seconds(
    db: Session, session: BroadcastSession, status: AsRunStatus, until: float | None
) -> float:
    """Programme seconds that went out: all, none, or items up to ``until`` (partly)."""
    if status is AsRunStatus.NOT_AIRED:
        return 0.0
    items = session_items(db, session)
    limit = float("inf") if status is AsRunStatus.AIRED or until is None else until
    if status is AsRunStatus.PARTLY and until is None:
        return 0.0  # "partly" without a time: nothing is assumed
    return round(
        sum(
            max(0.0, min(i.start_offset_s + i.duration_s, limit) - i.start_offset_s) for i in items
        ),
        3,
    )


def confirm(
    db: Session, data: AsRunCreate, source: str = "operator", now: datetime | None = None
) -> AsRun:
    """Record the as-run confirmation of one started session, or correct the one it has."""
    now = now or station_now(db, data.station_id)
    session = find_session(db, data)
    check_started(db, session, now, "playlist_id" if data.playlist_id is not None else "day")
    until = data.aired_until_s if data.status is AsRunStatus.PARTLY else None
    row = db.exec(select(AsRun).where(AsRun.playlist_id == session.id)).first() or AsRun(
        station_id=data.station_id,
        playlist_id=session.id or 0,
        day=session.day,
        slot_id=session.slot_id,
        status=data.status,
    )
    row.status, row.note, row.source, row.aired_until_s = data.status, data.note, source, until
    row.aired_s = aired_seconds(db, session, data.status, until)
    row.confirmed_at = utcnow()
    db.add(row)
    crud.flush(db)
    return row


def list_asrun(db: Session, station_id: int, start: date, end: date) -> Sequence[AsRun]:
    """Confirmations of a station in an inclusive date range."""
    query = select(AsRun).where(
        AsRun.station_id == station_id, col(AsRun.day) >= start, col(AsRun.day) <= end
    )
    return db.exec(query.order_by(col(AsRun.day), col(AsRun.slot_id))).all()


def asrun_public(row: AsRun) -> AsRunPublic:
    """The API view of a confirmation."""
    return AsRunPublic.model_validate(row)
