"""Phát khẩn cấp page: the active alerts with Kết thúc, the form sending an approved emergency
bulletin to chosen zones, the live button naming the station; a live recording's chunks need
the session's CSRF token; a viewer sees the alerts but no forms and no menu entry."""

from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings


def test_the_page_lists_alerts_and_sends_them(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        device = {"station_id": 1, "name": "Cụm loa chợ", "kind": "ip_receiver", "zone": "Tổ 3"}
        assert admin.post("/devices", json=device).status_code == 201
        body = {"station_id": 1, "title": "Cảnh báo lũ quét", "script": "Đề nghị bà con sơ tán."}
        segment = admin.post("/segments", json={**body, "bulletin_class": "emergency"}).json()
        approver = browser_as(admin, settings, "duyet-phuong", Role.APPROVER, 1)
        approved = approver.post(f"/segments/{segment['id']}/approve")
        assert approved.status_code == 200, approved.text
        page = approver.get("/phat-khan-cap").text
        [alert] = admin.get("/alerts", params={"station_id": 1}).json()
        sent = approver.post(
            "/alerts",
            json={"station_id": 1, "segment_id": segment["id"], "zones": ["Tổ 3"], "resume": False},
        )
        assert sent.status_code == 201, sent.text
        live = admin.post("/alerts", json={"station_id": 1, "kind": "live"}).json()
        chunk = admin.post(
            f"/alerts/{live['id']}/live", params={"seq": 0}, content=b"\x1aE\xdf\xa3"
        )
        forged = admin.post(
            f"/alerts/{live['id']}/live",
            params={"seq": 1},
            content=b"x",
            headers={"X-CSRF-Token": "gia-mao"},
        )
        ended = admin.post(f"/alerts/{live['id']}/end")
        viewer = browser_as(admin, settings, "xem", Role.VIEWER, 1)
        seen = viewer.get("/phat-khan-cap").text
        log = admin.get("/nhat-ky?entity=alert").text
    assert 'href="/phat-khan-cap?station=1"' in page  # in an approver's menu
    assert f'data-alert-id="{alert["id"]}"' in page and "Cảnh báo lũ quét" in page
    assert f'data-action="/alerts/{alert["id"]}/end"' in page and "Kết thúc" in page
    assert 'id="alert-send-form"' in page and f'<option value="{segment["id"]}">' in page
    assert 'value="Tổ 3" data-group="1" data-testid="send-zone"' in page
    assert 'data-testid="live-start"' in page and "Phát trực tiếp" in page
    assert chunk.status_code == 204, chunk.text  # the session's cookie and CSRF token
    assert forged.status_code == 403 and forged.json()["code"] == "csrf", forged.text
    assert ended.status_code == 200, ended.text
    assert "Cảnh báo lũ quét" in seen and 'id="alert-send-form"' not in seen
    assert 'data-testid="live-start"' not in seen and 'data-testid="alert-end"' not in seen
    assert 'href="/phat-khan-cap' not in seen.split("<main", 1)[0]
    assert "Phát khẩn cấp" in log and "Kết thúc phát khẩn cấp" in log
