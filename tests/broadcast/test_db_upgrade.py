"""Migrations: a database of the last release without them (release 10, kept as a fixture) is
brought to the newest schema with its rows intact; a new one is created at it."""

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from broadcast import models as m
from broadcast.db import dispose_engines, get_engine, init_db
from broadcast.migrations import head

RELEASE_10 = Path(__file__).resolve().parents[1] / "fixtures" / "loa-release-10.db"


def _columns(path: Path, table: str) -> dict[str, tuple[str, bool]]:
    """name → (declared type, nullable) of a table's columns, read from SQLite itself."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return {row[1]: (row[2], not row[3]) for row in rows}


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _length_only(diff: object) -> bool:
    """A VARCHAR whose length alone differs (an enum's longest name): SQLite ignores lengths."""
    if not (isinstance(diff, list) and diff and diff[0][0] == "modify_type"):
        return False
    old, new = diff[0][-2], diff[0][-1]
    return isinstance(old, sa.String) and isinstance(new, sa.String)


def _schema_differences(path: Path) -> list[object]:
    engine = get_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        found = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    return [diff for diff in found if not _length_only(diff)]


def test_release_10_upgrades_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "loa.db"
    shutil.copy(RELEASE_10, path)
    before = _counts(path)
    assert "alembic_version" not in before and "error_code" not in _columns(path, "job")
    init_db(get_engine(f"sqlite:///{path}"))
    dispose_engines()
    after = _counts(path)
    new_tables = {
        "alembic_version",
        "library_item",
        "device",
        "device_asrun",
        "alert",
    }  # made by the revisions, empty
    assert {t: n for t, n in after.items() if t not in new_tables} == before  # rows intact
    assert after["library_item"] == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]
        assert conn.execute("SELECT DISTINCT kind FROM job").fetchall() == [("EXPORT_SESSION",)]
    job = _columns(path, "job")
    assert job["attempts"] == ("INTEGER", False) and job["lease_until"][1] is True
    assert _columns(path, "segment")["contributor_ids"][1] is True
    assert _columns(path, "audit_entry")["station_id"] == ("INTEGER", True)
    assert _schema_differences(path) == []  # the upgraded schema is the models' schema
    engine = get_engine(f"sqlite:///{path}")
    with Session(engine) as db:  # and the rows load as the newest models
        jobs = db.exec(select(m.Job)).all()
        segments = db.exec(select(m.Segment)).all()
    dispose_engines()
    assert [j.kind for j in jobs] == [m.JobKind.EXPORT_SESSION]
    assert jobs[0].attempts == 0 and len(segments) == before["segment"]


def test_a_new_database_is_created_at_the_newest_revision(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    init_db(get_engine(f"sqlite:///{path}"))
    init_db(get_engine(f"sqlite:///{path}"))  # a second start changes nothing
    dispose_engines()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]
    assert _schema_differences(path) == []


def test_an_upgrade_twice_is_an_upgrade_once(tmp_path: Path) -> None:
    path = tmp_path / "loa.db"
    shutil.copy(RELEASE_10, path)
    for _ in range(2):
        init_db(get_engine(f"sqlite:///{path}"))
        dispose_engines()
    assert _counts(path)["job"] == 1


@pytest.mark.parametrize(
    ("stored", "upgraded"),
    [
        ("Mars/Olympus", "Asia/Ho_Chi_Minh"),
        ("", "Asia/Ho_Chi_Minh"),
        ("Asia/Bangkok", "Asia/Bangkok"),
    ],
)
def test_unknown_time_zones_become_the_default_on_upgrade(
    tmp_path: Path, stored: str, upgraded: str
) -> None:
    path = tmp_path / "loa.db"
    shutil.copy(RELEASE_10, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE station SET timezone = ?", (stored,))
    init_db(get_engine(f"sqlite:///{path}"))
    dispose_engines()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT timezone FROM station").fetchall() == [(upgraded,)]


def test_drafts_the_lexicon_returned_are_marked_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "loa.db"
    shutil.copy(RELEASE_10, path)
    with sqlite3.connect(path) as conn:
        first, second = (row[0] for row in conn.execute("SELECT id FROM segment LIMIT 2"))
        conn.execute(
            "UPDATE segment SET status = 'DRAFT', review_note = ? WHERE id = ?",
            ("Cách đọc đã đổi theo từ điển phát âm: nghe lại và duyệt lại.", first),
        )
        conn.execute("UPDATE segment SET status = 'DRAFT' WHERE id = ?", (second,))
    init_db(get_engine(f"sqlite:///{path}"))
    dispose_engines()
    with sqlite3.connect(path) as conn:
        marked = conn.execute("SELECT id FROM segment WHERE lexicon_returned").fetchall()
    assert marked == [(first,)]
