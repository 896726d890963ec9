"""Nhật ký in words: labels for every column, local times, names instead of ids, no previews."""

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session, SQLModel, select
from web_helpers import browser_as, web_app
from web_schedule_helpers import generate

from api.web.audit_labels import field_label
from api.web.labels import AUDIT_ENTITY_LABELS
from api.web.views.audit import audit_lines
from broadcast.audit.record import SKIPPED_TABLES
from broadcast.db import get_engine
from broadcast.models.accounts import Role
from broadcast.models.audit import AuditEntry

from conftest import make_settings

AUDITED = sorted(name for name in SQLModel.metadata.tables if name not in SKIPPED_TABLES)
ISO_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def _entry_html(page: str, entry_id: int) -> str:
    match = re.search(rf'<tr id="audit-{entry_id}".*?</tr>', page, re.S)
    assert match is not None, entry_id
    return match.group(0)


def _latest(client: TestClient, **wanted: str) -> dict[str, Any]:
    rows = client.get("/audit", params=wanted | {"limit": "1"}).json()
    assert rows, wanted
    return dict(rows[0])


def _local(at: str, zone: str) -> str:
    moment = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    return moment.strftime("%d/%m/%Y %H:%M")


@pytest.mark.parametrize("table", AUDITED)
def test_every_column_of_every_audited_table_has_a_label(table: str) -> None:
    columns = [column.name for column in SQLModel.metadata.tables[table].columns]
    assert {c: bool(field_label(table, c)) for c in columns} == {c: True for c in columns}
    assert AUDIT_ENTITY_LABELS.get(table, "").strip(), table


def test_an_approval_reads_in_words_with_names_and_local_time(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN, "quantri") as admin:
        me = admin.get("/auth/me").json()["user"]["id"]
        assert admin.patch(f"/users/{me}", json={"full_name": "Trần Thị Duyệt"}).status_code == 200
        editor = browser_as(admin, settings, "bientap", Role.EDITOR, 1)
        body = {"station_id": 1, "title": "Lịch tiêm phòng dại", "script": "Kính thưa bà con."}
        made = editor.post("/segments", json=body)
        assert made.status_code == 201, made.text
        segment_id = made.json()["id"]
        assert admin.post(f"/segments/{segment_id}/approve").status_code == 200
        raw = _latest(admin, entity="segment", action="approve")
        page = admin.get("/nhat-ky?entity=segment&action=approve").text
    html = _entry_html(page, raw["id"])
    assert "Bài phát: <strong>Lịch tiêm phòng dại</strong>" in html  # the title, not "#id"
    assert 'class="audit-actor" title="quantri">Trần Thị Duyệt<' in html  # full name
    assert re.search(r'data-field="status">.*?>Nháp</del>.*?>Đã duyệt</ins>', html, re.S)
    assert re.search(r'data-field="approved_by_id">.*?Người duyệt.*?>Trần Thị Duyệt<', html, re.S)
    assert f'class="audit-at">{_local(raw["at"], "Asia/Ho_Chi_Minh")}<' in html
    assert "Nội dung đã đổi: mã kiểm tra bản duyệt" in html  # the hash summarised
    assert "approved_hash" in raw["after"]  # …while the JSON keeps the stored names
    assert re.search(r'data-field="contributor_ids">.*?>bientap</del>.*?>\(trống\)<', html, re.S)
    for raw_text in ("approved_hash", "approved_by_id", "approved_at", "#", ">[2]<"):
        assert raw_text not in re.sub(r'data-field="[^"]+"', "", html), raw_text
    assert not ISO_INSTANT.search(page)  # no UTC ISO time anywhere on the page


def test_times_follow_the_station_time_zone(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        moved = admin.patch("/stations/1", json={"timezone": "Europe/Paris"})
        assert moved.status_code == 200, moved.text
        assert admin.patch("/slots/1", json={"name": "Buổi sớm"}).status_code == 200
        raw = _latest(admin, entity="session_slot", action="update")
        page = admin.get("/nhat-ky?entity=session_slot").text
    html = _entry_html(page, raw["id"])
    paris, hanoi = _local(raw["at"], "Europe/Paris"), _local(raw["at"], "Asia/Ho_Chi_Minh")
    assert paris != hanoi
    assert f'class="audit-at">{paris}<' in html
    assert "(Europe/Paris)" in page


def test_sessions_and_links_are_named_not_numbered(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        made = generate(admin, "2020-10-05", "2020-10-05")
        assert made
        sessions = admin.get("/playlists", params={"station_id": 1}).json()
        morning = next(s for s in sessions if s["day"] == "2020-10-05" and s["slot_id"] == 1)
        locked = admin.post(f"/playlists/{morning['id']}/lock", json={"locked": True})
        assert locked.status_code == 200, locked.text
        raw = _latest(admin, entity="playlist", action="update")
        page = admin.get("/nhat-ky?entity=playlist").text
        links = admin.get("/nhat-ky?entity=segment_topic").text
    html = _entry_html(page, raw["id"])
    assert "<strong>Buổi sáng 05/10/2020</strong>" in html
    assert re.search(r'data-field="locked">.*?Khoá.*?>không</del>.*?>có</ins>', html, re.S)
    first_link = re.search(r'class="audit-subject">Bài – chủ đề: <strong>([^<]+)</strong>', links)
    assert first_link is not None and " ↔ " in first_link.group(1)


def test_names_are_read_in_bulk_not_per_row(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN):
        pass
    engine = get_engine(settings.db_url)
    counted: list[str] = []

    def count(*args: Any) -> None:
        counted.append(str(args[2]))

    with Session(engine) as db:
        rows = db.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
        assert len(rows) > 100
        event.listen(engine, "before_cursor_execute", count)
        try:
            few = audit_lines(db, rows[:10], ZoneInfo("Asia/Ho_Chi_Minh"))
            few_queries = len(counted)
            counted.clear()
            lines = audit_lines(db, rows, ZoneInfo("Asia/Ho_Chi_Minh"))
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(few) == 10 and len(lines) == len(rows)
    tables = {row.entity for row in rows}
    assert len(counted) <= len(tables) + 8, counted  # one query per table and round
    assert few_queries <= len(counted)
    assert all(line.subject for line in lines if line.entry.entity in {"segment", "phase"})


def test_speech_previews_are_not_logged_as_changes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        before = admin.get("/audit", params={"entity": "job"}).json()
        preview = admin.post("/speech/preview", json={"text": "Xin chào bà con", "station_id": 1})
        assert preview.status_code == 202, preview.text
        after_preview = admin.get("/audit", params={"entity": "job"}).json()
        body = {"station_id": 1, "title": "Thông báo mới", "script": "Kính thưa bà con."}
        assert admin.post("/segments", json=body).status_code == 201
        after_segment = admin.get("/audit", params={"entity": "segment", "action": "create"})
        page = admin.get("/nhat-ky").text
    assert after_preview == before  # the preview job left no entry
    assert after_segment.json()[0]["after"]["title"] == "Thông báo mới"  # changes still are
    assert "Xin chào bà con" not in page and "Đọc thử" not in page


def test_quiet_hours_read_as_clock_spans(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        windows = [{"start": "22:00", "end": "05:30"}, {"start": "11:30", "end": "13:00"}]
        assert admin.patch("/stations/1", json={"quiet_hours": windows}).status_code == 200
        page = admin.get("/nhat-ky").text
    assert "Giờ yên tĩnh" in page and "22:00–05:30, 11:30–13:00" in page
