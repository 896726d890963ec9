"""The Celery transport on a real RabbitMQ and a real Redis (each test runs on both), with
`loa worker` processes as Celery workers on one database (SQLite, or PostgreSQL with
LOA_TEST_DB=postgresql): jobs queued through the API are each run once by two workers, even
when every message is delivered twice; a worker killed mid-export leaves no partial file and
the other one finishes the job; an unreachable broker never refuses a job (it waits in the
database and is published once the broker answers)."""

import logging
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from job_waits import WAIT_S, assert_exports_whole, under_way, wait_for
from pydantic import ValidationError
from sqlmodel import Session

from api.main import prepare_database
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.jobs import enqueue
from broadcast.jobs.celery_app import attach, publish
from broadcast.models import Job, JobKind, JobStatus
from broadcast.programming import generate_session

import databases
from celery_workers import (
    ROOT,
    celery_workers,
    closed_port,
    own_queue,
    owner,
)
from conftest import make_settings, open_client

DEMO_DAY = date(2020, 10, 5)  # a Monday inside the demo campaign


@pytest.fixture(params=["rabbitmq", "redis"])
def broker(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Settings of a queue of the test's own on RabbitMQ, then on Redis."""
    with own_queue(request.param) as values:
        yield values


def test_jobs_queued_through_the_api_run_once_each_on_two_celery_workers(
    tmp_path: Path, broker: dict[str, str]
) -> None:
    settings = make_settings(tmp_path, run_worker=True, **broker)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    with celery_workers(settings, 2, tmp_path) as procs, open_client(settings) as client:
        assert client.app.state.worker is None  # with a broker the web process runs no job
        ids = []
        for i in range(16):
            queued = client.post("/speech/preview", json={"text": f"Thông báo số {i} của xã."})
            assert queued.status_code == 202, queued.text
            ids.append(queued.json()["job_id"])
        assert publish(settings, ids) == ids  # every job's message delivered a second time
        jobs = wait_for(engine, ids)
        by_worker = Counter(owner(procs, job.worker).pid for job in jobs)
        for proc in procs:  # SIGTERM: a warm shutdown, the exit clean
            proc.send_signal(signal.SIGTERM)
        assert [proc.wait(WAIT_S) for proc in procs] == [0, 0]
    assert [job.message for job in jobs if job.status != JobStatus.SUCCEEDED] == []
    assert {job.attempts for job in jobs} == {1}  # claimed once each: never run twice
    print("jobs per worker:", dict(by_worker))
    assert set(by_worker) == {proc.pid for proc in procs}  # both took part


def test_a_celery_worker_killed_mid_export_leaves_no_partial_file_and_the_other_finishes(
    tmp_path: Path, broker: dict[str, str]
) -> None:
    settings = make_settings(tmp_path, load_demo=True, job_lease_seconds=3.0, **broker)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    attach(engine, settings)
    with celery_workers(settings, 2, tmp_path) as procs:
        with transaction(engine) as db:
            session, _changes = generate_session(db, 1, DEMO_DAY, 1, 1.0)
            job_id = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id}).id or 0
        victim = owner(procs, under_way(engine, job_id).worker)
        survivor = next(proc for proc in procs if proc is not victim)
        os.killpg(victim.pid, signal.SIGKILL)  # the worker and its pool, as a power cut would
        assert victim.wait(10) == -signal.SIGKILL
        [job] = wait_for(engine, [job_id])
        assert job.status == JobStatus.SUCCEEDED, job.message
        assert job.attempts == 2
        assert owner(procs, job.worker) is survivor
    assert_exports_whole(engine, settings)


def test_an_unreachable_broker_keeps_the_job_queued_until_it_answers(
    tmp_path: Path, broker: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    real = broker["queue_broker_url"]
    scheme, _sep, _rest = real.partition("://")
    down = f"{scheme}://127.0.0.1:{closed_port()}/0"
    settings = make_settings(tmp_path, **(broker | {"queue_broker_url": down}))
    engine = get_engine(settings.db_url)
    caplog.set_level(logging.ERROR, logger="broadcast.jobs.celery_app")
    with open_client(settings) as client:
        started = time.monotonic()
        queued = client.post("/speech/preview", json={"text": "Kính thưa bà con."})
        took = time.monotonic() - started
    assert queued.status_code == 202, queued.text  # accepted: the job table holds it
    assert took < 15, took
    assert "cannot publish queued jobs" in caplog.text and "systemctl start" in caplog.text
    job_id = queued.json()["job_id"]
    with Session(engine) as db:
        job = db.get(Job, job_id)
        assert job is not None and job.status == JobStatus.QUEUED
    answering = make_settings(tmp_path, **broker, queue_republish_seconds=1.0)
    with celery_workers(answering, 1, tmp_path):  # its sweep finds the job without a message
        [job] = wait_for(engine, [job_id])
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 1), job.message


def test_loa_worker_refuses_to_start_on_an_unreachable_broker(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    prepare_database(settings)
    env = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir),
        "LOA_DATABASE_URL": databases.env_url(settings.data_dir),
        "LOA_QUEUE_BROKER_URL": f"amqp://guest:guest@127.0.0.1:{closed_port()}//",
    }
    done = subprocess.run(
        [sys.executable, "-m", "broadcast", "worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "không kết nối được hàng đợi" in done.stderr
    assert "systemctl start rabbitmq-server" in done.stderr


def test_broker_settings_refuse_unknown_schemes_and_guest_off_loopback(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="amqp://"):
        Settings(_env_file=None, queue_broker_url="http://127.0.0.1:5672")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="guest/guest"):
        Settings(_env_file=None, queue_broker_url="amqp://guest:guest@10.0.0.5//")  # type: ignore[call-arg]
    local = Settings(_env_file=None, queue_broker_url="amqp://guest:guest@127.0.0.1//")  # type: ignore[call-arg]
    assert local.queue_broker_url and local.queue_name == "loa-jobs"
    assert Settings(_env_file=None, queue_broker_url="").queue_broker_url is None  # type: ignore[call-arg]


def test_a_celery_pool_shares_the_cores_between_its_jobs(tmp_path: Path) -> None:
    from broadcast.cli.worker import sharing_cores

    cores = len(os.sched_getaffinity(0))
    settings = make_settings(tmp_path)
    assert settings.render_threads == 0  # default: one pinned ffmpeg run per core
    assert sharing_cores(settings, 1).render_threads == 0
    assert sharing_cores(settings, 2).render_threads == max(1, cores // 2)
    assert sharing_cores(settings, 64).render_threads == 1
    chosen = settings.model_copy(update={"render_threads": 3})
    assert sharing_cores(chosen, 8).render_threads == 3  # what the operator set wins
