"""The unattended scheduler: each day, programme and export the next N days of every station.

A pass runs for a station when it has not run yet on the station's local day and either the
daily time has come or a day was missed (catch-up on start-up). Passes are idempotent:
unchanged sessions keep their export, and a session already exported or queued for export
is not exported again. A lease row in the database (``scheduler_lock``) makes sure that only
one service process runs passes at a time.
"""

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from broadcast.access import SCHEDULER
from broadcast.backup import daily_backup
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.models import (
    BroadcastSession,
    Job,
    JobKind,
    JobStatus,
    Segment,
    SegmentKind,
    SessionStatus,
    Station,
)
from broadcast.models.common import utc_text
from broadcast.models.scheduler import SchedulerLock, SchedulerRun, SchedulerRunPublic
from broadcast.models.station import local_now
from broadcast.programming import list_sessions, programme_range, session_items, station_slots
from broadcast.quiet_hours import quiet_skips, quiet_slots

log = logging.getLogger(__name__)
LOCK_NAME = "scheduler"


def holder_id() -> str:
    """This process: host and pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def acquire_lock(engine: Engine, holder: str, now: datetime, seconds: float) -> bool:
    """Take (or renew) the lease; False while another holder's lease has not expired."""
    expires = now + timedelta(seconds=seconds)
    with Session(engine) as db:
        taken = db.exec(
            update(SchedulerLock)
            .where(
                col(SchedulerLock.name) == LOCK_NAME,
                (col(SchedulerLock.holder) == holder) | (col(SchedulerLock.expires_at) < now),
            )
            .values(holder=holder, expires_at=expires)
        )
        db.commit()
        if taken.rowcount == 1:
            return True
        if db.get(SchedulerLock, LOCK_NAME) is not None:
            return False
        db.add(SchedulerLock(name=LOCK_NAME, holder=holder, expires_at=expires))
        try:
            db.commit()
        except IntegrityError:  # another process created it first
            return False
        return True


def release_lock(engine: Engine, holder: str) -> None:
    """Give the lease back if we hold it."""
    with Session(engine) as db:
        lock = db.get(SchedulerLock, LOCK_NAME)
        if lock is not None and lock.holder == holder:
            db.delete(lock)
            db.commit()


def last_run_day(db: Session, station_id: int) -> date | None:
    """The local day of the station's last successful pass."""
    query = select(SchedulerRun).where(
        SchedulerRun.station_id == station_id, SchedulerRun.status == "succeeded"
    )
    run = db.exec(query.order_by(col(SchedulerRun.run_day).desc())).first()
    return run.run_day if run is not None else None


def is_due(db: Session, station: Station, settings: Settings, now: datetime) -> bool:
    """Not yet run today, and the daily time has come or a day was missed."""
    local = local_now(station, now)
    last = last_run_day(db, station.id or 0)
    if last is not None and last >= local.date():
        return False
    missed = last is None or last < local.date() - timedelta(days=1)
    return missed or local.time() >= settings.scheduler_time


def _queued_exports(db: Session) -> set[int]:
    """Sessions with an export job that is queued or running."""
    query = select(Job).where(
        Job.kind == JobKind.EXPORT_SESSION,
        col(Job.status).in_([JobStatus.QUEUED, JobStatus.RUNNING]),
    )
    return {int(job.params.get("playlist_id", 0)) for job in db.exec(query)}


def _has_content(db: Session, session: BroadcastSession) -> bool:
    """True if the session has something besides its opening and closing."""
    for item in session_items(db, session):
        segment = db.get(Segment, item.segment_id)
        if segment is not None and segment.kind not in (SegmentKind.OPENING, SegmentKind.CLOSING):
            return True
    return False


def queue_exports(
    db: Session, sessions: list[BroadcastSession]
) -> tuple[list[int], int, list[int]]:
    """Queue the export of every session with content not exported nor queued yet.

    Returns the queued session ids, how many were already exported or queued, and the
    sessions left unexported because they hold only their opening and closing.
    """
    pending = _queued_exports(db)
    queued: list[int] = []
    empty: list[int] = []
    skipped = 0
    for session in sessions:
        pid = session.id or 0
        if session.status == SessionStatus.EXPORTED or pid in pending:
            skipped += 1
        elif _has_content(db, session):
            db.add(Job(kind=JobKind.EXPORT_SESSION, params={"playlist_id": pid}))
            queued.append(pid)
        else:
            empty.append(pid)
    db.flush()
    return queued, skipped, empty


def run_station(db: Session, settings: Settings, station: Station, today: date) -> dict[str, Any]:
    """Programme ``today`` and the next days, and queue the exports they need."""
    end = today + timedelta(days=settings.scheduler_days_ahead - 1)
    results = programme_range(db, station.id or 0, today, end, settings.gap_seconds)
    slots = station_slots(db, station.id or 0)
    quiet = quiet_slots(station, slots)  # sessions stored before the quiet hours stay unsent
    sessions = [s for s in list_sessions(db, station.id, today, end) if s.slot_id not in quiet]
    queued, skipped, empty = queue_exports(db, sessions)
    return {
        "from": today.isoformat(),
        "to": end.isoformat(),
        "sessions": len(results),
        "changed": sum(1 for _p, c in results if not c.get("same")),
        "exports_queued": len(queued),
        "exports_skipped": skipped,
        "queued_playlist_ids": queued,
        "without_content_playlist_ids": empty,
        "skipped_quiet_hours": [
            {**skip, "day": skip["day"].isoformat()}
            for skip in quiet_skips(station, slots, today, end)
        ],
    }


