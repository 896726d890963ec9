"""A device's output profile: an export also writes the session in the profiles of the station's
enabled devices (the low-bandwidth one for 3G receivers), and each device's schedule and file
route give it its own copy; a profile chosen after the export gets the session MP3 until the next
export."""

import hashlib
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from audio._ffmpeg import probe

from conftest import make_settings, open_client
from factories import approve, bearer, post_json

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
LOW = "mp3-48k-mono-24000"


def _export(client: TestClient, session_id: int) -> None:
    job = post_json(client, f"/playlists/{session_id}/export", {}, status=202)
    deadline = time.monotonic() + 180
    while (found := client.get(f"/jobs/{job['id']}").json())["status"] not in (
        "succeeded",
        "failed",
    ):
        assert time.monotonic() < deadline, "export did not finish"
        time.sleep(0.1)
    assert found["status"] == "succeeded", found["message"]


def _device(client: TestClient, station: int, name: str, profile: str | None) -> dict[str, str]:
    body: dict[str, Any] = {"station_id": station, "name": name, "kind": "ip_receiver"}
    made = post_json(client, "/devices", body | ({"output_profile": profile} if profile else {}))
    return bearer(made["token"])


def _file(client: TestClient, device: dict[str, str]) -> dict[str, Any]:
    [session] = client.get("/player/v1/schedule?days=1", headers=device).json()["sessions"]
    assert session["ready"] is True, session
    return dict(session["file"])


def test_each_device_gets_the_session_in_its_own_profile(tmp_path: Path) -> None:
    with open_client(make_settings(tmp_path, run_worker=True)) as client:
        _check_profiles(client, tmp_path)


def _check_profiles(client: TestClient, tmp_path: Path) -> None:
    today = datetime.now(ZONE).date()
    station = post_json(client, "/stations", {"name": "Đài phường Ba Gê"})["id"]
    campaign = post_json(client, "/campaigns", {"station_id": station, "title": "Vệ sinh"})
    phase = post_json(
        client,
        "/phases",
        {
            "campaign_id": campaign["id"],
            "title": "Tháng này",
            "starts_on": (today - timedelta(days=1)).isoformat(),
            "ends_on": (today + timedelta(days=2)).isoformat(),
        },
    )["id"]
    slot = post_json(
        client,
        "/slots",
        {"station_id": station, "name": "Sáng", "start": "06:30", "max_seconds": 60},
    )["id"]
    segment = post_json(
        client,
        "/segments",
        {
            "station_id": station,
            "title": "Tin",
            "script": "Kính thưa bà con.",
            "phase_ids": [phase],
        },
    )
    approve(client, segment["id"])
    session = post_json(
        client,
        "/playlists/generate",
        {"station_id": station, "day": today.isoformat(), "slot_id": slot},
    )["id"]
    standard = _device(client, station, "Cụm loa dây", None)
    mobile = _device(client, station, "Cụm loa 4G", LOW)
    _export(client, session)
    later = _device(client, station, "Cụm loa mới", "mp3-96k-mono-44100")
    main, low, fallback = (_file(client, d) for d in (standard, mobile, later))
    assert low["sha256"] != main["sha256"] and low["size"] < main["size"]
    assert fallback["sha256"] == main["sha256"]  # no copy yet: the session MP3
    answer = client.get(low["url"], headers=mobile)
    assert answer.status_code == 200 and answer.headers["etag"] == f'"{low["sha256"]}"'
    assert hashlib.sha256(answer.content).hexdigest() == low["sha256"]
    copy = tmp_path / "low.mp3"
    copy.write_bytes(answer.content)
    info = probe(copy)
    assert (info.sample_rate, info.channels) == (24000, 1)
    assert abs(info.duration_s - main["duration_s"]) < 0.2
    same_url = client.get(low["url"], headers=standard)
    assert hashlib.sha256(same_url.content).hexdigest() == main["sha256"]
