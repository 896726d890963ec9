"""Migration 0005: the importer's untouched drafts of an older database are marked as plan
templates; written work, approved segments and drafts outside imported campaigns are not."""

from pathlib import Path

from broadcast.db import dispose_engines, get_engine, init_db

from databases import release_10, run_sql


def test_importer_drafts_of_an_older_database_become_templates(tmp_path: Path) -> None:
    url = release_10(tmp_path)
    run_sql(  # as if campaign 1 had come from a plan file
        url,
        "INSERT INTO plan_import (campaign_id, filename, sha256, parse, created_at) "
        "VALUES (1, 'ke-hoach.txt', :sha, '{}', '2020-10-01 00:00:00')",
        {"sha": "0" * 64},
    )
    run_sql(
        url, "UPDATE segment SET status = 'DRAFT', title = 'Nháp 1.1: Tuyên truyền' WHERE id = 3"
    )
    run_sql(url, "UPDATE segment SET status = 'DRAFT', title = 'Tin tự viết' WHERE id = 4")
    run_sql(url, "UPDATE segment SET title = 'Nháp 1.2: đã duyệt' WHERE id = 5")
    init_db(get_engine(url))
    dispose_engines()
    marked = run_sql(url, "SELECT id FROM segment WHERE plan_template")
    notes = run_sql(url, "SELECT DISTINCT submit_note, submitted_at, returned_at FROM segment")
    assert marked == [(3,)]
    assert notes == [("", None, None)]
