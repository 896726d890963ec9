"""The audit log: every kind of write leaves who/when/what/before/after; it is append-only."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from broadcast.config import Settings
from broadcast.db import get_engine


def _entries(client: TestClient, **filters: Any) -> list[dict[str, Any]]:
    response = client.get("/audit", params=filters)
    assert response.status_code == 200, response.text
    return list(response.json())


def test_create_update_delete_are_recorded_with_values(client: TestClient) -> None:
    station = client.post("/stations", json={"name": "Đài phường Một"}).json()
    client.patch(f"/stations/{station['id']}", json={"name": "Đài phường Hai"})
    slot = client.post(
        "/slots",
        json={"station_id": station["id"], "name": "Sáng", "start": "06:30", "max_seconds": 900},
    ).json()
    client.delete(f"/slots/{slot['id']}")
    entries = _entries(client, entity="station")
    created, updated = entries[-1], entries[-2]
    assert created["action"] == "create" and created["actor"] == "quantri"
    assert created["after"]["name"] == "Đài phường Một" and created["before"] is None
    assert updated["action"] == "update"
    assert updated["before"] == {"name": "Đài phường Một"}
    assert updated["after"] == {"name": "Đài phường Hai"}
    deleted = _entries(client, entity="session_slot", action="delete")
    assert deleted[0]["before"]["name"] == "Sáng" and deleted[0]["after"] is None
    assert deleted[0]["entity_id"] == str(slot["id"])


def test_review_actions_and_accounts_are_recorded(client: TestClient) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    seg = client.post(
        "/segments", json={"station_id": 1, "title": "Tin", "script": "Kính thưa bà con."}
    ).json()
    approver = client.approver_headers  # type: ignore[attr-defined]
    client.post(f"/segments/{seg['id']}/approve", json={"note": "Đồng ý"}, headers=approver)
    approved = _entries(client, action="approve")[0]
    assert approved["actor"] == "duyet" and approved["note"] == "Đồng ý"
    assert approved["after"]["status"] == "approved"
    user = client.post("/users", json={"username": "moi", "password": "mot-mat-khau-dai"}).json()
    created = _entries(client, entity="user_account", action="create")[0]
    assert created["after"]["password_hash"] == "***"
    assert created["entity_id"] == str(user["id"])


def test_jobs_and_lexicon_writes_are_recorded(client: TestClient) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    entry = client.post("/lexicon", json={"written": "HTXNN", "spoken": "hợp tác xã nông nghiệp"})
    assert entry.status_code == 201, entry.text
    lexicon = _entries(client, entity="lexicon_entry")
    assert lexicon and lexicon[0]["after"]["spoken"] == "hợp tác xã nông nghiệp"
    preview = client.post("/speech/preview", json={"text": "Xin chào."})
    assert preview.status_code == 202, preview.text
    assert not _entries(client, entity="job")  # trying a reading out changes nothing
    station = client.get("/stations").json()[0]["id"]
    made = client.post("/segments", json={"station_id": station, "title": "A", "script": "Bê."})
    assert made.status_code == 201, made.text
    render = client.post(f"/segments/{made.json()['id']}/render")
    assert render.status_code == 202, render.text
    jobs = _entries(client, entity="job", action="create")
    assert [job["after"]["kind"] for job in jobs] == ["render_segment"]  # real work is


def test_filters_and_paging(client: TestClient) -> None:
    for index in range(5):
        client.post("/stations", json={"name": f"Đài {index}"})
    newest = _entries(client, entity="station", limit=2)
    assert [e["after"]["name"] for e in newest] == ["Đài 4", "Đài 3"]
    older = _entries(client, entity="station", limit=2, before_id=newest[-1]["id"])
    assert [e["after"]["name"] for e in older] == ["Đài 2", "Đài 1"]
    mine = _entries(client, user_id=newest[0]["user_id"], entity="station")
    assert len(mine) == 5
    assert client.get("/audit", params={"limit": 0}).status_code == 422


def test_the_log_cannot_be_changed_or_deleted(client: TestClient, settings: Settings) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    engine = get_engine(settings.db_url)
    for statement in ("UPDATE audit_entry SET actor = 'khac'", "DELETE FROM audit_entry"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert _entries(client, entity="station")[0]["actor"] == "quantri"
    routes = client.app.openapi()["paths"]["/audit"]  # type: ignore[attr-defined]
    assert set(routes) == {"get"}
