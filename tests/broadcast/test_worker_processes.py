"""`loa worker` as real processes on one database (SQLite, or PostgreSQL with
LOA_TEST_DB=postgresql): two workers never run the same job, a worker killed mid-export leaves
no partial file and another worker finishes the job once the lease runs out, SIGTERM stops a
worker cleanly (an unfinished job handed back to the queue)."""

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from select import select as readable

from job_waits import WAIT_S, assert_exports_whole, under_way, wait_for
from sqlmodel import Session

from api.main import prepare_database
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.jobs import enqueue
from broadcast.jobs.runner import run_pending
from broadcast.models import Job, JobKind, JobStatus
from broadcast.programming import generate_session

import databases
from conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
DEMO_DAY = date(2020, 10, 5)  # a Monday inside the demo campaign


@contextmanager
def workers(settings: Settings, count: int, **env: str) -> Iterator[list[subprocess.Popen[str]]]:
    """`count` `loa worker` processes on the settings' database, each ready; killed at the end."""
    values = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir),
        "LOA_DATABASE_URL": databases.env_url(settings.data_dir),
        "LOA_TTS_ENGINE": "espeak",
        "LOA_WORKER_POLL_SECONDS": "0.2",
        "LOA_JOB_LEASE_SECONDS": str(settings.job_lease_seconds),
        "LOA_TEMP_MAX_AGE_SECONDS": "600",
        **env,
    }
    procs: list[subprocess.Popen[str]] = []
    try:
        for _ in range(count):
            proc = subprocess.Popen(
                [sys.executable, "-m", "broadcast", "worker"],
                cwd=ROOT,
                env=values,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            procs.append(proc)
        for proc in procs:
            assert proc.stdout is not None
            ready, _w, _x = readable([proc.stdout], [], [], WAIT_S)
            assert ready and "sẵn sàng" in proc.stdout.readline()
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait(10)


def _name(proc: subprocess.Popen[str]) -> str:
    return f"{socket.gethostname()}:{proc.pid}"


def _stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(WAIT_S)


def test_two_workers_never_run_the_same_job(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    with workers(settings, 2) as procs:
        with transaction(engine) as db:  # queued after both wait: a NOTIFY or a poll wakes them
            texts = [f"Thông báo số {i} của ủy ban" for i in range(24)]
            params = [{"text": t, "voice": settings.voice, "station_id": None} for t in texts]
            ids = [enqueue(db, JobKind.SPEECH_PREVIEW, p).id or 0 for p in params]
        jobs = wait_for(engine, ids, {JobStatus.SUCCEEDED, JobStatus.FAILED})
        assert [job.message for job in jobs if job.status != JobStatus.SUCCEEDED] == []
        assert {job.attempts for job in jobs} == {1}  # claimed once each: never run twice
        by_worker = {_name(p): sum(job.worker == _name(p) for job in jobs) for p in procs}
        print("jobs per worker:", by_worker)
        assert sum(by_worker.values()) == len(ids)
        assert all(by_worker.values())  # both took part
        assert [_stop(proc) for proc in procs] == [0, 0]  # SIGTERM while idle: a clean exit


def test_a_worker_killed_mid_export_leaves_no_partial_file_and_another_finishes(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, load_demo=True, job_lease_seconds=3.0)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    with workers(settings, 2) as procs:
        with transaction(engine) as db:
            session, _changes = generate_session(db, 1, DEMO_DAY, 1, 1.0)
            job_id = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id}).id or 0
        running = under_way(engine, job_id)
        victim = next(p for p in procs if _name(p) == running.worker)
        survivor = next(p for p in procs if p is not victim)
        with transaction(engine) as db:  # as if on another machine: known only by its lease
            row = db.get(Job, job_id)
            assert row is not None
            row.worker = f"may-khac:{victim.pid}"
            db.add(row)
        victim.kill()
        assert victim.wait(10) == -signal.SIGKILL
        [job] = wait_for(engine, [job_id], {JobStatus.SUCCEEDED, JobStatus.FAILED})
        assert job.status == JobStatus.SUCCEEDED, job.message
        assert (job.attempts, job.worker) == (2, _name(survivor))
        assert _stop(survivor) == 0
    assert_exports_whole(engine, settings)


def test_sigterm_hands_an_unfinished_job_back(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    with workers(settings, 1, LOA_WORKER_STOP_GRACE_SECONDS="0") as [proc]:
        with transaction(engine) as db:
            session, _changes = generate_session(db, 1, DEMO_DAY, 1, 1.0)
            job_id = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id}).id or 0
        under_way(engine, job_id)
        assert _stop(proc) == 0
    with Session(engine) as db:
        job = db.get(Job, job_id)
        assert job is not None
        assert (job.status, job.attempts, job.worker) == (JobStatus.QUEUED, 0, _name(proc))
    assert run_pending(engine, settings) == 1  # another worker (here: this process) redoes it
    with Session(engine) as db:
        job = db.get(Job, job_id)
        assert job is not None and job.status == JobStatus.SUCCEEDED, job.message
