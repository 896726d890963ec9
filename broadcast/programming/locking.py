"""Locked sessions are frozen: every edit of one is refused until it is unlocked.

Locking works on one session or on every stored session of a range of days (a day, a week).
Programming a range leaves locked sessions as they are; an emergency bulletin still reaches
a locked session (see urgent.py).
"""

from datetime import date

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import BroadcastSession

#: Longest range locked in one call (days after the first).
MAX_LOCK_DAYS = 62
LOCKED_CODE = "session.locked"


def refuse_locked(session: BroadcastSession) -> None:
    """Conflict ``session.locked`` when the session is locked (it must be unlocked first)."""
    if session.locked:
        raise Conflict(
            f"buổi phát ngày {session.day.strftime('%d/%m/%Y')} đã khoá; "
            "hãy mở khoá trước khi sửa danh sách phát",
            code=LOCKED_CODE,
        )


def lock_session(db: Session, session: BroadcastSession, locked: bool) -> BroadcastSession:
    """Lock (or unlock) a session: a locked one refuses every edit and re-planning."""
    session.locked = locked
    db.add(session)
    crud.flush(db)
    return session


def lock_range(
    db: Session, station_id: int, start: date, end: date, locked: bool
) -> list[BroadcastSession]:
    """Lock (or unlock) every stored session of a station from ``start`` to ``end``."""
    if end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    if (end - start).days > MAX_LOCK_DAYS:
        raise InvalidInput("to", f"mỗi lần khoá tối đa {MAX_LOCK_DAYS + 1} ngày")
    query = select(BroadcastSession).where(
        BroadcastSession.station_id == station_id,
        col(BroadcastSession.day) >= start,
        col(BroadcastSession.day) <= end,
    )
    order = (col(BroadcastSession.day), col(BroadcastSession.slot_id))
    sessions = list(db.exec(query.order_by(*order)).all())
    if not sessions:
        span = f"ngày {start.strftime('%d/%m/%Y')}"
        if end != start:
            span = f"từ {start.strftime('%d/%m/%Y')} đến {end.strftime('%d/%m/%Y')}"
        field = "day" if end == start else "from"
        raise InvalidInput(field, f"chưa có buổi phát nào {span}; hãy lập lịch trước")
    return [lock_session(db, session, locked) for session in sessions]


def lock_day(db: Session, station_id: int, day: date, locked: bool) -> list[BroadcastSession]:
    """Lock (or unlock) every stored session of a station on a day."""
    return lock_range(db, station_id, day, day, locked)
