"""Waiting on jobs run by worker processes, and checking what a killed worker left behind."""

import time
import zipfile

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from audio._ffmpeg import probe
from broadcast.config import Settings
from broadcast.jobs.leases import sweep_temporary
from broadcast.models import Export, Job, JobStatus

WAIT_S = 90.0  # bound of every wait (a failing test ends, it never hangs)
ENDED = {JobStatus.SUCCEEDED, JobStatus.FAILED}


def wait_for(engine: Engine, job_ids: list[int], done: set[JobStatus] = ENDED) -> list[Job]:
    """The jobs, by id, once every one is in a status of `done` (or fail after WAIT_S)."""
    deadline = time.monotonic() + WAIT_S
    jobs: list[Job] = []
    while time.monotonic() < deadline:
        with Session(engine) as db:
            jobs = list(db.exec(select(Job).where(col(Job.id).in_(job_ids))).all())
        if len(jobs) == len(job_ids) and all(job.status in done for job in jobs):
            return sorted(jobs, key=lambda job: job.id or 0)
        time.sleep(0.1)
    raise AssertionError(f"jobs not {done}: {[(j.id, j.status, j.message) for j in jobs]}")


def under_way(engine: Engine, job_id: int) -> Job:
    """The export job once a worker is rendering it."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        with Session(engine) as db:
            job = db.get(Job, job_id)
            if job is not None and job.status == JobStatus.RUNNING and job.progress > 25:
                return job
        time.sleep(0.02)
    raise AssertionError("the export never got under way")


def assert_exports_whole(engine: Engine, settings: Settings) -> None:
    """Every export file under its final name is whole; the temp files left are swept."""
    with Session(engine) as db:
        [export] = db.exec(select(Export)).all()
    finished = [p for p in settings.exports_dir.rglob("*") if p.is_file()]
    temps = [p for p in finished if p.name.startswith(".") and p.name.endswith(".part")]
    for path in set(finished) - set(temps):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as bundle:
                assert bundle.testzip() is None
        else:
            assert abs(probe(path).duration_s - export.duration_s) < 0.5, path
    assert settings.data_path(export.zip_path).is_file()
    print("temp files of the killed worker (swept by age):", len(temps))
    sweep_temporary(settings, 0)
    assert list(settings.data_dir.rglob(".*.part")) == []
