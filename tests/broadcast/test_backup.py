"""Backups made while the service writes restore to a working, identical data directory."""

import os
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, create_engine, func, select

from api.main import prepare_database
from audio._ffmpeg_gen import generate_tone
from broadcast.backup import (
    DATABASE_NAME,
    DUMP_NAME,
    daily_backup,
    make_backup,
    restore_backup,
    restore_database,
)
from broadcast.db import get_engine, transaction
from broadcast.errors import Conflict, InvalidInput
from broadcast.media import import_upload
from broadcast.migrations import head
from broadcast.models import Segment, SegmentCreate
from broadcast.segments import attach_asset, create_segment

import databases
from conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]


SNAPSHOT = DUMP_NAME if databases.POSTGRES else DATABASE_NAME  # the database in a backup


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with Session(engine) as db:
            return db.exec(select(func.count()).select_from(Segment)).one()
    finally:
        engine.dispose()


def _restored_database(restored: Path) -> str:
    """The URL of the database restored from a backup unpacked in `restored`."""
    if not databases.POSTGRES:
        with sqlite3.connect(restored / DATABASE_NAME) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return f"sqlite:///{restored / DATABASE_NAME}"
    url = databases.new_empty_postgres_database()
    restore_database(restored / DUMP_NAME, url)
    return url


def test_a_backup_taken_during_writes_restores_whole(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "live", load_demo=True)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    tone = tmp_path / "tone.wav"
    generate_tone(tone, seconds=1.0)
    with transaction(engine) as db:
        segment = db.get(Segment, 1)
        assert segment is not None
        attach_asset(db, segment, import_upload(db, settings, tone, "tone.wav"))
    with Session(engine) as db:
        before = db.exec(select(func.count()).select_from(Segment)).one()
    stop = threading.Event()

    def writer() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            with transaction(engine) as db:
                create_segment(db, SegmentCreate(station_id=1, title=f"Tin {number}", script="A."))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while _count(settings.db_url) < before + 3:  # writes under way
            time.sleep(0.01)
        made = make_backup(settings, tmp_path / "backups" / "loa.zip")
    finally:
        stop.set()
        thread.join()
    with Session(engine) as db:
        after = db.exec(select(func.count()).select_from(Segment)).one()
    assert made.files >= 2 and made.path.is_file()
    restored = tmp_path / "restored"
    assert restore_backup(made.path, restored) == made.files
    database = _restored_database(restored)
    assert before + 3 <= _count(database) <= after
    copy = make_settings(restored.parent / "x", data_dir=restored, database_url=database)
    with Session(get_engine(copy.db_url)) as db:
        asset_segment = db.get(Segment, 1)
        assert asset_segment is not None and asset_segment.audio_asset_id is not None
    assert sorted(p.name for p in (restored / "assets").rglob("*.flac")) == sorted(
        p.name for p in settings.assets_dir.rglob("*.flac")
    )


def test_a_restore_refuses_a_damaged_backup_and_a_used_directory(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "live", load_demo=True)
    prepare_database(settings)
    made = make_backup(settings, tmp_path / "loa.zip")
    used = tmp_path / "used"
    used.mkdir()
    (used / "x").write_text("x")
    with pytest.raises(InvalidInput) as refused:
        restore_backup(made.path, used)
    assert refused.value.field == "data_dir"
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(made.path) as source, zipfile.ZipFile(damaged, "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            out.writestr(item, body[:-10] + b"0" * 10 if item.filename == SNAPSHOT else body)
    with pytest.raises(InvalidInput, match="SHA-256"):
        restore_backup(damaged, tmp_path / "fresh")
    assert not (tmp_path / "fresh").exists() and not (tmp_path / ".fresh.restoring").exists()


def test_daily_backups_keep_the_newest(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, backup_dir=tmp_path / "daily", backup_keep=2)
    prepare_database(settings)
    first = date(2026, 12, 1)
    for offset in range(4):
        assert daily_backup(settings, first + timedelta(days=offset)) is not None
    assert daily_backup(settings, first + timedelta(days=3)) is None  # today's exists
    names = sorted(p.name for p in (tmp_path / "daily").glob("*.zip"))
    assert names == ["loa-2026-12-03.zip", "loa-2026-12-04.zip"]


def test_the_command_line_backs_up_and_restores(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "live", load_demo=True)
    prepare_database(settings)
    env = _env({"LOA_DATA_DIR": str(settings.data_dir), "LOA_DATABASE_URL": settings.db_url})

    def loa(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "broadcast", *args]
        return subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )

    out = tmp_path / "cli.zip"
    made = loa("backup", "--out", str(out))
    assert made.returncode == 0 and "Đã sao lưu" in made.stdout, made.stderr
    target = tmp_path / "moi"
    into = ["--database-url", databases.new_empty_postgres_database()] if databases.POSTGRES else []
    done = loa("restore", str(out), "--data-dir", str(target), *into)
    assert done.returncode == 0, done.stderr
    assert (target / SNAPSHOT).is_file()
    assert _count(into[1] if into else f"sqlite:///{target / DATABASE_NAME}") > 0
    again = loa("restore", str(out), "--data-dir", str(target))
    assert again.returncode == 1 and "không trống" in again.stderr


def _env(extra: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **extra}


def test_postgresql_without_pg_dump_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path, database_url="postgresql+psycopg://loa@127.0.0.1/loa")
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump there
    with pytest.raises(Conflict) as refused:
        make_backup(settings, tmp_path / "loa.zip")
    assert refused.value.code == "backup.pg_tool_missing"
    assert "pg_dump" in refused.value.message and "postgresql-client" in refused.value.message
    assert not (tmp_path / "loa.zip").exists()


def test_the_command_line_migrates_a_database_of_release_10(tmp_path: Path) -> None:
    url = databases.release_10(tmp_path)
    env = _env({"LOA_DATA_DIR": str(tmp_path / "var"), "LOA_DATABASE_URL": url})
    command = [sys.executable, "-m", "broadcast", "migrate"]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert head() in done.stdout
    assert databases.run_sql(url, "SELECT version_num FROM alembic_version") == [(head(),)]
