"""Thiết bị page: the list with each device's state, the new-device form and the edit page for
admins; other roles see no menu entry and no forms; other stations' devices are not found."""

from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings


def test_admins_see_devices_with_their_state_and_the_forms(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        body = {"station_id": 1, "name": "Cụm loa chợ", "kind": "fm_bridge", "zone": "Tổ 3"}
        made = admin.post("/devices", json=body)
        assert made.status_code == 201, made.text
        device = made.json()
        assert admin.patch(f"/devices/{device['id']}", json={"enabled": False}).status_code == 200
        page = admin.get("/thiet-bi").text
        log = admin.get("/nhat-ky?entity=device").text
        edit = admin.get(f"/thiet-bi/{device['id']}").text
        viewer = browser_as(admin, settings, "xem", Role.VIEWER, 1)
        seen = viewer.get("/thiet-bi").text
        other = admin.post("/stations", json={"name": "Đài xã Bên Kia"}).json()["id"]
        theirs = admin.post("/devices", json=body | {"station_id": other}).json()["id"]
        station_admin = browser_as(admin, settings, "qt-phuong", Role.ADMIN, 1)
        hidden = station_admin.get(f"/thiet-bi/{theirs}")
    assert 'href="/thiet-bi?station=1"' in page  # in the menu
    assert "Cụm loa chợ" in page and "Cầu nối phát FM" in page and "Tổ 3" in page
    assert 'data-state="disabled"' in page and "Bật lại" in page and "Cấp mã mới" in page
    assert 'id="device-create-form"' in page and "mp3-128k-mono-44100" in page
    assert device["token"] not in page and device["token_prefix"] not in page
    assert 'id="device-edit-form"' in edit and 'value="Cụm loa chợ"' in edit
    assert "Cụm loa chợ" in seen and 'id="device-create-form"' not in seen
    assert 'href="/thiet-bi' not in seen.split("<main", 1)[0]  # not in a viewer's menu
    assert hidden.status_code == 404
    assert "Thiết bị: <strong>Cụm loa chợ</strong>" in log  # audited, named in words
    assert "Đang bật" in log and device["token_prefix"] not in log
