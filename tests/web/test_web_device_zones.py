"""Thiết bị by zone: each zone's devices counted by link state, the silent ones named, devices
without a zone last; the page shows it for the station's devices."""

from pathlib import Path

from web_helpers import web_app

from api.web.views.device_zones import NO_ZONE, zone_rows
from broadcast.models import Device
from broadcast.models.accounts import DeviceKind, Role

from conftest import make_settings


def _device(
    ident: int, name: str, zone: str, enabled: bool = True, playing: bool = False
) -> Device:
    state = {"playing": {"session_id": 1, "title": "Bản tin"}} if playing else None
    return Device(id=ident, station_id=1, name=name, kind=DeviceKind.IP_RECEIVER, zone=zone,
                  enabled=enabled, reported_state=state, token_hash=f"{ident:064}",
                  token_prefix="loa_dev_x")  # fmt: skip


def test_zones_count_devices_by_link_and_name_the_silent_ones() -> None:
    devices = [
        _device(1, "Cụm loa chợ", "Tổ 2", playing=True),
        _device(2, "Cụm loa đình", "Tổ 2"),
        _device(3, "Cụm loa trường", "tổ 1 "),
        _device(4, "Loa cũ", "Tổ 2", enabled=False),
        _device(5, "Cụm loa bến", ""),
    ]
    links: dict[int | None, str] = {
        1: "online",
        2: "offline",
        3: "online",
        4: "offline",
        5: "never",
    }
    first, second, last = zone_rows(devices, links)
    assert (first.zone, first.total, first.online, first.state) == ("tổ 1", 1, 1, "online")
    assert (second.zone, second.total, second.online, second.offline) == ("Tổ 2", 3, 1, 1)
    assert (second.disabled, second.playing, second.silent) == (1, 1, ["Cụm loa đình"])
    assert second.state == "offline"
    assert (last.zone, last.never, last.state) == (NO_ZONE, 1, "never")


def test_the_devices_page_shows_the_zones(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        for name, zone in (("Cụm loa chợ", "Tổ 3"), ("Cụm loa đình", "Tổ 3"), ("Cụm loa bến", "")):
            body = {"station_id": 1, "name": name, "kind": "ip_receiver", "zone": zone}
            made = admin.post("/devices", json=body)
            assert made.status_code == 201, made.text
        token = made.json()["token"]
        beat = {"volume": 7, "free_disk_mb": 900, "agent_version": "loa-player 1.0",
                "clock": "2026-12-07T09:00:00Z"}  # fmt: skip
        answer = admin.post(
            "/player/v1/heartbeat", json=beat, headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 200, answer.text
        page = admin.get("/thiet-bi").text
    assert 'data-testid="device-zones"' in page
    assert 'data-zone="Tổ 3" data-state="never"' in page and "2 chưa kết nối" in page
    assert f'data-zone="{NO_ZONE}" data-state="online"' in page
    assert page.index('data-zone="Tổ 3"') < page.index(f'data-zone="{NO_ZONE}"')
