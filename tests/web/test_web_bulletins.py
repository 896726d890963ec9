"""Bản tin cấp trên page through real HTTP: the commune's inbox with place and refuse, the
province's bulletins with each receiving station's state."""

from datetime import date, timedelta
from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

MONDAY = date.today() + timedelta(days=7 - date.today().weekday())  # next week's Monday


def test_inbox_and_sent_bulletins(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        province = post_json(admin, "/units", {"name": "Tỉnh Nghệ An", "kind": "province"})
        commune = {"name": "Xã Hưng Lộc", "kind": "commune", "parent_id": province["id"]}
        ward = post_json(admin, "/units", commune)
        assert admin.patch("/stations/1", json={"unit_id": ward["id"]}).status_code == 200
        session = post_json(
            admin, "/playlists/generate", {"station_id": 1, "day": str(MONDAY), "slot_id": 1}
        )
        editor = browser_as(admin, settings, "bt-tinh", Role.EDITOR, unit_id=province["id"])
        approver = browser_as(admin, settings, "duyet-tinh", Role.APPROVER, unit_id=province["id"])
        operator = browser_as(admin, settings, "ptv-xa", Role.OPERATOR, unit_id=ward["id"])
        body = {
            "unit_id": province["id"],
            "title": "Tuần lễ an toàn giao thông",
            "script": "Kính thưa bà con, tuần này là tuần lễ an toàn giao thông.",
            "air_start": str(MONDAY),
            "air_end": str(MONDAY + timedelta(days=4)),
        }
        bulletin = post_json(editor, "/bulletins", body)
        draft = editor.get("/ban-tin").text
        waiting = approver.get("/ban-tin").text
        assert approver.post(f"/bulletins/{bulletin['id']}/approve").status_code == 200
        inbox = operator.get("/ban-tin?station=1").text
        sent = editor.get("/ban-tin").text
    assert 'id="bulletin-create-form"' in draft and "chờ duyệt" in draft
    assert 'data-testid="approve-bulletin"' not in draft  # the author does not approve
    assert f'data-action="/bulletins/{bulletin["id"]}/approve"' in waiting
    assert 'data-testid="inbox-row"' in inbox and "Tuần lễ an toàn giao thông" in inbox
    assert "Tỉnh Nghệ An" in inbox and 'data-state="received"' in inbox
    assert 'data-api="/deliveries/' in inbox and f'<option value="{session["id"]}">' in inbox
    assert 'data-testid="refuse-button"' in inbox
    assert 'id="bulletin-create-form"' not in inbox  # a commune operator issues nothing
    assert 'data-testid="issued-bulletin"' not in inbox  # nor sees the province's list
    assert 'data-testid="delivery-row"' in sent and "Đài truyền thanh" in sent
    assert 'data-state="received"' in sent
