"""Backups: a consistent snapshot of the database and the media while the service runs, and its
restore into an empty data directory.

A backup is one ZIP: ``loa.db`` (SQLite's online snapshot, ``VACUUM INTO``) or ``loa.pgdump``
(PostgreSQL: ``pg_dump --format=custom``, one consistent snapshot), every file of the media
folders (uploads, synthesised speech, exports) and ``manifest.json`` with the size and SHA-256
of each. Media files are content-addressed and never rewritten, so files made after the
snapshot are only extra. The ZIP is written under a temporary name, then renamed.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from broadcast.config import Settings
from broadcast.errors import Conflict, InvalidInput

MEDIA_FOLDERS = ("assets", "tts", "exports")  # what cannot be made again from the database
DATABASE_NAME = "loa.db"
DUMP_NAME = "loa.pgdump"  # a PostgreSQL database, for pg_restore
FORMAT = 1


@dataclass(frozen=True)
class Backup:
    """A written backup: where, how many files, how many bytes."""

    path: Path
    files: int
    size: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A SQLAlchemy PostgreSQL URL as libpq's (for pg_dump), its password in the environment."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    """pg_dump or pg_restore from PATH, else a clear refusal."""
    found = shutil.which(name)
    if found is None:
        raise Conflict(
            f"PostgreSQL được sao lưu bằng {name} nhưng không tìm thấy {name}: "
            "hãy cài postgresql-client (cùng phiên bản máy chủ)",
            code="backup.pg_tool_missing",
        )
    return found


def _snapshot(settings: Settings, work: Path) -> tuple[str, Path]:
    """(name in the backup, file) of a consistent snapshot of the database."""
    url = settings.db_url
    if url.startswith("sqlite:///"):
        snapshot = work / DATABASE_NAME
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=60) as conn:
            conn.execute("VACUUM INTO ?", (str(snapshot),))  # consistent, while others write
        conn.close()
        return DATABASE_NAME, snapshot
    if not url.startswith("postgresql"):
        raise Conflict(
            "sao lưu tích hợp chỉ dùng cho SQLite và PostgreSQL", code="backup.unsupported"
        )
    dump = work / DUMP_NAME
    target, env = _libpq(url)
    done = subprocess.run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", target],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise Conflict(f"pg_dump không sao lưu được: {done.stderr.strip()}", code="backup.pg_dump")
    return DUMP_NAME, dump


def _media(settings: Settings) -> list[tuple[str, Path]]:
    """(name in the backup, file) of every media file, in a stable order."""
    found = []
    roots = {"assets": settings.assets_dir, "tts": settings.tts_cache_dir}
    roots["exports"] = settings.exports_dir
    for folder in MEDIA_FOLDERS:
        root = roots[folder]
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.endswith(".part"):
                    found.append((f"{folder}/{path.relative_to(root).as_posix()}", path))
    return found


def make_backup(settings: Settings, out: Path) -> Backup:
    """Snapshot the database and copy the media into the ZIP `out` (atomically)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".backup-") as work:
        files = [_snapshot(settings, Path(work)), *_media(settings)]
        entries: list[dict[str, Any]] = [
            {"name": name, "size": path.stat().st_size, "sha256": _sha256(path)}
            for name, path in files
        ]
        made_at = datetime.now(UTC).isoformat(timespec="seconds")
        manifest = {"format": FORMAT, "made_at": made_at, "files": entries}
        part = Path(work) / "backup.zip.part"
        with zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as archive:
            for name, path in files:
                archive.write(path, name)
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(part, out)
    total = sum(int(entry["size"]) for entry in entries)
    return Backup(out, len(files), total)


def restore_backup(archive_path: Path, data_dir: Path) -> int:
    """Unpack a backup into an empty data directory after checking every file; file count."""
    if data_dir.exists() and any(data_dir.iterdir()):
        raise InvalidInput(
            "data_dir", f"thư mục {data_dir} không trống; hãy khôi phục vào thư mục mới"
        )
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidInput("file", f"tệp sao lưu {archive_path} không đọc được") from exc
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError) as exc:
            raise InvalidInput("file", "tệp sao lưu thiếu manifest.json") from exc
        staging = data_dir.with_name(f".{data_dir.name}.restoring")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            _unpack(archive, manifest, staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    if data_dir.exists():
        data_dir.rmdir()
    os.replace(staging, data_dir)
    return len(manifest["files"])


def restore_database(dump: Path, url: str) -> None:
    """Load a backup's PostgreSQL dump into an empty database (pg_restore, all or nothing)."""
    from sqlalchemy import create_engine, inspect

    if not url.startswith("postgresql"):
        raise InvalidInput("database_url", "bản sao lưu PostgreSQL chỉ khôi phục vào PostgreSQL")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            used = inspect(conn).get_table_names()
    finally:
        engine.dispose()
    if used:
        raise InvalidInput("database_url", "cơ sở dữ liệu đích không trống; hãy tạo một cơ sở mới")
    target, env = _libpq(url)
    command = [_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction"]
    done = subprocess.run(
        [*command, f"--dbname={target}", str(dump)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise Conflict(
            f"pg_restore không khôi phục được: {done.stderr.strip()}", code="backup.pg_restore"
        )


def _unpack(archive: zipfile.ZipFile, manifest: dict[str, Any], staging: Path) -> None:
    """Write every file of the manifest under `staging`, checking each one's SHA-256."""
    for entry in manifest["files"]:
        name = str(entry["name"])
        target = (staging / name).resolve()
        if not target.is_relative_to(staging.resolve()):
            raise InvalidInput("file", f"đường dẫn không hợp lệ trong bản sao lưu: {name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, target.open("wb") as copy:
            while chunk := source.read(1024 * 1024):
                copy.write(chunk)
        if _sha256(target) != entry["sha256"]:
            raise InvalidInput("file", f"tệp {name} trong bản sao lưu bị hỏng (sai SHA-256)")


def daily_backup(settings: Settings, today: date) -> Backup | None:
    """Today's backup in LOA_BACKUP_DIR, unless it exists; older ones beyond the kept count go."""
    folder = settings.backup_dir
    if folder is None:
        return None
    target = folder / f"loa-{today.isoformat()}.zip"
    made = None if target.exists() else make_backup(settings, target)
    backups = sorted(folder.glob("loa-*.zip"))
    for old in backups[: max(0, len(backups) - settings.backup_keep)]:
        old.unlink(missing_ok=True)
    return made
