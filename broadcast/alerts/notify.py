"""Wake the device streams of this process when an alert starts or ends, once its write commits.

Streams wait on :data:`SIGNAL` (asyncio, any event loop); a transaction that created or ended an
alert signals it from SQLAlchemy's ``after_commit``, so a device never hears of an alert that a
rollback took back. Other processes (the CLI, another server) are seen by the streams' own poll.
"""

import asyncio
import contextlib
import threading
from collections.abc import Callable

from sqlalchemy import event
from sqlmodel import Session

PENDING_KEY = "loa.alerts.changed"
ENDED_KEY = "loa.alerts.ended"


class AlertSignal:
    """A generation counter that async waiters of any event loop sleep on until it moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._threads: set[threading.Event] = set()
        self.generation = 0

    def watch(self, woken: threading.Event) -> None:
        """Also set this event (a thread's wake-up) whenever the generation moves."""
        with self._lock:
            self._threads.add(woken)

    def unwatch(self, woken: threading.Event) -> None:
        """Stop setting this event."""
        with self._lock:
            self._threads.discard(woken)

    def notify(self) -> None:
        """Move the generation on and wake every waiter (thread-safe)."""
        with self._lock:
            self.generation += 1
            waiters = list(self._waiters)
            threads = list(self._threads)
        for thread_event in threads:
            thread_event.set()
        for loop, woken in waiters:
            with contextlib.suppress(RuntimeError):  # that loop has closed
                loop.call_soon_threadsafe(woken.set)

    async def wait(self, seen: int, timeout: float) -> int:
        """Sleep until the generation differs from ``seen`` or ``timeout`` passes; the new one."""
        woken = asyncio.Event()
        entry = (asyncio.get_running_loop(), woken)
        with self._lock:
            if self.generation != seen:
                return self.generation
            self._waiters.add(entry)
        try:
            await asyncio.wait_for(woken.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            with self._lock:
                self._waiters.discard(entry)
        return self.generation


SIGNAL = AlertSignal()
_ended_hooks: list[Callable[[int], None]] = []


def on_alert_ended(hook: Callable[[int], None]) -> None:
    """Call ``hook(alert_id)`` after a transaction that ended that alert commits."""
    _ended_hooks.append(hook)


def _after_commit(db: Session) -> None:
    db.info.pop(PENDING_KEY, None)
    for alert_id in db.info.pop(ENDED_KEY, set()):
        for hook in _ended_hooks:
            hook(alert_id)
    SIGNAL.notify()


def _after_rollback(db: Session) -> None:
    db.info.pop(PENDING_KEY, None)
    db.info.pop(ENDED_KEY, None)


def changed_on_commit(db: Session, ended: int | None = None) -> None:
    """Signal the streams when this session's transaction commits (once, whatever the calls)."""
    if ended is not None:
        db.info.setdefault(ENDED_KEY, set()).add(ended)
    if db.info.get(PENDING_KEY):
        return
    db.info[PENDING_KEY] = True
    event.listen(db, "after_commit", _after_commit, once=True)
    event.listen(db, "after_soft_rollback", _after_rollback, once=True)
