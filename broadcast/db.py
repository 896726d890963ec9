"""Database engine and sessions; a transaction is committed once, at the boundary."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from broadcast import audit, crud, models  # noqa: F401  (tables, audit hook, row rules)
from broadcast.access import SYSTEM, Actor
from broadcast.jobs import owner  # noqa: F401  (each job names its station)
from broadcast.migrations import upgrade

_engines: dict[str, Engine] = {}


SQLITE_CONNECTIONS = 100  # more than request threads (40) + commit threads (8) + workers


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _server_options(url: str) -> dict[str, Any]:
    """Connection options of a database server (PostgreSQL: the session's time zone is UTC)."""
    return {"options": "-c timezone=UTC"} if url.startswith("postgresql") else {}


def get_engine(url: str) -> Engine:
    """One engine per URL, with SQLite tuned for a web process plus a worker thread."""
    if url not in _engines:
        if url.startswith("sqlite"):
            # One connection for every thread that may hold a session at once (the request
            # threads, the threads that commit them, the job worker, the scheduler): a thread
            # never waits for the pool while holding what another one needs. SQLite
            # connections are cheap; the database's own write lock orders the writers.
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": 30},
                pool_size=8,
                max_overflow=SQLITE_CONNECTIONS - 8,
            )
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            # PostgreSQL: the session's zone is UTC, so a naive time written is taken as UTC and
            # times come back in UTC. The pool holds what the request, commit and worker
            # threads may use at once (each process: up to 50 of the server's max_connections).
            engine = create_engine(
                url,
                pool_pre_ping=True,
                connect_args=_server_options(url),
                pool_size=10,
                max_overflow=40,
            )
        _engines[url] = engine
    return _engines[url]


def init_db(engine: Engine) -> None:
    """A new database at the newest schema, or an older one migrated to it (Alembic)."""
    upgrade(engine)


def dispose_engines() -> None:
    """Close every engine (tests, shutdown)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def transaction(engine: Engine, actor: Actor = SYSTEM) -> Iterator[Session]:
    """A session committed on success and rolled back on error (CLI commands, jobs)."""
    with Session(engine, expire_on_commit=False) as db:
        audit.set_actor(db, actor)
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise
