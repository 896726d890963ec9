"""Four-eyes approval bound to the exact content; only cleared content is sequenced."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import add_user, approve, bearer, create_slot, create_station

SCRIPT = "Kính thưa bà con, sáng mai phường tổ chức tổng vệ sinh."


def _segment(client: TestClient, headers: dict[str, str] | None = None, **extra: Any) -> Any:
    body = {"station_id": 1, "title": "Tổng vệ sinh", "script": SCRIPT} | extra
    response = client.post("/segments", json=body, headers=headers or {})
    assert response.status_code == 201, response.text
    return response.json()


def test_author_cannot_approve_their_own_segment(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with open_client(settings) as client:
        client.post("/stations", json={"name": "Đài phường"})
        engine = get_engine(settings.db_url)
        editor_id, editor = add_user(engine, "bientap2", Role.EDITOR)
        approver_id, approver = add_user(engine, "duyet2", Role.APPROVER)
        seg = _segment(client, bearer(editor))
        assert seg["author_id"] == editor_id
        editor_try = client.post(f"/segments/{seg['id']}/approve", headers=bearer(editor))
        assert editor_try.status_code == 403  # an editor has no right to approve at all
        admin_seg = _segment(client)  # written by the fixture's admin, who may approve
        self_approval = client.post(f"/segments/{admin_seg['id']}/approve")
        assert self_approval.status_code == 403
        assert "bốn mắt" in self_approval.json()["detail"]
        assert self_approval.json()["code"] == "segment.own_approval"
        assert editor_try.json()["code"] == "forbidden"  # the kind: no finer code applies
        other = client.post(f"/segments/{admin_seg['id']}/approve", headers=bearer(approver))
        assert other.status_code == 200, other.text
        assert other.json()["approved_by_id"] == approver_id
        assert other.json()["status"] == "approved"


def test_any_change_of_content_returns_to_draft(client: TestClient) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    seg = _segment(client)
    assert approve(client, seg["id"])["status"] == "approved"
    retitled = client.patch(f"/segments/{seg['id']}", json={"title": "Tổng vệ sinh (sửa tên)"})
    assert retitled.json()["status"] == "approved"  # the title is not aired
    edited = client.patch(f"/segments/{seg['id']}", json={"script": SCRIPT + " Xin cảm ơn."})
    assert edited.json()["status"] == "draft"
    assert edited.json()["approved_by_id"] is None
    approve(client, seg["id"])
    revoiced = client.patch(f"/segments/{seg['id']}", json={"voice": "vi-south"})
    assert revoiced.json()["status"] == "draft"


def test_a_new_recording_returns_to_draft(client: TestClient) -> None:
    from test_api_access import _wav

    client.post("/stations", json={"name": "Đài phường"})
    seg = _segment(client, kind="recording", script="")
    files = {"file": ("a.wav", _wav(), "audio/wav")}
    assert client.post(f"/segments/{seg['id']}/audio", files=files).status_code == 200
    assert approve(client, seg["id"])["status"] == "approved"
    again = client.post(
        f"/segments/{seg['id']}/audio", files={"file": ("b.wav", _wav() + b"", "audio/wav")}
    )
    assert again.json()["status"] == "draft"


def test_return_needs_a_note_and_keeps_it(client: TestClient) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    seg = _segment(client)
    approver = client.approver_headers  # type: ignore[attr-defined]
    empty = client.post(f"/segments/{seg['id']}/return", json={"note": " "}, headers=approver)
    assert empty.status_code == 422
    assert empty.json()["field"] == "note"
    note = "Sai ngày tổ chức, đề nghị sửa lại"
    back = client.post(f"/segments/{seg['id']}/return", json={"note": note}, headers=approver)
    assert back.status_code == 200
    assert back.json()["review_note"] == note
    assert back.json()["status"] == "draft"


def test_fast_track_only_for_emergency_with_a_reason(client: TestClient) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    normal = _segment(client)
    urgent = _segment(client, bulletin_class="emergency", title="Bão khẩn cấp")
    reason = {"note": "Bão đổ bộ đêm nay, chủ tịch phường yêu cầu phát ngay"}
    refused = client.post(f"/segments/{normal['id']}/fast-track", json=reason)
    assert refused.status_code == 422 and refused.json()["field"] == "bulletin_class"
    short = client.post(f"/segments/{urgent['id']}/fast-track", json={"note": "gấp"})
    assert short.status_code == 422 and short.json()["field"] == "note"
    done = client.post(f"/segments/{urgent['id']}/fast-track", json=reason)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "approved"
    assert done.json()["fast_track_reason"] == reason["note"]
    audit = client.get("/audit", params={"action": "fast_track"}).json()
    assert [entry["note"] for entry in audit] == [reason["note"]]
    approver = client.approver_headers  # type: ignore[attr-defined]
    not_admin = client.post(f"/segments/{urgent['id']}/fast-track", json=reason, headers=approver)
    assert not_admin.status_code == 403


def test_only_content_cleared_to_air_is_sequenced(client: TestClient, db: Any) -> None:
    from sqlmodel import select

    from broadcast import models as m
    from broadcast.segments import is_cleared_to_air

    station = create_station(db)
    create_slot(db, station)
    db.commit()
    seg = _segment(client, station_id=station.id)
    approve(client, seg["id"])
    row = db.exec(select(m.Segment).where(m.Segment.id == seg["id"])).one()
    assert is_cleared_to_air(db, row)
    row.script = SCRIPT + " (sửa thẳng trong cơ sở dữ liệu)"  # bypassing the service
    assert not is_cleared_to_air(db, row)
