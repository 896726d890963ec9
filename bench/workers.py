"""Jobs per second with W `loa worker` processes on one database (SQLite file by default;
PostgreSQL with LOA_TEST_DB=postgresql, as the tests): N jobs are queued, the workers start,
the clock runs until every job has ended.

  --kind preview  N speech previews of distinct texts (speech synthesis and encoding: CPU)
  --kind export   the demo station's sessions of N/2 days exported (shared content: the
                  render cache serves what another session or worker already rendered)

Prints  jobs=<n> kind=<k> workers=<w> wall_s=<x> jobs_per_s=<y> failed=<n>

Usage: .venv/bin/python bench/workers.py --workers 2 --jobs 24 [--kind export]
"""

import argparse
import os
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=24)
    parser.add_argument("--kind", choices=["preview", "export"], default="preview")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loa-bench-workers-"))
    settings = make_settings(root, load_demo=args.kind == "export")
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    ids = queue_jobs(engine, settings, args.kind, args.jobs)
    env = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir),
        "LOA_DATABASE_URL": databases.env_url(settings.data_dir),
        "LOA_WORKER_POLL_SECONDS": "0.2",
    }
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "broadcast", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
        databases.drop_all()
    failed = sum(job.status == JobStatus.FAILED for job in jobs)
    for job in jobs:
        if job.status == JobStatus.FAILED:
            print(f"job {job.id} failed: {job.error_code} {job.message}")
    print(
        f"jobs={len(ids)} kind={args.kind} workers={args.workers} wall_s={wall:.1f} "
        f"jobs_per_s={len(ids) / wall:.2f} failed={failed}"
    )


if __name__ == "__main__":
    main()
