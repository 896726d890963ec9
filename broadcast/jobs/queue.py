"""The job queue in the database: queue a job, claim the next one for a worker."""

import os
import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from broadcast import crud
from broadcast.models import Job, JobKind, JobStatus
from broadcast.models.common import utcnow

DEFAULT_LEASE = timedelta(minutes=2)  # when the caller names none


def worker_id() -> str:
    """This process, as a job's worker: host and pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_alive(worker: str | None) -> bool | None:
    """Whether a job's worker process still runs; None when it is on another host."""
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return not _zombie(int(pid))


def _zombie(pid: int) -> bool:
    """Whether a process has ended but is not reaped yet (its parent was killed with it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no /proc here: trust the signal
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def enqueue(db: Session, kind: JobKind, params: dict[str, Any]) -> Job:
    """Queue a job; a worker picks it up once the enclosing transaction has committed."""
    job = Job(kind=kind, params=params)
    db.add(job)
    crud.flush(db)
    return job


def claim_next(engine: Engine, lease_until: datetime | None = None) -> int | None:
    """Atomically mark the oldest queued job as running (leased) and return its id."""
    if engine.dialect.name == "postgresql":
        return _claim_skip_locked(engine, lease_until)
    with Session(engine) as db:
        query = select(Job.id).where(Job.status == JobStatus.QUEUED).order_by(col(Job.id))
        job_ids = db.exec(query.limit(5)).all()
    for job_id in job_ids:
        if job_id is not None and claim(engine, job_id, lease_until):
            return job_id
    return None


def _claim_skip_locked(engine: Engine, lease_until: datetime | None) -> int | None:
    """PostgreSQL: lock the oldest queued job no other worker has locked, and claim it."""
    with Session(engine) as db:
        query = (
            select(Job.id)
            .where(Job.status == JobStatus.QUEUED)
            .order_by(col(Job.id))
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        job_id = db.exec(query).first()
        if job_id is None:
            return None
        claimed = db.exec(_claiming(job_id, lease_until))
        db.commit()
        return job_id if claimed.rowcount == 1 else None


def claim(engine: Engine, job_id: int, lease_until: datetime | None = None) -> bool:
    """Mark one queued job as running until its lease ends; False when another worker has it."""
    with Session(engine) as db:
        claimed = db.exec(_claiming(job_id, lease_until))
        db.commit()
        return claimed.rowcount == 1


def _claiming(job_id: int, lease_until: datetime | None) -> Any:
    """The update that claims a job if it is still queued (the guard against a second worker)."""
    now = utcnow()
    return (
        update(Job)
        .where(col(Job.id) == job_id, col(Job.status) == JobStatus.QUEUED)
        .values(
            status=JobStatus.RUNNING,
            started_at=now,
            progress=0,
            attempts=col(Job.attempts) + 1,
            lease_until=lease_until or now + DEFAULT_LEASE,
            worker=worker_id(),
        )
    )
