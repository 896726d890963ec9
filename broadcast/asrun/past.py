"""Past sessions of a station with their as-run state, and confirming a whole day at once."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.asrun.service import confirm
from broadcast.asrun.status import UNCONFIRMED
from broadcast.models import BroadcastSession, SessionSlot, Station
from broadcast.models.asrun import AsRun, AsRunCreate, AsRunStatus
from broadcast.programming import check_range, list_sessions, station_slots


@dataclass(frozen=True)
class PastSession:
    """A stored session that has started, its slot and its confirmation (None: unconfirmed)."""

    session: BroadcastSession
    slot: SessionSlot
    asrun: AsRun | None

    @property
    def status(self) -> str:
        """aired, partly, not_aired or unconfirmed."""
        return AsRunStatus(self.asrun.status).value if self.asrun else UNCONFIRMED

    @property
    def starts_at(self) -> datetime:
        """Start in the station's local time."""
        return datetime.combine(self.session.day, self.slot.start)


def past_sessions(
    db: Session, station_id: int, start: date, end: date, now: datetime
) -> list[PastSession]:
    """The station's stored sessions from ``start`` to ``end`` that started by ``now``."""
    crud.get_or_raise(db, Station, station_id)
    check_range(start, end)
    slots = {slot.id: slot for slot in station_slots(db, station_id)}
    sessions = [s for s in list_sessions(db, station_id, start, end) if s.slot_id in slots]
    ids = [s.id or 0 for s in sessions]
    rows = {r.playlist_id: r for r in db.exec(select(AsRun).where(col(AsRun.playlist_id).in_(ids)))}
    found = [PastSession(s, slots[s.slot_id], rows.get(s.id or 0)) for s in sessions]
    return sorted((p for p in found if p.starts_at <= now), key=lambda p: p.starts_at)


def unconfirmed_count(db: Session, station_id: int, start: date, end: date, now: datetime) -> int:
    """How many started sessions of the range have no confirmation."""
    return sum(1 for p in past_sessions(db, station_id, start, end, now) if p.asrun is None)


def confirm_day(db: Session, station_id: int, day: date, now: datetime) -> list[AsRun]:
    """Confirm as aired every started, unconfirmed session of ``day``; confirmed ones are kept."""
    waiting = [p for p in past_sessions(db, station_id, day, day, now) if p.asrun is None]
    return [
        confirm(
            db,
            AsRunCreate(station_id=station_id, playlist_id=p.session.id, status=AsRunStatus.AIRED),
            now=now,
        )
        for p in waiting
    ]
