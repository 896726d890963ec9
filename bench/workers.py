"""Jobs per second with W `loa worker` processes on one database (SQLite file by default;
PostgreSQL with LOA_TEST_DB=postgresql, as the tests): N jobs are queued, the workers start,
the clock runs until every job has ended.

  --kind preview  N speech previews of distinct texts (speech synthesis and encoding: CPU)
  --kind export   the demo station's sessions of N/2 days exported (shared content: the
                  render cache serves what another session or worker already rendered)

  --transport db      the workers poll the job table (LOA_QUEUE_BROKER_URL unset)
  --transport celery  each job is also published to --broker (RabbitMQ or Redis) and the
                      workers are Celery workers (a queue of the bench's own, deleted after)

Prints  jobs=<n> kind=<k> workers=<w> wall_s=<x> jobs_per_s=<y> failed=<n> transport=<t>

Usage: .venv/bin/python bench/workers.py --workers 2 --jobs 24 [--kind export]
           [--transport celery [--broker redis://127.0.0.1:6379/0]]
"""

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sqlmodel import Session, col, select  # noqa: E402

from api.main import prepare_database  # noqa: E402
from broadcast.db import get_engine, transaction  # noqa: E402
from broadcast.jobs import enqueue  # noqa: E402
from broadcast.models import Job, JobKind, JobStatus, SessionSlot  # noqa: E402
from broadcast.programming import generate_session  # noqa: E402

import databases  # noqa: E402
from conftest import make_settings  # noqa: E402

FIRST_DAY = date(2020, 10, 5)  # a Monday inside the demo campaign


def queue_jobs(engine: object, settings: object, kind: str, count: int) -> list[int]:
    """Queue `count` jobs of `kind`; their ids."""
    with transaction(engine) as db:  # type: ignore[arg-type]
        if kind == "preview":
            voice = settings.voice  # type: ignore[attr-defined]
            return [
                enqueue(
                    db, JobKind.SPEECH_PREVIEW, {"text": f"Thông báo số {i}", "voice": voice}
                ).id
                or 0
                for i in range(count)
            ]
        slots = db.exec(select(SessionSlot).where(SessionSlot.station_id == 1)).all()
        ids: list[int] = []
        day = FIRST_DAY
        while len(ids) < count:
            for slot in slots:
                if day.weekday() in slot.weekdays and len(ids) < count:
                    session, _c = generate_session(db, 1, day, slot.id or 0, 1.0)
                    job = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id})
                    ids.append(job.id or 0)
            day += timedelta(days=1)
        return ids


def drop_queue(settings: object) -> None:
    """Delete the bench's queue (and its exchange) from the broker."""
    from kombu import Connection

    name = settings.queue_name  # type: ignore[attr-defined]
    with Connection(settings.queue_broker_url) as conn:  # type: ignore[attr-defined]
        channel = conn.default_channel
        if conn.transport.driver_type == "redis":  # every key is under the queue's name
            keys = list(channel.client.scan_iter(match=f"{name}:*"))
            if keys:
                channel.client.delete(*keys)
        else:
            channel.queue_delete(name)
            channel.exchange_delete(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=24)
    parser.add_argument("--kind", choices=["preview", "export"], default="preview")
    parser.add_argument("--transport", choices=["db", "celery"], default="db")
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loa-bench-workers-"))
    queue: dict[str, object] = {}
    if args.transport == "celery":
        queue = {"queue_broker_url": args.broker, "queue_name": f"loa-bench-{secrets.token_hex(3)}"}
    settings = make_settings(root, load_demo=args.kind == "export", **queue)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    if queue:
        from broadcast.jobs.celery_app import attach

        if not attach(engine, settings):
            sys.exit(f"the broker {args.broker} does not answer")
    ids = queue_jobs(engine, settings, args.kind, args.jobs)  # published at commit (celery)
    env = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir),
        "LOA_DATABASE_URL": databases.env_url(settings.data_dir),
        "LOA_WORKER_POLL_SECONDS": "0.2",
        "LOA_QUEUE_BROKER_URL": settings.queue_broker_url or "",
        "LOA_QUEUE_NAME": settings.queue_name,
    }
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "broadcast", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Celery worker's pool processes go with it
        )
        for _ in range(args.workers)
    ]
    try:
        while True:
            with Session(engine) as db:
                query = select(Job).where(col(Job.id).in_(ids))
                jobs = db.exec(query).all()
            if all(job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED) for job in jobs):
                break
            time.sleep(0.1)
        wall = time.monotonic() - started  # worker start-up (imports) included
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(60)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        if queue:
            drop_queue(settings)
        databases.drop_all()
    failed = sum(job.status == JobStatus.FAILED for job in jobs)
    for job in jobs:
        if job.status == JobStatus.FAILED:
            print(f"job {job.id} failed: {job.error_code} {job.message}")
    print(
        f"jobs={len(ids)} kind={args.kind} workers={args.workers} wall_s={wall:.1f} "
        f"jobs_per_s={len(ids) / wall:.2f} failed={failed} transport={args.transport}"
    )


if __name__ == "__main__":
    main()
