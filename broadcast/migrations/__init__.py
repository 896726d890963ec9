"""Schema migrations (Alembic): a new database is created at the newest schema and marked so;
an older one is brought up to it, revision by revision, keeping its rows.

env.py            how Alembic runs here: on the caller's connection, batch mode for SQLite
versions/         one module per revision, grouped by capability (base: release 10 = 0001, jobs,
                  time zones; segments: review, lexicon, library; devices: players, alerts;
                  province: units, bulletins, audit by unit, cloud voice usage)
"""

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

HERE = Path(__file__).parent
BASELINE = "0001"  # the schema of release 10, made by create_all and add-missing-columns
LOCK_KEY = 7_415_016  # PostgreSQL advisory lock held while one process creates or migrates


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for this package (on a connection when given)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("recursive_version_locations", "true")  # versions/<capability>/
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def scripts() -> ScriptDirectory:
    """The revisions, read once."""
    return ScriptDirectory.from_config(config())


def _exclusive(conn: Connection) -> None:
    """Processes starting together migrate one after the other (the others then find it done)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock before the schema is read


def upgrade(engine: Engine) -> None:
    """Create a new database at the newest revision, or migrate an older one to it."""
    with engine.begin() as conn:
        _exclusive(conn)
        tables = set(inspect(conn).get_table_names())
        if not tables - {"alembic_version"}:
            SQLModel.metadata.create_all(conn)
            MigrationContext.configure(conn).stamp(scripts(), "head")
            return
        context = MigrationContext.configure(conn)
        if context.get_current_revision() == scripts().get_current_head():
            return
        if "alembic_version" not in tables:  # made before migrations: release 10's schema
            context.stamp(scripts(), BASELINE)
        command.upgrade(config(conn), "head")


def head() -> str | None:
    """The newest revision."""
    return scripts().get_current_head()
