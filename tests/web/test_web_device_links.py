"""Device links on the pages: the Thiết bị page shows each device online, offline or never
connected from its last heartbeat, with what it plays, its version and clock offset; the
dashboard warns of the station's offline devices only."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import web_app

from broadcast import models as m
from broadcast.db import get_engine, transaction
from broadcast.models.accounts import Role

from conftest import make_settings
from factories import bearer


def _device(admin: TestClient, station_id: int, name: str) -> dict[str, Any]:
    body = {"station_id": station_id, "name": name, "kind": "ip_receiver", "zone": "Tổ 3"}
    made = admin.post("/devices", json=body)
    assert made.status_code == 201, made.text
    return made.json()


def _beat(admin: TestClient, token: str, title: str, clock_ahead_s: float = 0) -> None:
    clock = datetime.now(UTC) + timedelta(seconds=clock_ahead_s)
    body = {
        "playing": {"title": title},
        "volume": 5,
        "free_disk_mb": 512,
        "agent_version": "loa-player 2.0",
        "clock": clock.isoformat(),
    }
    sent = admin.post("/player/v1/heartbeat", json=body, headers=bearer(token))
    assert sent.status_code == 200, sent.text


def _silence(db_url: str, device_id: int, seconds: float) -> None:
    """Move a device's last heartbeat back in time, as if it had gone silent."""
    with transaction(get_engine(db_url)) as db:
        device = db.get(m.Device, device_id)
        assert device is not None and device.last_heartbeat_at is not None
        device.last_heartbeat_at = datetime.now(UTC) - timedelta(seconds=seconds)
        db.add(device)


def _link(page: str, device_id: int) -> str:
    row = page.split(f'data-device-id="{device_id}"', 1)[1].split("</tr>", 1)[0]
    return row.split('data-link="', 1)[1].split('"', 1)[0]


def test_the_devices_page_shows_online_offline_and_never(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        online = _device(admin, 1, "Cụm loa chợ")
        offline = _device(admin, 1, "Cụm loa đình")
        never = _device(admin, 1, "Cụm loa trường")
        _beat(admin, online["token"], "Bản tin sáng", clock_ahead_s=90)
        _beat(admin, offline["token"], "Nhạc hiệu")
        _silence(settings.db_url, offline["id"], 121)  # just past 2 × 60 s
        page = admin.get("/thiet-bi?station=1").text
        one = admin.get(f"/thiet-bi/{online['id']}").text
        lost = admin.get(f"/thiet-bi/{offline['id']}").text
    assert 'data-link="online"' in one and "Bản tin sáng" in one and "nhanh 90 giây" in one
    assert 'data-link="offline"' in lost and "Mất kết nối — tín hiệu cuối" in lost
    assert _link(page, online["id"]) == "online"
    assert _link(page, offline["id"]) == "offline"
    assert _link(page, never["id"]) == "never"
    assert "Trực tuyến" in page and "Mất kết nối" in page and "Chưa kết nối" in page
    online_row = page.split(f'data-device-id="{online["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert "Bản tin sáng" in online_row and "loa-player 2.0" in online_row
    assert "nhanh 90 giây" in online_row and "lần cuối" in online_row
    never_row = page.split(f'data-device-id="{never["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert "lần cuối" not in never_row and "chưa báo" in never_row
    assert "MP3 48 kbps, mono — cho loa 3G/4G" in page  # the low-bandwidth profile is offered


def test_the_dashboard_warns_of_the_stations_offline_devices_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        calm = admin.get("/?station=1").text
        other = admin.post("/stations", json={"name": "Đài xã Bên Kia"}).json()["id"]
        lost = _device(admin, 1, "Cụm loa đình")
        online = _device(admin, 1, "Cụm loa chợ")
        _device(admin, 1, "Cụm loa trường")  # never connected: not a lost link
        theirs = _device(admin, other, "Cụm loa bến đò")
        for device in (lost, online, theirs):
            _beat(admin, device["token"], "Bản tin")
        _silence(settings.db_url, lost["id"], 600)
        _silence(settings.db_url, theirs["id"], 600)
        page = admin.get("/?station=1").text
        elsewhere = admin.get(f"/?station={other}").text
    assert 'id="offline-devices"' not in calm
    warning = page.split('id="offline-devices"', 1)[1].split("</section>", 1)[0]
    assert "1 thiết bị mất kết nối" in warning and "Cụm loa đình" in warning
    assert "Cụm loa chợ" not in warning and "Cụm loa trường" not in warning
    assert "Cụm loa bến đò" not in warning
    assert "Cụm loa bến đò" in elsewhere.split('id="offline-devices"', 1)[1]
