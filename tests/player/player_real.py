"""A real `loa serve` process with a station, an exported session and a device, for the player's
end-to-end test and benches."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from broadcast.db import dispose_engines

from conftest import make_settings, open_client
from factories import approve, post_json
from player_run import ROOT

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(url: str, token: str, method: str = "GET", body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wait_for_job(client: Any, job_id: int) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("succeeded", "failed"):
            assert job["status"] == "succeeded", job["message"]
            return
        time.sleep(0.2)
    raise AssertionError("export did not finish")


SHORT_SCRIPT = "Kính thưa bà con. Phường thông báo tổng vệ sinh sáng Thứ 7."
EMERGENCY_SCRIPT = "Khẩn cấp. Nước sông đang lên nhanh, đề nghị bà con không ra khỏi nhà."


def _rendered(client: Any, segment_id: int) -> None:
    """Wait until the segment's speech is synthesised."""
    job = client.post(f"/segments/{segment_id}/render")
    assert job.status_code == 202, job.text
    wait_for_job(client, job.json()["id"])


def build(
    client: Any, script: str = SHORT_SCRIPT, emergency: bool = False, day: date | None = None
) -> dict[str, Any]:
    """A station with one exported session on `day` (default today; slot at noon for now) and a
    device; with `emergency`, also an emergency bulletin written and synthesised, waiting for
    approval."""
    today = day or datetime.now(ZONE).date()
    station = post_json(client, "/stations", {"name": "Đài phường Phát Thật"})["id"]
    campaign = post_json(client, "/campaigns", {"station_id": station, "title": "Vệ sinh"})
    phase = post_json(client, "/phases", {
        "campaign_id": campaign["id"], "title": "Tháng này",
        "starts_on": (today - timedelta(days=1)).isoformat(),
        "ends_on": (today + timedelta(days=2)).isoformat(),
    })["id"]  # fmt: skip
    slot = post_json(client, "/slots", {
        "station_id": station, "name": "Thử", "start": "12:00:00", "max_seconds": 120,
        "weekdays": [0, 1, 2, 3, 4, 5, 6],
    })["id"]  # fmt: skip
    segment = post_json(client, "/segments", {"station_id": station, "title": "Tin vệ sinh",
                                              "script": script, "phase_ids": [phase]})  # fmt: skip
    approve(client, segment["id"])
    session = post_json(client, "/playlists/generate", {
        "station_id": station, "day": today.isoformat(), "slot_id": slot})["id"]  # fmt: skip
    job = post_json(client, f"/playlists/{session}/export", {}, status=202)
    wait_for_job(client, job["id"])
    device = post_json(client, "/devices", {"station_id": station, "name": "Cụm loa chợ",
                                            "kind": "ip_receiver"})  # fmt: skip
    admin = client.headers["Authorization"].removeprefix("Bearer ")
    approver = client.approver_headers["Authorization"].removeprefix("Bearer ")
    world = {"station": station, "slot": slot, "session": session, "device": device}
    world |= {"admin": admin, "approver": approver, "emergency": None}
    if emergency:
        body = {"station_id": station, "title": "Cảnh báo lũ", "script": EMERGENCY_SCRIPT}
        alert = post_json(client, "/segments", body | {"bulletin_class": "emergency"})["id"]
        _rendered(client, alert)
        world["emergency"] = alert
    return world


@contextmanager
def serve_process(
    root: Path, settings: Any, token: str, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`loa serve` on a free port over `settings`' data (extra environment in `env`), its log in
    root/serve.txt; ready once `token` (a device's) reads /player/v1/me: its base URL."""
    dispose_engines()
    port = free_port()
    env = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir), "LOA_DATABASE_URL": settings.db_url,
        "LOA_RUN_WORKER": "false", "LOA_SCHEDULER_ENABLED": "false", "LOA_LOAD_DEMO": "false",
        "PYTHONPATH": str(ROOT),
    } | (env or {})  # fmt: skip
    log = open(root / "serve.txt", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "broadcast", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if call(f"{base}/player/v1/me", token)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (root / "serve.txt").read_text()
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@contextmanager
def real_server(
    root: Path,
    env: dict[str, str] | None = None,
    script: str = SHORT_SCRIPT,
    emergency: bool = False,
    day: date | None = None,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """`loa serve` on a free port over a data directory built by `build` (extra environment in
    `env`, e.g. the live stream's settings; the session on `day`): (base URL, world)."""
    settings = make_settings(root, run_worker=True)
    with open_client(settings) as client:
        world = build(client, script, emergency, day)
    with serve_process(root, settings, world["device"]["token"], env) as base:
        yield base, world


def add_device(base: str, world: dict[str, Any], name: str, zone: str = "") -> dict[str, Any]:
    """Another device of the world's station, made through the API: its id and token."""
    body = {"station_id": world["station"], "name": name, "kind": "ip_receiver", "zone": zone}
    status, device = call(f"{base}/devices", world["admin"], "POST", body)
    assert status == 201, device
    return dict(device)


def move_session(base: str, world: dict[str, Any], seconds: float) -> dict[str, Any]:
    """Move the session's slot to start in `seconds` (to the second); its schedule entry."""
    start = (datetime.now(ZONE) + timedelta(seconds=seconds)).replace(microsecond=0)
    moved = call(f"{base}/slots/{world['slot']}", world["admin"], "PATCH",
                 {"start": start.time().isoformat()})  # fmt: skip
    assert moved[0] == 200, moved
    token = world["device"]["token"]
    status, schedule = call(f"{base}/player/v1/schedule?days=2", token)
    [session] = [s for s in schedule["sessions"] if s["session_id"] == world["session"]]
    assert status == 200 and session["ready"] is True, session
    return dict(session)
