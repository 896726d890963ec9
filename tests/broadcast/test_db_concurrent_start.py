"""Processes starting together on a new database: one creates it, the others find it made."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine

from broadcast.migrations import head, upgrade

from databases import new_database_url, run_sql

STARTS = 4


def test_starts_racing_on_a_new_database_create_it_once(tmp_path: Path) -> None:
    url = new_database_url(tmp_path)
    start = threading.Barrier(STARTS)

    def begin(_index: int) -> None:
        engine = create_engine(url)  # an engine each, as separate processes have
        try:
            start.wait()
            upgrade(engine)
        finally:
            engine.dispose()

    with ThreadPoolExecutor(STARTS) as pool:
        list(pool.map(begin, range(STARTS)))
    assert run_sql(url, "SELECT version_num FROM alembic_version") == [(head(),)]
    assert run_sql(url, "SELECT count(*) FROM station") == [(0,)]
