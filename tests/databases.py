"""The tests' databases: a SQLite file per data directory, or (LOA_TEST_DB=postgresql) a
PostgreSQL database per data directory, copied from a template made once at the Alembic head.

LOA_TEST_PG_URL names the server (default: the machine's, postgres@127.0.0.1:5432). Every
database of a run is named loa_test_<pid>_<run>_<n>: two runs never collide; each is dropped
when the test that made it ends (a module fixture's, and the template, when the run ends), and
the next run drops those of runs that were killed.
"""

import os
import queue
import secrets
import shutil
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENGINE = os.environ.get("LOA_TEST_DB", "sqlite").strip().lower() or "sqlite"
if ENGINE not in {"sqlite", "postgresql"}:
    raise RuntimeError(f"LOA_TEST_DB must be sqlite or postgresql, not {ENGINE!r}")
POSTGRES = ENGINE == "postgresql"
SERVER_URL = (
    os.environ.get("LOA_TEST_PG_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PREFIX = "loa_test_"
RUN = f"{PREFIX}{os.getpid()}_{secrets.token_hex(3)}"

_admin = None  # psycopg connection to the server's maintenance database (autocommit)
_template: str | None = None
_count = 0
_by_root: dict[Path, str] = {}  # data directory → its database (the same root, the same one)
created: list[str] = []  # databases made in this run and not yet dropped, oldest first


def url_of(name: str) -> str:
    """The SQLAlchemy URL of a database on the test server."""
    return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)


def _connect():  # type: ignore[no-untyped-def]
    """A new administration connection (psycopg, autocommit) to the server's own database."""
    import psycopg

    url = make_url(SERVER_URL)
    return psycopg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
    )


def _connection():  # type: ignore[no-untyped-def]
    """The administration connection of the tests' thread (opened once)."""
    global _admin
    if _admin is None:
        _admin = _connect()
        _sweep_dead_runs()
    return _admin


class _Maker:
    """A thread that keeps the next database ready (copied from the template) and drops the
    used ones, while the tests run: a test waits for neither."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.ready: queue.Queue[str | BaseException] = queue.Queue()
        self.work: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="test-databases", daemon=True)
        self.thread.start()
        self.work.put(("create", _next_name()))

    def _run(self) -> None:
        conn = _connect()
        try:
            while (job := self.work.get()) is not None:
                verb, name = job
                try:
                    if verb == "create":
                        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
                        self.ready.put(name)
                    else:
                        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                except Exception as exc:  # a failed copy fails the test that waits for it
                    if verb == "create":
                        self.ready.put(exc)
        finally:
            conn.close()

    def take(self) -> str:
        """The ready database (and the next one ordered)."""
        made = self.ready.get(timeout=300)
        if isinstance(made, BaseException):
            raise made
        self.work.put(("create", _next_name()))
        return made

    def drop(self, name: str) -> None:
        self.work.put(("drop", name))

    def close(self) -> None:
        """Finish the drops; drop the spare database made last."""
        self.work.put(None)
        self.thread.join()
        while not self.ready.empty():
            spare = self.ready.get()
            if isinstance(spare, str):
                _drop(spare)


_maker: _Maker | None = None


def _next_name() -> str:
    global _count
    _count += 1
    return f"{RUN}_{_count}"


def _sweep_dead_runs() -> None:
    """Drop the databases left by runs of this machine whose process is gone (killed runs)."""
    assert _admin is not None
    rows = _admin.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s", (PREFIX + "%",)
    ).fetchall()
    for (name,) in rows:
        pid = name.removeprefix(PREFIX).split("_", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            _drop(name)


def _drop(name: str) -> None:
    assert _admin is not None
    _admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _template_name() -> str:
    """The run's template database, made once: a new database migrated to the head."""
    global _template
    if _template is None:
        from broadcast.db import dispose_engines, get_engine, init_db

        name = f"{RUN}_template"
        _connection().execute(f'CREATE DATABASE "{name}"')
        init_db(get_engine(url_of(name)))
        dispose_engines()
        _template = name
    return _template


def new_postgres_database() -> str:
    """The URL of a new database at the newest schema (copied from the template)."""
    global _maker
    if _maker is None:
        _maker = _Maker(_template_name())
    name = _maker.take()
    created.append(name)
    return url_of(name)


def new_empty_postgres_database() -> str:
    """The URL of a new database without any table (to build an old schema in)."""
    name = _next_name()
    _connection().execute(f'CREATE DATABASE "{name}"')
    created.append(name)
    return url_of(name)


def database_url(root: Path) -> str:
    """The database of a data directory under root: its SQLite file, or a PostgreSQL one."""
    if not POSTGRES:
        return f"sqlite:///{root / 'var' / 'loa.db'}"
    key = root.resolve()
    if key not in _by_root:
        _by_root[key] = new_postgres_database()
    return _by_root[key]


def drop_since(mark: int) -> None:
    """Drop the databases made after the first `mark` ones (a test's own, when it ends)."""
    if len(created) <= mark:
        return
    gone = set(created[mark:])
    for name in gone:
        if _maker is not None:
            _maker.drop(name)  # in the background
        else:
            _drop(name)
    del created[mark:]
    for root, url in list(_by_root.items()):
        if make_url(url).database in gone:
            del _by_root[root]


def drop_all() -> None:
    """Drop every database of this run and its template (the run ends)."""
    if _admin is None:
        return
    drop_since(0)
    if _maker is not None:
        _maker.close()
    if _template is not None:
        _drop(_template)
    _admin.close()


def env_url(data_dir: Path) -> str:
    """LOA_DATABASE_URL for a `loa` process on data_dir (as make_settings(data_dir.parent)):
    empty on SQLite (the file in data_dir), else the PostgreSQL database of that root."""
    return database_url(data_dir.parent) if POSTGRES else ""


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def release_10(tmp_path: Path) -> str:
    """The URL of a fresh copy of release 10's database (the last one without migrations):
    loa-release-10.db, or its PostgreSQL twin loa-release-10.pg.sql (same rows)."""
    if not POSTGRES:
        path = tmp_path / "loa.db"
        shutil.copy(FIXTURES / "loa-release-10.db", path)
        return f"sqlite:///{path}"
    url = new_empty_postgres_database()
    script = (FIXTURES / "loa-release-10.pg.sql").read_text(encoding="utf-8")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(script)
    finally:
        engine.dispose()
    return url


def run_sql(
    url: str, statement: str, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """One statement in its own transaction on the database at url; the rows it returns."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params or {})
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def new_database_url(tmp_path: Path) -> str:
    """The URL of a new database without any table: a SQLite file, or a PostgreSQL one."""
    if not POSTGRES:
        return f"sqlite:///{tmp_path / 'new.db'}"
    return new_empty_postgres_database()
