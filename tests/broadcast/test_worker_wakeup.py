"""An idle worker wakes when a job is queued: at the queueing commit on PostgreSQL (NOTIFY),
on wake() in-process on any engine; otherwise it sleeps its poll interval."""

import threading

from sqlalchemy.engine import Engine

from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.jobs import Wakeup, enqueue
from broadcast.models import JobKind

import databases

LONG_S = 60.0  # a wait no test sits through


def _waiting(wakeup: Wakeup) -> threading.Thread:
    thread = threading.Thread(target=wakeup.wait, args=(LONG_S,), daemon=True)
    thread.start()
    return thread


def test_wake_ends_a_wait(engine: Engine, settings: Settings) -> None:
    wakeup = Wakeup(engine, settings)
    thread = _waiting(wakeup)
    wakeup.wake()
    thread.join(10)
    assert not thread.is_alive()
    wakeup.close()


def test_a_queued_job_wakes_a_listening_worker(engine: Engine, settings: Settings) -> None:
    wakeup = Wakeup(engine, settings)
    assert wakeup.listen == databases.POSTGRES
    if not wakeup.listen:  # SQLite: no connection listens; the poll interval ends a wait
        wakeup.wait(0.05)
        assert wakeup._conn is None
        return
    wakeup.wait(0.01)  # LISTEN is in place from the first wait on
    thread = _waiting(wakeup)
    with transaction(engine) as db:
        enqueue(db, JobKind.SPEECH_PREVIEW, {"text": "x", "voice": settings.voice})
    thread.join(10)
    assert not thread.is_alive()  # woken by the commit's NOTIFY, long before LONG_S
    wakeup.close()
