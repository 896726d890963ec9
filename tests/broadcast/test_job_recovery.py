"""A worker that dies leaves nothing: its jobs are retried or failed, its temp files swept."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.main import prepare_database
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.jobs import claim, enqueue
from broadcast.jobs.leases import INTERRUPTED, LeaseKeeper, recover_jobs, sweep_temporary
from broadcast.jobs.runner import run_pending
from broadcast.models import Job, JobKind, JobStatus
from broadcast.models.common import utcnow
from broadcast.programming import generate_session

from conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
DEMO_DAY = date(2020, 10, 5)  # a Monday inside the demo campaign


def _running(engine: Engine, lease_s: float, attempts: int, worker: str = "may-khac:1") -> int:
    """A running job of a worker on another machine (known only by its lease)."""
    with transaction(engine) as db:
        job = enqueue(db, JobKind.SPEECH_PREVIEW, {"text": "x", "station_id": None})
        job_id = job.id or 0
    assert claim(engine, job_id, utcnow() + timedelta(seconds=lease_s))
    with transaction(engine) as db:
        row = db.get(Job, job_id)
        assert row is not None
        row.attempts, row.worker = attempts, worker
        db.add(row)
    return job_id


def test_expired_leases_are_retried_then_failed(engine: Engine, settings: Settings) -> None:
    live = _running(engine, 600, 1)
    retry = _running(engine, -1, 1)
    last = _running(engine, -1, settings.job_max_attempts)
    here = f"{socket.gethostname()}:{os.getpid()}"
    mine = _running(engine, -1, 1, worker=here)  # this process lives: its lease is renewed
    gone = _running(engine, 600, 1, worker=f"{socket.gethostname()}:{_dead_pid()}")
    recovered = {job.id: job for job in recover_jobs(engine, settings)}
    assert set(recovered) == {retry, last, gone}
    assert mine not in recovered
    assert recovered[retry].status == JobStatus.QUEUED and recovered[retry].progress == 0
    assert recovered[last].status == JobStatus.FAILED
    assert recovered[last].error_code == INTERRUPTED
    with Session(engine) as db:
        still = db.get(Job, live)
        assert still is not None and still.status == JobStatus.RUNNING


def _dead_pid() -> int:
    """The pid of a process that has just ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_running_job_keeps_its_lease(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, job_lease_seconds=1.0)
    engine = get_engine(settings.db_url)
    prepare_database(settings)
    job_id = _running(engine, 1.0, 1)
    with LeaseKeeper(engine, settings, job_id):
        time.sleep(1.6)
        assert recover_jobs(engine, settings) == []  # renewed in time
    time.sleep(1.1)
    assert [job.id for job in recover_jobs(engine, settings)] == [job_id]


def test_temporary_files_are_swept_by_age(settings: Settings) -> None:
    old_part = settings.work_dir / "items" / ".abc.mp3.x1y2.part"
    new_part = settings.exports_dir / ".bundle.zip.k3.part"
    upload = settings.uploads_dir / "tmpupload.wav"
    kept = settings.exports_dir / "finished.zip"
    for path in (old_part, new_part, upload, kept):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    past = time.time() - 3600
    os.utime(old_part, (past, past))
    os.utime(upload, (past, past))
    assert sorted(sweep_temporary(settings, 60)) == sorted([old_part, upload])
    assert new_part.exists() and kept.exists()
    assert sweep_temporary(settings, 0) == [new_part]
    assert kept.exists()


WORKER = """
import sys
sys.path.insert(0, {root!r})
from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.jobs.runner import run_pending
settings = Settings(_env_file=None, data_dir={data!r}, database_url={url!r}, tts_engine="espeak")
run_pending(get_engine(settings.db_url), settings)
"""


def test_kill_9_during_an_export_leaves_no_running_job_and_no_temp_file(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True, temp_max_age_seconds=0)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    with transaction(engine) as db:
        session, _changes = generate_session(db, 1, DEMO_DAY, 1, 1.0)
        job_id = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id}).id
    code = WORKER.format(root=str(ROOT), data=str(settings.data_dir), url=settings.db_url)
    worker = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with Session(engine) as db:
                job = db.get(Job, job_id)
                if job is not None and job.status == JobStatus.RUNNING and job.progress > 0:
                    break
            time.sleep(0.05)
        else:
            raise AssertionError("the export never got under way")
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(10)
    assert worker.returncode == -signal.SIGKILL
    prepare_database(settings)  # what a restarted server does first
    with Session(engine) as db:
        job = db.get(Job, job_id)
        assert job is not None and job.status == JobStatus.QUEUED and job.attempts == 1
    assert list(settings.data_dir.rglob("*.part")) == []
    assert run_pending(engine, settings) == 1  # and the retry finishes the export
    with Session(engine) as db:
        job = db.get(Job, job_id)
        assert job is not None and job.status == JobStatus.SUCCEEDED, job.message
