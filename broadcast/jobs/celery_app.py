"""The optional Celery transport (LOA_QUEUE_BROKER_URL: RabbitMQ or Redis).

A queued job's id is published once its row is committed; `loa worker` runs a Celery worker
whose task `loa.run_job` claims the row (a job claimed by a live worker or ended is skipped, so
a duplicate message never runs a job twice) and runs it with the runner. The job table stays
the record of truth; a sweep in every worker publishes again the jobs whose message is gone (a
worker died, the broker did not answer when they were queued).
"""

import logging
import os
import socket
import threading
import weakref
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from celery import Celery, Task
from celery.signals import worker_process_init, worker_ready
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import object_session
from sqlmodel import Session, col, select

from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.jobs.leases import lease_end, recover_jobs
from broadcast.jobs.queue import claim, worker_id
from broadcast.jobs.runner import run_job
from broadcast.models import Job, JobStatus
from broadcast.models.common import utcnow

log = logging.getLogger(__name__)
TASK = "loa.run_job"
CLAIMED, SKIPPED, MISSING = "claimed", "skipped", "missing"  # what a message's task did
HOW_TO_START = (
    "start the broker (RabbitMQ: systemctl start rabbitmq-server; Redis: systemctl start "
    "redis-server) or unset LOA_QUEUE_BROKER_URL"
)
_PENDING = "loa_jobs_to_publish"  # Session.info key: ids of the jobs inserted in its transaction
_apps: dict[tuple[str, str, str], Celery] = {}
_attached: "weakref.WeakKeyDictionary[Engine, Settings]" = weakref.WeakKeyDictionary()


def broker_label(settings: Settings) -> str:
    """The broker's URL without its password, for messages."""
    parts = urlsplit(settings.queue_broker_url or "")
    return f"{parts.scheme}://{parts.hostname or ''}:{parts.port or ''}{parts.path}"


def celery_app(settings: Settings) -> Celery:
    """The Celery app of these settings (one per broker, queue and database), with its task."""
    url = settings.queue_broker_url
    if not url:
        raise ValueError("LOA_QUEUE_BROKER_URL is not set")
    key = (url, settings.queue_name, settings.db_url)
    if key not in _apps:
        app = Celery("loa", broker=url, set_as_current=False)
        app.conf.update(
            task_default_queue=settings.queue_name,
            task_acks_late=True,  # acknowledged once run: a killed worker's message comes back
            task_reject_on_worker_lost=True,  # a pool process killed mid-job: message requeued
            worker_prefetch_multiplier=1,  # no message waits behind a long render
            task_ignore_result=True,  # outcomes live in the job table
            task_serializer="json",
            accept_content=["json"],
            broker_connection_timeout=3.0,
            broker_connection_retry_on_startup=True,
            task_publish_retry_policy={
                "max_retries": 2,
                "interval_start": 0.2,
                "interval_step": 0.4,
                "interval_max": 1.0,
            },
            worker_redirect_stdouts=False,
            worker_enable_remote_control=False,  # no control queues on the broker
        )
        if urlsplit(url).scheme.startswith("redis"):  # every key under the queue's name
            app.conf.broker_transport_options = {"global_keyprefix": f"{settings.queue_name}:"}
        _define_task(app, settings)
        _apps[key] = app
    return _apps[key]


def _define_task(app: Celery, settings: Settings) -> None:
    @app.task(name=TASK, bind=True, max_retries=10)
    def run_queued_job(task: Task, job_id: int) -> str:
        engine = get_engine(settings.db_url)
        outcome = take(engine, settings, job_id)
        if outcome == MISSING:  # not committed yet, or deleted: look again shortly
            raise task.retry(countdown=1.0)
        if outcome == CLAIMED:
            run_job(engine, settings, job_id)
        return outcome


def take(engine: Engine, settings: Settings, job_id: int) -> str:
    """Claim a job for this process: CLAIMED; SKIPPED when a live worker has it or it ended;
    MISSING when there is no such row."""
    with Session(engine) as db:
        job = db.get(Job, job_id)
    if job is None:
        return MISSING
    if job.status == JobStatus.RUNNING:  # a redelivered message: its worker may have died
        recover_jobs(engine, settings)
    return CLAIMED if claim(engine, job_id, lease_end(settings)) else SKIPPED


def publish(settings: Settings, job_ids: Iterable[int]) -> list[int]:
    """Send one message per job; the ids sent (the others wait in the table for the sweep)."""
    app, sent = celery_app(settings), []
    try:
        with app.producer_or_acquire() as producer:
            for job_id in job_ids:
                app.send_task(TASK, args=[job_id], queue=settings.queue_name, producer=producer)
                sent.append(job_id)
    except Exception as exc:  # whatever the broker's failure, the jobs stay queued in the table
        log.error(
            "cannot publish queued jobs to %s (%s): they wait in the database and are "
            "published again once it answers; %s",
            broker_label(settings),
            exc,
            HOW_TO_START,
        )
    return sent


