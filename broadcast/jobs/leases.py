"""When a worker dies: a running job holds a lease its worker keeps renewing; a job whose lease
ran out is queued again from a clean state, or failed after its last attempt; temporary files
of killed renders and uploads are swept."""

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from broadcast.config import Settings
from broadcast.jobs.queue import worker_alive
from broadcast.models import Job, JobStatus
from broadcast.models.common import utcnow

log = logging.getLogger(__name__)
INTERRUPTED = "job.interrupted"  # error code of a job given up after its worker died too often


def lease_end(settings: Settings, now: datetime | None = None) -> datetime:
    """Until when a job claimed or renewed now is held by its worker."""
    return (now or utcnow()) + timedelta(seconds=settings.job_lease_seconds)


class LeaseKeeper:
    """While a job runs, a thread renews its lease a few times per lease period."""

    def __init__(self, engine: Engine, settings: Settings, job_id: int) -> None:
        self.engine, self.settings, self.job_id = engine, settings, job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name=f"lease-{job_id}", daemon=True)

    def __enter__(self) -> "LeaseKeeper":
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _renew(self) -> None:
        while not self._stop.wait(self.settings.job_lease_seconds / 3):
            try:
                with Session(self.engine) as db:
                    db.exec(
                        update(Job)
                        .where(col(Job.id) == self.job_id, col(Job.status) == JobStatus.RUNNING)
                        .values(lease_until=lease_end(self.settings))
                    )
                    db.commit()
            except Exception:  # a missed renewal only shortens the lease
                log.exception("could not renew the lease of job %s", self.job_id)


def release_job(engine: Engine, job_id: int, worker: str) -> bool:
    """Hand a job this worker runs back to the queue (a stopping worker), its attempt not
    counted; False when the job is no longer this worker's."""
    with Session(engine) as db:
        released = db.exec(
            update(Job)
            .where(
                col(Job.id) == job_id,
                col(Job.status) == JobStatus.RUNNING,
                col(Job.worker) == worker,
            )
            .values(
                status=JobStatus.QUEUED,
                progress=0,
                lease_until=None,
                attempts=col(Job.attempts) - 1,
                message="Trả lại hàng đợi khi tiến trình xử lý dừng",
            )
        )
        db.commit()
        return released.rowcount == 1


def recover_jobs(engine: Engine, settings: Settings, now: datetime | None = None) -> list[Job]:
    """Running jobs whose worker died (its process is gone from this host, or its lease ran
    out): queued again from a clean state, or failed after the last attempt."""
    now = now or utcnow()
    with Session(engine) as db:
        # Locked until the commit (PostgreSQL): a second recovering process skips these rows
        # instead of queueing again a job another worker has claimed since.
        query = select(Job).where(Job.status == JobStatus.RUNNING)
        running = db.exec(query.with_for_update(skip_locked=True)).all()
        stale = [job for job in running if _abandoned(job, now)]
        for job in stale:
            if job.attempts >= settings.job_max_attempts:
                job.status, job.finished_at, job.error_code = JobStatus.FAILED, now, INTERRUPTED
                job.message = (
                    f"Công việc bị gián đoạn {job.attempts} lần (máy chủ dừng đột ngột); "
                    "hãy chạy lại."
                )
            else:
                job.status, job.progress, job.lease_until = JobStatus.QUEUED, 0, None
                job.message = "Chạy lại sau khi máy chủ dừng đột ngột"
            db.add(job)
        db.commit()
        for job in stale:
            db.refresh(job)
    if stale:
        log.warning("recovered %d job(s) whose worker stopped", len(stale))
    return stale


def _abandoned(job: Job, now: datetime) -> bool:
    alive = worker_alive(job.worker)
    if alive is not None:
        return not alive
    lease = job.lease_until
    if lease is not None and lease.tzinfo is None:  # SQLite gives naive UTC times back
        lease = lease.replace(tzinfo=UTC)
    return lease is None or lease < now


def temporary_files(settings: Settings) -> list[Path]:
    """Temporary files under the data directory: renders' `.*.part` and unfinished uploads."""
    found = [p for p in settings.data_dir.rglob(".*.part") if p.is_file()]
    if settings.uploads_dir.is_dir():
        found += [p for p in settings.uploads_dir.iterdir() if p.is_file()]
    return found


def sweep_temporary(settings: Settings, older_than_s: float) -> list[Path]:
    """Remove the temporary files not touched for `older_than_s` (left by killed work)."""
    limit = datetime.now().timestamp() - older_than_s
    removed = []
    for path in temporary_files(settings):
        try:
            if path.stat().st_mtime <= limit:
                path.unlink()
                removed.append(path)
        except OSError:  # gone already, or not ours to remove
            continue
    return removed
