"""The job queue in the database: queue a job, claim the next one for a worker."""

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from broadcast import crud
from broadcast.models import Job, JobKind, JobStatus
from broadcast.models.common import utcnow


def enqueue(db: Session, kind: JobKind, params: dict[str, Any]) -> Job:
    """Queue a job; a worker picks it up once the enclosing transaction has committed."""
    job = Job(kind=kind, params=params)
    db.add(job)
    crud.flush(db)
    return job


def claim_next(engine: Engine) -> int | None:
    """Atomically mark the oldest queued job as running and return its id."""
    with Session(engine) as db:
        query = select(Job.id).where(Job.status == JobStatus.QUEUED).order_by(col(Job.id))
        job_ids = db.exec(query.limit(5)).all()
    for job_id in job_ids:
        if job_id is not None and claim(engine, job_id):
            return job_id
    return None


def claim(engine: Engine, job_id: int) -> bool:
    """Mark one queued job as running; False when another worker has it already."""
    with Session(engine) as db:
        claimed = db.exec(
            update(Job)
            .where(col(Job.id) == job_id, col(Job.status) == JobStatus.QUEUED)
            .values(status=JobStatus.RUNNING, started_at=utcnow(), progress=0)
        )
        db.commit()
        return claimed.rowcount == 1
