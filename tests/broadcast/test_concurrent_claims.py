"""What SQLite serialised holds on any engine: workers racing for jobs never share one, two
schedulers racing for the lease never both hold it, a racing duplicate is refused cleanly."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from broadcast.db import transaction
from broadcast.jobs import claim_next, enqueue
from broadcast.models import Job, JobKind, JobStatus
from broadcast.models.common import utcnow
from broadcast.models.scheduler import SchedulerLock
from broadcast.scheduler import LOCK_NAME, acquire_lock

T = TypeVar("T")
WORKERS = 4
JOBS = 60


def _race(count: int, work: Callable[[int], T]) -> list[T]:
    """Run work(i) in `count` threads released at the same moment."""
    start = threading.Barrier(count)

    def run(index: int) -> T:
        start.wait()
        return work(index)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_racing_workers_never_claim_the_same_job(engine: Engine) -> None:
    with transaction(engine) as db:
        queued = [enqueue(db, JobKind.SPEECH_PREVIEW, {"text": str(i)}).id for i in range(JOBS)]

    def drain(_worker: int) -> list[int]:
        mine: list[int] = []
        while (job_id := claim_next(engine)) is not None:
            mine.append(job_id)
        return mine

    claimed = _race(WORKERS, drain)
    every = [job_id for mine in claimed for job_id in mine]
    assert sorted(every) == sorted(queued)  # each job once, none lost
    with Session(engine) as db:
        jobs = db.exec(select(Job)).all()
    assert {job.status for job in jobs} == {JobStatus.RUNNING}
    assert {job.attempts for job in jobs} == {1}


def test_racing_schedulers_never_both_hold_the_lease(engine: Engine) -> None:
    for round_ in range(5):  # no row yet, then an expired holder's row, several times
        now = utcnow()
        holders = [f"may-{round_}-{i}:1" for i in range(WORKERS)]
        won = _race(WORKERS, lambda i, h=holders, t=now: acquire_lock(engine, h[i], t, 60))
        assert won.count(True) == 1
        with Session(engine) as db:
            lock = db.get(SchedulerLock, LOCK_NAME)
            assert lock is not None and lock.holder == holders[won.index(True)]
            lock.expires_at = now - timedelta(seconds=1)  # its holder died
            db.add(lock)
            db.commit()


def test_racing_workers_storing_the_same_speech_share_one_asset(engine: Engine) -> None:
    from broadcast.media.assets import _stored
    from broadcast.models import AudioAsset

    def store(index: int) -> int:
        with transaction(engine) as db:
            asset = AudioAsset(
                content_hash="speech-key-1",
                path=f"tts/{index}.wav",
                source="tts",
                duration_s=1.0,
                sample_rate=16000,
            )
            return _stored(db, asset).id or 0

    ids = _race(WORKERS, store)
    assert len(set(ids)) == 1  # one row, every worker uses it, none fails
    with Session(engine) as db:
        assert len(db.exec(select(AudioAsset)).all()) == 1
