"""Phát trực tiếp in a real browser (Chromium's fake microphone): the confirmation names the
station and the zone, the recording state counts the pieces sent, a device of that zone hears
the operator as MP3 (mono 24 kHz) while it lasts, and stopping ends the alert for the device."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2 as httpx
from playwright.sync_api import expect

from audio._ffmpeg import probe
from broadcast.models.accounts import Role

from factories import bearer

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def _listen(url: str, headers: dict[str, str], out: Path) -> None:
    with (
        httpx.Client(timeout=httpx.Timeout(60, read=60)) as client,
        client.stream("GET", url, headers=headers) as answer,
        out.open("wb") as sink,
    ):
        assert answer.status_code == 200
        for chunk in answer.iter_bytes():
            sink.write(chunk)


def _live_alert(live_server: LiveServer) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = live_server.api("GET", "/alerts?station_id=1", status=200)
        live = [a for a in found if a["kind"] == "live" and a["active"]]
        if live:
            return live[0]
        time.sleep(0.1)
    raise AssertionError("no live alert was created")


def test_going_live_reaches_a_device_and_stops(
    live_server: LiveServer, ui_factory: UIFactory, tmp_path: Path
) -> None:
    station = live_server.api("GET", "/stations/1", status=200)["name"]
    body = {"station_id": 1, "name": "Cụm loa chợ", "kind": "ip_receiver", "zone": "Tổ 3"}
    device = bearer(live_server.api("POST", "/devices", body, status=201)["token"])
    live_server.add_user("phat-thanh-vien", Role.APPROVER, 1)
    ui = ui_factory()
    page = ui.login("phat-thanh-vien", next_path="/phat-khan-cap?station=1")
    page.locator('input[data-testid="live-zone"][value="Tổ 3"]').check()
    page.get_by_test_id("live-start").click()
    expect(page.get_by_test_id("live-state")).to_be_visible()
    assert ui.dialogs == [
        f"Bạn sắp ngắt mọi loa đang phát ở {station} (khu vực: Tổ 3) để phát trực tiếp. Tiếp tục?"
    ]
    alert = _live_alert(live_server)
    assert alert["zones"] == ["Tổ 3"] and alert["resume"] is True
    heard = tmp_path / "device.mp3"
    url = f"{live_server.url}/player/v1/alerts/{alert['id']}/live"
    listener = threading.Thread(target=_listen, args=(url, device, heard), daemon=True)
    listener.start()
    sent = "Number(document.getElementById('live-sent').textContent) >= 12"  # 3 s recorded
    page.wait_for_function(sent, timeout=30_000)
    ui.screenshot("live-recording")
    with page.expect_navigation():
        page.get_by_test_id("live-stop").click()
    listener.join(60)
    assert not listener.is_alive(), "the device's stream did not end with the alert"
    info = probe(heard)
    print(f"\nlive: {heard.stat().st_size} bytes, {info.duration_s:.2f} s heard")
    assert (info.sample_rate, info.channels, info.codec) == (24000, 1, "mp3")
    assert info.duration_s > 0.5
    ended = live_server.api("GET", "/alerts?station_id=1", status=200)
    assert [a["active"] for a in ended if a["id"] == alert["id"]] == [False]
    ui.assert_clean("/phat-khan-cap")
