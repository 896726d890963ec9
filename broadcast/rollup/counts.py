"""Session counts of many stations at once, grouped by station in SQL.

The definitions are the station reports' (broadcast.asrun): planned is a stored session,
exported its status, aired/partly/not_aired the as-run status, unconfirmed a session of one of
the station's slots that has started (station time, as ``past_sessions``) with no as-run row.
"""

from collections.abc import Collection
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from broadcast.models import BroadcastSession, SessionSlot, Station
from broadcast.models.asrun import AsRun, AsRunStatus
from broadcast.models.common import SessionStatus
from broadcast.models.station import local_now
from broadcast.rollup.models import SessionCounts


def _planned(db: Session, ids: Collection[int], start: date, end: date) -> dict[int, list[int]]:
    """station → [planned, exported]."""
    query = (
        select(BroadcastSession.station_id, BroadcastSession.status, func.count())
        .where(col(BroadcastSession.station_id).in_(ids))
        .where(col(BroadcastSession.day) >= start, col(BroadcastSession.day) <= end)
        .group_by(col(BroadcastSession.station_id), col(BroadcastSession.status))
    )
    found: dict[int, list[int]] = {}
    for station_id, status, count in db.exec(query):
        pair = found.setdefault(station_id, [0, 0])
        pair[0] += count
        if SessionStatus(status) is SessionStatus.EXPORTED:
            pair[1] += count
    return found


def _confirmed(
    db: Session, ids: Collection[int], start: date, end: date
) -> dict[int, dict[AsRunStatus, tuple[int, float]]]:
    """station → as-run status → (sessions, as-run seconds)."""
    query = (
        select(AsRun.station_id, AsRun.status, func.count(), func.sum(AsRun.aired_s))
        .where(col(AsRun.station_id).in_(ids), col(AsRun.day) >= start, col(AsRun.day) <= end)
        .group_by(col(AsRun.station_id), col(AsRun.status))
    )
    found: dict[int, dict[AsRunStatus, tuple[int, float]]] = {}
    for station_id, status, count, seconds in db.exec(query):
        found.setdefault(station_id, {})[AsRunStatus(status)] = (count, float(seconds or 0.0))
    return found


def _unconfirmed(
    db: Session, stations: Collection[Station], start: date, end: date, now: datetime
) -> dict[int, int]:
    """station → started sessions without an as-run row; ``now`` is aware (UTC)."""
    ids = [s.id or 0 for s in stations]
    waiting = (
        columns(col(BroadcastSession.station_id))
        .join(
            SessionSlot,
            and_(
                col(SessionSlot.id) == BroadcastSession.slot_id,
                col(SessionSlot.station_id) == BroadcastSession.station_id,
            ),
        )
        .outerjoin(AsRun, col(AsRun.playlist_id) == BroadcastSession.id)
        .where(col(AsRun.id).is_(None), col(BroadcastSession.station_id).in_(ids))
        .where(col(BroadcastSession.day) >= start, col(BroadcastSession.day) <= end)
    )
    # Days before yesterday (UTC) are over on every clock (UTC−12…UTC+14): counted in SQL.
    settled = now.date() - timedelta(days=1)
    found: dict[int, int] = {}
    past = waiting.where(col(BroadcastSession.day) < settled)
    grouped = past.add_columns(func.count()).group_by(col(BroadcastSession.station_id))
    for station_id, count in db.connection().execute(grouped):
        found[station_id] = count
    recent = waiting.where(col(BroadcastSession.day) >= settled)
    clocks = {s.id: local_now(s, now) for s in stations}
    times = recent.add_columns(col(BroadcastSession.day), col(SessionSlot.start))
    for station_id, day, starts in db.connection().execute(times):
        if datetime.combine(day, starts) <= clocks[station_id]:
            found[station_id] = found.get(station_id, 0) + 1
    return found


def session_counts(
    db: Session, stations: Collection[Station], start: date, end: date, now: datetime
) -> dict[int, SessionCounts]:
    """station id → its session counts for ``start``–``end``, in four grouped queries."""
    ids = [s.id or 0 for s in stations]
    if not ids:
        return {}
    planned = _planned(db, ids, start, end)
    confirmed = _confirmed(db, ids, start, end)
    unconfirmed = _unconfirmed(db, stations, start, end, now)
    result: dict[int, SessionCounts] = {}
    for sid in ids:
        statuses = confirmed.get(sid, {})
        result[sid] = SessionCounts(
            planned=planned.get(sid, [0, 0])[0],
            exported=planned.get(sid, [0, 0])[1],
            aired=statuses.get(AsRunStatus.AIRED, (0, 0.0))[0],
            partly=statuses.get(AsRunStatus.PARTLY, (0, 0.0))[0],
            not_aired=statuses.get(AsRunStatus.NOT_AIRED, (0, 0.0))[0],
            unconfirmed=unconfirmed.get(sid, 0),
            asrun_seconds=sum(seconds for _count, seconds in statuses.values()),
        )
    return result
