"""Waking idle workers when a job is queued: NOTIFY on PostgreSQL (sent when the queueing
transaction commits, never before), a poll interval on any engine, `wake()` in-process."""

import logging
import threading
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine

from broadcast.config import Settings
from broadcast.models import Job

log = logging.getLogger(__name__)
CHANNEL = "loa_jobs"


@event.listens_for(Job, "after_insert")
def _announce(_mapper: Any, connection: Connection, _job: Job) -> None:
    """Every queued job: PostgreSQL delivers the notification at commit (once per transaction)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"NOTIFY {CHANNEL}"))


class Wakeup:
    """What an idle worker waits on: a wake() from this process, a NOTIFY, or the poll interval."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine, self.settings = engine, settings
        self.listen = settings.worker_notify and engine.dialect.name == "postgresql"
        self._event = threading.Event()
        self._conn: Any = None  # psycopg connection LISTENing on CHANNEL

    def wake(self) -> None:
        """End the current wait now."""
        self._event.set()

    def wait(self, timeout: float) -> None:
        """Block until woken, notified or `timeout` seconds have passed."""
        conn = self._listener() if self.listen else None
        if conn is None:
            self._event.wait(timeout)
            self._event.clear()
            return
        remaining = timeout
        while remaining > 0 and not self._event.is_set():
            step = min(remaining, 0.25)  # short slices: a wake() is seen within a quarter second
            try:
                if any(True for _ in conn.notifies(timeout=step, stop_after=1)):
                    break
            except Exception:  # the server went away: poll until a new connection listens
                log.warning("lost the job notification connection; polling meanwhile")
                self.close()
                self._event.wait(remaining)
                break
            remaining -= step
        self._event.clear()

    def _listener(self) -> Any:
        if self._conn is None:
            try:
                import psycopg

                url = self.engine.url.set(drivername="postgresql")
                conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
                conn.execute(f"LISTEN {CHANNEL}")
                self._conn = conn
            except Exception:
                log.warning("cannot LISTEN for queued jobs; polling", exc_info=True)
        return self._conn

    def close(self) -> None:
        """Close the notification connection, if any."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # already broken
                log.debug("closing the notification connection failed", exc_info=True)
