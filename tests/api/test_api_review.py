"""The review flow over the API: send for review, return with a note, approve (four eyes),
an edit withdraws the request, the reviewed content is the approved one, and importer drafts."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from broadcast import models as m
from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.models.accounts import Role
from broadcast.segments import content_hash

from factories import add_user, bearer

SCRIPT = "Kính thưa bà con, chiều nay phường phun thuốc diệt muỗi ở tổ dân phố 3."
SEED = Path(__file__).parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


def _editor(client: TestClient, settings: Settings, name: str = "bientap") -> dict[str, str]:
    _id, token = add_user(get_engine(settings.db_url), name, Role.EDITOR)
    return bearer(token)


def _write(client: TestClient, headers: dict[str, str], **extra: Any) -> Any:
    body = {"station_id": 1, "title": "Phun thuốc diệt muỗi", "script": SCRIPT} | extra
    response = client.post("/segments", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _post(client: TestClient, path: str, headers: dict[str, str], body: Any = None) -> Any:
    return client.post(path, json=body, headers=headers)


def test_submit_return_resubmit_approve(client: TestClient, settings: Settings) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    editor = _editor(client, settings)
    approver = client.approver_headers  # type: ignore[attr-defined]
    seg = _write(client, editor)
    path = f"/segments/{seg['id']}"
    sent = _post(client, f"{path}/submit", editor, {"note": "Nhờ anh nghe kỹ tên tổ"})
    assert sent.status_code == 200, sent.text
    assert sent.json()["status"] == "submitted"
    assert sent.json()["submit_note"] == "Nhờ anh nghe kỹ tên tổ"
    assert sent.json()["submitted_at"].endswith("Z")
    again = _post(client, f"{path}/submit", editor)
    assert (again.status_code, again.json()["code"]) == (409, "segment.submitted")
    returned = _post(client, f"{path}/return", approver, {"note": "Ghi rõ giờ phun thuốc"})
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "draft"
    assert returned.json()["review_note"] == "Ghi rõ giờ phun thuốc"  # the editor reads it
    assert returned.json()["submitted_at"] is None and returned.json()["submit_note"] == ""
    assert returned.json()["returned_at"].endswith("Z")
    client.patch(path, json={"script": SCRIPT + " Lúc 16 giờ."}, headers=editor)
    resent = _post(client, f"{path}/submit", editor).json()
    assert resent["status"] == "submitted" and resent["returned_at"] is None
    approved = _post(client, f"{path}/approve", approver)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["submitted_at"] is None
    late = _post(client, f"{path}/submit", editor)
    assert (late.status_code, late.json()["code"]) == (409, "segment.approved")
    actions = [e["action"] for e in client.get("/audit", params={"entity": "segment"}).json()]
    assert {"submit", "return", "approve"} <= set(actions)
    assert actions.count("submit") == 2


def test_an_edit_of_what_airs_withdraws_the_request(client: TestClient, settings: Settings) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    editor = _editor(client, settings)
    seg = _write(client, editor)
    path = f"/segments/{seg['id']}"
    _post(client, f"{path}/submit", editor)
    retitled = client.patch(path, json={"title": "Phun thuốc (sửa tên)"}, headers=editor)
    assert retitled.json()["status"] == "submitted"  # the title does not air
    rescripted = client.patch(path, json={"script": SCRIPT + " Xin cảm ơn."}, headers=editor)
    assert rescripted.json()["status"] == "draft"
    assert rescripted.json()["submitted_at"] is None
    regraded = _post(client, f"{path}/submit", editor)
    assert regraded.json()["status"] == "submitted"
    urgent = client.patch(path, json={"bulletin_class": "emergency"}, headers=editor)
    assert urgent.json()["status"] == "draft"  # priority is part of the approved content


def test_who_may_submit_approve_and_return(client: TestClient, settings: Settings) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    editor = _editor(client, settings)
    approver = client.approver_headers  # type: ignore[attr-defined]
    _viewer_id, viewer_token = add_user(get_engine(settings.db_url), "xem", Role.VIEWER)
    seg = _write(client, editor)
    path = f"/segments/{seg['id']}"
    assert _post(client, f"{path}/submit", approver).status_code == 403  # approvers do not write
    assert _post(client, f"{path}/submit", bearer(viewer_token)).status_code == 403
    assert _post(client, f"{path}/submit", editor).status_code == 200
    assert _post(client, f"{path}/approve", editor).status_code == 403  # editors do not approve
    assert _post(client, f"{path}/return", editor, {"note": "Sửa"}).status_code == 403
    own = _write(client, {})  # the fixture's admin writes and sends it
    assert _post(client, f"/segments/{own['id']}/submit", {}).status_code == 200
    self_approval = _post(client, f"/segments/{own['id']}/approve", {})
    assert (self_approval.status_code, self_approval.json()["code"]) == (
        403,
        "segment.own_approval",
    )  # sending for review does not make the author an approver
    assert _post(client, f"/segments/{own['id']}/approve", approver).status_code == 200


def test_approval_from_draft_and_fast_track_need_no_request(client: TestClient) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    approver = client.approver_headers  # type: ignore[attr-defined]
    seg = _write(client, {})
    assert seg["status"] == "draft"
    assert _post(client, f"/segments/{seg['id']}/approve", approver).json()["status"] == "approved"
    urgent = _write(client, {}, bulletin_class="emergency", title="Bão số 5")
    fast = _post(client, f"/segments/{urgent['id']}/fast-track", {}, {"note": "Bão đổ bộ tối nay"})
    assert fast.status_code == 200 and fast.json()["status"] == "approved"


def test_approval_is_of_the_content_reviewed(client: TestClient, settings: Settings) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    editor = _editor(client, settings)
    approver = client.approver_headers  # type: ignore[attr-defined]
    seg = _write(client, editor)
    path = f"/segments/{seg['id']}"
    _post(client, f"{path}/submit", editor)
    heard = client.get(path).json()["content_hash"]
    with Session(get_engine(settings.db_url)) as db:  # the hash approval binds to
        row = db.get(m.Segment, seg["id"])
        assert row is not None and heard == content_hash(db, row)
    client.patch(path, json={"script": SCRIPT + " Đóng cửa sổ."}, headers=editor)
    stale = _post(client, f"{path}/approve", approver, {"reviewed_hash": heard})
    assert (stale.status_code, stale.json()["error"]) == (409, "conflict")
    assert stale.json()["code"] == "segment.changed"
    assert client.get(path).json()["status"] == "draft"
    current = client.get(path).json()["content_hash"]
    assert current != heard
    fresh = _post(client, f"{path}/approve", approver, {"reviewed_hash": current})
    assert fresh.status_code == 200, fresh.text
    short = _post(client, f"{path}/approve", approver, {"reviewed_hash": "abc"})
    assert (short.status_code, short.json()["field"]) == (422, "reviewed_hash")


def test_nothing_to_air_cannot_be_sent(client: TestClient, settings: Settings) -> None:
    client.post("/stations", json={"name": "Đài phường"})
    editor = _editor(client, settings)
    seg = _write(client, editor, kind="recording", script="", title="Bản thu chưa có tệp")
    refused = _post(client, f"/segments/{seg['id']}/submit", editor)
    assert (refused.status_code, refused.json()["code"]) == (409, "segment.no_content")


def test_importer_drafts_are_templates_until_someone_works_on_them(
    client: TestClient, settings: Settings
) -> None:
    files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
    assert client.post("/campaigns/import", files=files).status_code == 201
    editor = _editor(client, settings)
    templates = client.get("/segments", params={"plan_template": True}).json()
    assert len(templates) == 27 and {s["status"] for s in templates} == {"draft"}
    written = client.get("/segments", params={"plan_template": False}).json()
    assert all(not s["plan_template"] for s in written)
    first, second, third = templates[0]["id"], templates[1]["id"], templates[2]["id"]
    edited = client.patch(
        f"/segments/{first}", json={"title": "Tuyên truyền bầu cử"}, headers=editor
    )
    assert edited.json()["plan_template"] is False  # an edit, even of the title, makes it work
    same = {k: templates[2][k] for k in ("title", "script", "phase_ids", "topic_ids")}
    unchanged = client.patch(f"/segments/{third}", json=same, headers=editor)
    assert unchanged.json()["plan_template"] is True  # saving it as it is changes nothing
    sent = _post(client, f"/segments/{second}/submit", editor)
    assert sent.json()["plan_template"] is False
    left = client.get("/segments", params={"plan_template": True}).json()
    assert {s["id"] for s in left} == {s["id"] for s in templates} - {first, second}