def _record(
    engine: Engine,
    station: Station,
    day: date,
    trigger: str,
    last: date | None,
    outcome: tuple[str, dict[str, Any]],
    started: datetime,
) -> SchedulerRun:
    """Store one pass and its result."""
    status, result = outcome
    if last is not None and (day - last).days > 1:
        result["missed_days"] = [
            (last + timedelta(days=i)).isoformat() for i in range(1, (day - last).days)
        ]
    with transaction(engine, SCHEDULER) as db:
        run = SchedulerRun(
            station_id=station.id or 0,
            run_day=day,
            trigger=trigger,
            status=status,
            result=result,
            started_at=started,
            finished_at=datetime.now(UTC),
        )
        db.add(run)
        db.flush()
        return run


def run_once(
    engine: Engine,
    settings: Settings,
    now: datetime | None = None,
    *,
    force: bool = False,
    trigger: str = "schedule",
    station_ids: Collection[int] | None = None,
) -> list[SchedulerRun]:
    """One scheduler pass over every due station (all with ``force``; only `station_ids`)."""
    now = now or datetime.now(UTC)
    holder = holder_id()
    if not acquire_lock(engine, holder, now, settings.scheduler_lock_seconds):
        log.info("scheduler lease held by another process")
        return []
    try:
        with Session(engine) as db:
            stations = _stations(db, station_ids)
            due = [s for s in stations if force or is_due(db, s, settings, now)]
            lasts = {s.id: last_run_day(db, s.id or 0) for s in due}
        runs = []
        for station in due:
            today, started = local_now(station, now).date(), datetime.now(UTC)
            try:
                with transaction(engine, SCHEDULER) as db:
                    outcome = ("succeeded", run_station(db, settings, station, today))
            except Exception as exc:  # a failed pass is recorded and retried next time
                log.exception("scheduler pass failed for station %s", station.id)
                outcome = ("failed", {"error": str(exc)[:500]})
            last = lasts[station.id]
            runs.append(_record(engine, station, today, trigger, last, outcome, started))
        return runs
    finally:
        release_lock(engine, holder)


class SchedulerLoop:
    """An asyncio task that runs due passes every ``scheduler_poll_seconds``."""

    def __init__(self, engine: Engine, settings: Settings, on_queued: Any = None) -> None:
        self.engine, self.settings, self.on_queued = engine, settings, on_queued
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the loop on the running event loop (first pass at once: catch-up)."""
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        """Cancel the loop and wait for it."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            try:
                runs = await asyncio.to_thread(run_once, self.engine, self.settings)
                if runs and self.on_queued is not None:
                    self.on_queued()
                today = datetime.now(UTC).date()
                await asyncio.to_thread(daily_backup, self.settings, today)  # if asked for
            except Exception:  # keep the loop alive whatever a pass does
                log.exception("scheduler iteration failed")
            await asyncio.sleep(self.settings.scheduler_poll_seconds)


def _stations(db: Session, station_ids: Collection[int] | None) -> list[Station]:
    """Every station by id, or those of `station_ids`."""
    query = select(Station).order_by(col(Station.id))
    if station_ids is not None:
        query = query.where(col(Station.id).in_(list(station_ids)))
    return list(db.exec(query).all())


def status(
    db: Session,
    settings: Settings,
    now: datetime | None = None,
    station_ids: Collection[int] | None = None,
) -> dict[str, Any]:
    """Settings, the lease, and per station (all, or `station_ids`) the last and next passes."""
    now = now or datetime.now(UTC)
    lock = db.get(SchedulerLock, LOCK_NAME)
    stations = []
    for station in _stations(db, station_ids):
        local = local_now(station, now)
        runs = db.exec(
            select(SchedulerRun)
            .where(SchedulerRun.station_id == station.id)
            .order_by(col(SchedulerRun.id).desc())
            .limit(10)
        ).all()
        if is_due(db, station, settings, now):
            upcoming = local
        else:
            day = local.date() + timedelta(
                days=1 if last_run_day(db, station.id or 0) == local.date() else 0
            )
            upcoming = datetime.combine(day, settings.scheduler_time)
        stations.append(
            {
                "station_id": station.id,
                "timezone": station.timezone,
                "local_now": local.isoformat(timespec="minutes"),
                "next_run": upcoming.isoformat(timespec="minutes"),
                "last_runs": [
                    SchedulerRunPublic.model_validate(run).model_dump(mode="json") for run in runs
                ],
            }
        )
    return {
        "enabled": settings.scheduler_enabled,
        "time": settings.scheduler_time.strftime("%H:%M"),
        "days_ahead": settings.scheduler_days_ahead,
        "lock": None
        if lock is None
        else {"holder": lock.holder, "expires_at": utc_text(lock.expires_at)},
        "stations": stations,
    }
