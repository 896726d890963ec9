"""Migrations: a database of the last release without them (release 10, kept as a fixture for
each engine) is brought to the newest schema with its rows intact; a new one is created at it."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from broadcast import models as m
from broadcast.db import dispose_engines, get_engine, init_db
from broadcast.migrations import head

from databases import new_database_url, release_10, run_sql


def _columns(url: str, table: str) -> dict[str, tuple[str, bool]]:
    """name → (type, nullable) of a table's columns, as the database reports them."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            columns = sa.inspect(conn).get_columns(table)
    finally:
        engine.dispose()
    return {c["name"]: (str(c["type"]), bool(c["nullable"])) for c in columns}


def _counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            names = sa.inspect(conn).get_table_names()
            counts = {
                n: conn.execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names
            }
    finally:
        engine.dispose()
    return counts


def _enum_labels(url: str) -> dict[str, list[str]]:
    """PostgreSQL's enum types and their labels, in order (SQLite stores enums as text: none)."""
    if not url.startswith("postgresql"):
        return {}
    rows = run_sql(
        url,
        "SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
        "ORDER BY t.typname, e.enumsortorder",
    )
    labels: dict[str, list[str]] = {}
    for name, label in rows:
        labels.setdefault(name, []).append(label)
    return labels


def _model_enum_labels() -> dict[str, list[str]]:
    """The labels the models' enum columns declare (what a new database is created with)."""
    found: dict[str, list[str]] = {}
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, sa.Enum) and column.type.name:
                found[column.type.name] = list(column.type.enums)
    return found


def _length_only(diff: object) -> bool:
    """A VARCHAR whose length alone differs (an enum's longest name): SQLite ignores lengths."""
    if not (isinstance(diff, list) and diff and diff[0][0] == "modify_type"):
        return False
    old, new = diff[0][-2], diff[0][-1]
    return isinstance(old, sa.String) and isinstance(new, sa.String)


def _schema_differences(url: str) -> list[object]:
    engine = get_engine(url)
    with engine.connect() as conn:
        found = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    return [diff for diff in found if not _length_only(diff)]


def test_release_10_upgrades_with_its_rows(tmp_path: Path) -> None:
    url = release_10(tmp_path)
    before = _counts(url)
    assert "alembic_version" not in before and "error_code" not in _columns(url, "job")
    init_db(get_engine(url))
    dispose_engines()
    after = _counts(url)
    new_tables = {
        "alembic_version",
        "library_item",
        "device",
        "device_asrun",
        "alert",
        "unit",
        "bulletin",
        "bulletin_delivery",
        "voice_usage",
    }  # made by the revisions, empty
    assert {t: n for t, n in after.items() if t not in new_tables} == before  # rows intact
    assert after["library_item"] == 0
    assert run_sql(url, "SELECT version_num FROM alembic_version") == [(head(),)]
    assert run_sql(url, "SELECT DISTINCT kind FROM job") == [("EXPORT_SESSION",)]
    job = _columns(url, "job")
    assert job["attempts"] == ("INTEGER", False) and job["lease_until"][1] is True
    assert _columns(url, "segment")["contributor_ids"][1] is True
    assert _columns(url, "audit_entry")["station_id"] == ("INTEGER", True)
    assert _schema_differences(url) == []  # the upgraded schema is the models' schema
    if url.startswith("postgresql"):  # a member added to a model's enum needs a revision
        assert sorted(_enum_labels(url).items()) == sorted(_model_enum_labels().items())
    engine = get_engine(url)
    with Session(engine) as db:  # and the rows load as the newest models
        jobs = db.exec(select(m.Job)).all()
        segments = db.exec(select(m.Segment)).all()
    dispose_engines()
    assert [j.kind for j in jobs] == [m.JobKind.EXPORT_SESSION]
    assert jobs[0].attempts == 0 and len(segments) == before["segment"]
    assert jobs[0].station_id == 1  # filled from its session (playlist 1, station 1)


def test_a_new_database_is_created_at_the_newest_revision(tmp_path: Path) -> None:
    url = new_database_url(tmp_path)
    init_db(get_engine(url))
    init_db(get_engine(url))  # a second start changes nothing
    dispose_engines()
    assert run_sql(url, "SELECT version_num FROM alembic_version") == [(head(),)]
    assert _schema_differences(url) == []


def test_an_upgrade_twice_is_an_upgrade_once(tmp_path: Path) -> None:
    url = release_10(tmp_path)
    for _ in range(2):
        init_db(get_engine(url))
        dispose_engines()
    assert _counts(url)["job"] == 1


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
    url = release_10(tmp_path)
    run_sql(url, "UPDATE station SET timezone = :zone", {"zone": stored})
    init_db(get_engine(url))
    dispose_engines()
    assert run_sql(url, "SELECT timezone FROM station") == [(upgraded,)]


def test_drafts_the_lexicon_returned_are_marked_on_upgrade(tmp_path: Path) -> None:
    url = release_10(tmp_path)
    first, second = (row[0] for row in run_sql(url, "SELECT id FROM segment ORDER BY id LIMIT 2"))
    run_sql(
        url,
        "UPDATE segment SET status = 'DRAFT', review_note = :note WHERE id = :id",
        {"note": "Cách đọc đã đổi theo từ điển phát âm: nghe lại và duyệt lại.", "id": first},
    )
    run_sql(url, "UPDATE segment SET status = 'DRAFT' WHERE id = :id", {"id": second})
    init_db(get_engine(url))
    dispose_engines()
    assert run_sql(url, "SELECT id FROM segment WHERE lexicon_returned") == [(first,)]
