"""Migration 0005: the importer's untouched drafts of an older database are marked as plan
templates; written work, approved segments and drafts outside imported campaigns are not."""

import shutil
import sqlite3
from pathlib import Path

from broadcast.db import dispose_engines, get_engine, init_db

RELEASE_10 = Path(__file__).resolve().parents[1] / "fixtures" / "loa-release-10.db"


def test_importer_drafts_of_an_older_database_become_templates(tmp_path: Path) -> None:
    path = tmp_path / "loa.db"
    shutil.copy(RELEASE_10, path)
    with sqlite3.connect(path) as conn:  # as if campaign 1 had come from a plan file
        conn.execute(
            "INSERT INTO plan_import (campaign_id, filename, sha256, parse, created_at) "
            "VALUES (1, 'ke-hoach.txt', :sha, '{}', '2020-10-01 00:00:00')",
            {"sha": "0" * 64},
        )
        conn.execute(
            "UPDATE segment SET status = 'DRAFT', title = 'Nháp 1.1: Tuyên truyền' WHERE id = 3"
        )
        conn.execute("UPDATE segment SET status = 'DRAFT', title = 'Tin tự viết' WHERE id = 4")
        conn.execute("UPDATE segment SET title = 'Nháp 1.2: đã duyệt' WHERE id = 5")
    init_db(get_engine(f"sqlite:///{path}"))
    dispose_engines()
    with sqlite3.connect(path) as conn:
        marked = conn.execute("SELECT id FROM segment WHERE plan_template").fetchall()
        notes = conn.execute(
            "SELECT DISTINCT submit_note, submitted_at, returned_at FROM segment"
        ).fetchall()
    assert marked == [(3,)]
    assert notes == [("", None, None)]