def broker_answers(settings: Settings) -> bool:
    """Whether the broker accepts a connection now (logged when it does not)."""
    try:
        with celery_app(settings).connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=5)
        return True
    except Exception as exc:  # refused, unknown host, bad credentials: all mean "not now"
        log.error(
            "the job queue broker %s does not answer (%s); %s",
            broker_label(settings),
            exc,
            HOW_TO_START,
        )
        return False


def attach(engine: Engine, settings: Settings) -> bool:
    """Publish the jobs committed through this engine's sessions from now on; False (logged)
    when the broker does not answer now: jobs are still accepted and wait for the sweep."""
    _attached[engine] = settings
    return broker_answers(settings)


def _settings_of(session: OrmSession) -> Settings | None:
    bind = session.bind
    return _attached.get(bind) if isinstance(bind, Engine) else None


@event.listens_for(Job, "after_insert")
def _remember(_mapper: Any, _connection: Any, job: Job) -> None:
    """A job queued in a session of an attached engine: published when the session commits."""
    session = object_session(job)
    if session is not None and _settings_of(session) is not None:
        session.info.setdefault(_PENDING, []).append(job.id)


@event.listens_for(OrmSession, "after_commit")
def _publish_committed(session: OrmSession) -> None:
    ids = session.info.pop(_PENDING, None)
    settings = _settings_of(session) if ids else None
    if settings is not None and ids:
        publish(settings, ids)


@event.listens_for(OrmSession, "after_rollback")
def _forget(session: OrmSession) -> None:
    session.info.pop(_PENDING, None)


def ready_messages(settings: Settings) -> int | None:
    """Messages waiting in the broker's queue (0 when it has none yet); None if unreachable."""
    try:
        with celery_app(settings).connection_for_read() as conn:
            try:
                declared = conn.default_channel.queue_declare(settings.queue_name, passive=True)
            except conn.channel_errors:  # no such queue (Redis: an empty one) holds nothing
                return 0
            return int(declared.message_count)
    except Exception:  # the broker does not answer: nothing can be published now anyway
        log.warning("cannot count the messages of %s", broker_label(settings), exc_info=True)
        return None


def sweep(engine: Engine, settings: Settings) -> list[int]:
    """Publish again the jobs whose message is gone: those of dead workers put back in the
    queue, and jobs queued for queue_republish_seconds while the broker holds no message."""
    again = {job.id for job in recover_jobs(engine, settings) if job.status == JobStatus.QUEUED}
    if ready_messages(settings) == 0:
        cutoff = utcnow() - timedelta(seconds=settings.queue_republish_seconds)
        query = select(Job.id).where(Job.status == JobStatus.QUEUED, col(Job.created_at) < cutoff)
        with Session(engine) as db:
            again.update(db.exec(query).all())
    lost = sorted(job_id for job_id in again if job_id is not None)
    if lost:
        log.warning("publishing again %d job(s) whose message was lost: %s", len(lost), lost)
    return publish(settings, lost) if lost else []


class Sweeper:
    """A thread of the worker's main process that sweeps every third of a job lease."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine, self.settings = engine, settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="loa-sweep", daemon=True)

    def start(self) -> None:
        """Start sweeping (the first sweep at once)."""
        self._thread.start()

    def stop(self) -> None:
        """Stop sweeping."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sweep(self.engine, self.settings)
            except Exception:  # a failed sweep is retried at the next one
                log.exception("the job sweep failed")
            self._stop.wait(self.settings.job_lease_seconds / 3)


def run_worker(settings: Settings, concurrency: int, ready: Any = None) -> int:
    """Run a Celery worker (`concurrency` pool processes) on the settings' queue until it is
    stopped (SIGTERM: once its current jobs end); its exit code. `ready()` once consuming."""
    engine = get_engine(settings.db_url)
    attach(engine, settings)  # jobs queued by jobs (a scheduler run's exports) are published
    sweeper = Sweeper(engine, settings)

    def _started(**_kwargs: Any) -> None:
        sweeper.start()
        if ready is not None:
            ready()

    def _forked(**_kwargs: Any) -> None:
        engine.dispose(close=False)  # a pool process opens connections of its own

    worker_ready.connect(_started, weak=False)
    worker_process_init.connect(_forked, weak=False)
    worker = celery_app(settings).Worker(
        hostname=f"loa-{os.getpid()}@{socket.gethostname()}",
        concurrency=concurrency,
        pool="prefork",
        loglevel="INFO",
        quiet=True,
        without_gossip=True,
        without_mingle=True,
        without_heartbeat=True,
        queues=[settings.queue_name],
    )
    try:
        worker.start()
    finally:
        sweeper.stop()
    log.info("Celery worker %s stopped", worker_id())
    return int(worker.exitcode or 0)
