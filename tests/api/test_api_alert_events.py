"""The push channel over real HTTP (uvicorn on a free port): a connected device hears an
approved emergency bulletin at once, and an alert written by another process within the poll;
zones and stations choose who hears it; a reconnect with Last-Event-ID sends the active alerts
again; ending an alert sends `end`. Delays are printed, not asserted."""

import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alert_server import EventStream, Server, event_stream, running_app

from api.routes import player_events

from conftest import make_settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_app(make_settings(tmp_path)) as running:
        yield running


def _emergency(server: Server, station_id: int, title: str, approve: bool = True) -> int:
    body = {"station_id": station_id, "title": title, "script": "Đề nghị bà con không ra khỏi nhà."}
    segment = server.post("/segments", {**body, "bulletin_class": "emergency"})
    if approve:
        server.post(f"/segments/{segment['id']}/approve", status=200, approver=True)
    return int(segment["id"])


def test_a_connected_device_hears_an_approval_at_once(server: Server) -> None:
    station = server.post("/stations", {"name": "Đài phường Một"})["id"]
    other = server.post("/stations", {"name": "Đài xã Bên Kia"})["id"]
    market = server.device(station, "Cụm loa chợ", "Tổ 1")
    stranger = server.device(other, "Cụm loa xã", "Tổ 1")
    segment = _emergency(server, station, "Cảnh báo lũ", approve=False)
    with event_stream(server, market) as heard, event_stream(server, stranger) as deaf:
        asked = time.monotonic()
        server.post(f"/segments/{segment}/approve", status=200, approver=True)
        answered = time.monotonic()
        alert = heard.next("alert")
        print(
            f"\napproval_request_s={answered - asked:.3f} "
            f"alert_after_answer_s={alert.at - answered:.3f}"
        )
        assert alert.data["title"] == "Cảnh báo lũ" and alert.event_id == str(
            alert.data["alert_id"]
        )
        assert alert.data["audio"]["url"].endswith(f"/alerts/{alert.data['alert_id']}/audio")
        time.sleep(2.5)  # two polls of the other station's stream
        assert [e.name for e in deaf.drain()] == []


def test_an_alert_of_another_process_arrives_by_the_poll(server: Server) -> None:
    station = server.post("/stations", {"name": "Đài phường Một"})["id"]
    school = server.device(station, "Cụm loa trường", "Tổ 2")
    market = server.device(station, "Cụm loa chợ", "Tổ 1")
    _emergency(server, station, "Cảnh báo lũ")
    with event_stream(server, school) as heard, event_stream(server, market) as other_zone:
        first = heard.next("alert").data["alert_id"]
        assert other_zone.next("alert").data["alert_id"] == first
        script = textwrap.dedent(
            f"""
            from broadcast.alerts import create_alert
            from broadcast.db import get_engine, transaction
            from broadcast.config import Settings
            from broadcast.models import AlertCreate
            settings = Settings(
                _env_file=None,
                data_dir={str(server.settings.data_dir)!r},
                database_url={server.settings.db_url!r},
            )
            with transaction(get_engine(settings.db_url)) as db:
                create_alert(db, settings, AlertCreate(
                    station_id={station}, kind="live", zones=["Tổ 2"], resume=False))
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        written = time.monotonic()
        live = heard.next("alert")
        print(f"\nother_process_alert_after_s={live.at - written:.3f}")
        assert live.data["kind"] == "live" and live.data["resume"] is False
        assert live.data["stream_url"] == f"/player/v1/alerts/{live.data['alert_id']}/live"
        time.sleep(2.5)
        assert [e.name for e in other_zone.drain()] == []  # Tổ 1 is not among its zones


def test_reconnecting_resends_active_alerts_and_an_end_is_sent(server: Server) -> None:
    station = server.post("/stations", {"name": "Đài phường Một"})["id"]
    market = server.device(station, "Cụm loa chợ", "Tổ 1")
    _emergency(server, station, "Cảnh báo lũ")
    with event_stream(server, market) as first:
        alert = first.next("alert")
    again = {**market, "Last-Event-ID": str(alert.event_id)}
    with event_stream(server, again) as second:
        assert second.next("alert").data == alert.data
        server.post(f"/alerts/{alert.data['alert_id']}/end", status=200)
        assert second.next("end").data == {"alert_id": alert.data["alert_id"]}


def test_a_stream_ends_when_its_device_is_disabled(server: Server) -> None:
    station = server.post("/stations", {"name": "Đài phường Một"})["id"]
    market = server.device(station, "Cụm loa chợ", "Tổ 1")
    device_id = server.admin.get("/devices").json()[0]["id"]
    with event_stream(server, market) as stream:
        server.admin.patch(f"/devices/{device_id}", json={"enabled": False})
        assert stream.events.get(timeout=60) is None  # the server closed it


def test_a_schedule_change_is_announced(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(player_events, "SCHEDULE_S", 0.5)  # the server runs in this process
    station = server.post("/stations", {"name": "Đài phường Một"})["id"]
    market = server.device(station, "Cụm loa chợ", "Tổ 1")
    slot = server.post("/slots", {"station_id": station, "name": "Chiều", "start": "17:00"})
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date().isoformat()
    with event_stream(server, market) as stream:
        body = {"station_id": station, "day": today, "slot_id": slot["id"]}
        server.post("/playlists/generate", body)
        changed = stream.next("schedule")
        now = server.admin.get("/player/v1/schedule", headers=market).json()
        assert changed.data == {"version": now["version"]}


def test_the_server_stops_with_streams_open(tmp_path: Path) -> None:
    with running_app(make_settings(tmp_path)) as running:
        station = running.post("/stations", {"name": "Đài phường Một"})["id"]
        stream = EventStream(running.url, running.device(station, "Cụm loa chợ", "Tổ 1"))
        reader = threading.Thread(target=stream._read, daemon=True)
        reader.start()
        stream.next("hello")
        stopping = time.monotonic()
    print(f"\nshutdown_with_open_stream_s={time.monotonic() - stopping:.2f}")
    reader.join(60)
    assert not reader.is_alive()
