"""The player's schedule and files over HTTP with a device token: exported sessions with their
file (size, sha256, URL), sessions not ready with the reason, ETag/304, byte ranges that resume a
cut download, stations sealed from each other, a disabled device refused."""

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from broadcast.db import dispose_engines

from conftest import make_settings, open_client
from factories import approve, bearer, post_json

SCRIPTS = [
    "Kính thưa bà con nhân dân. Phường thông báo lịch tổng vệ sinh sáng Thứ 7.",
    "Bà con chú ý phòng chống dịch sốt xuất huyết.",
]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class World:
    """Station A with an exported morning session and an evening one not exported yet."""

    client: TestClient
    device: dict[str, str]
    device_id: int
    outsider: dict[str, str]
    morning: int
    evening: int
    today: str


def _wait_for_job(client: TestClient, job_id: int, timeout_s: float = 180.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("succeeded", "failed"):
            assert job["status"] == "succeeded", job["message"]
            return dict(job)
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def _export(client: TestClient, session_id: int) -> None:
    job = post_json(client, f"/playlists/{session_id}/export", {}, status=202)
    _wait_for_job(client, job["id"])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = make_settings(tmp_path_factory.mktemp("player"), run_worker=True)
    with open_client(settings) as client:
        yield _build(client)
    dispose_engines()


def _build(client: TestClient) -> World:
    today = datetime.now(ZONE).date()
    station = post_json(client, "/stations", {"name": "Đài phường Phát Thử"})["id"]
    campaign = post_json(client, "/campaigns", {"station_id": station, "title": "Vệ sinh"})
    phase = {
        "campaign_id": campaign["id"],
        "title": "Tháng này",
        "starts_on": (today - timedelta(days=1)).isoformat(),
        "ends_on": (today + timedelta(days=20)).isoformat(),
    }
    phase_id = post_json(client, "/phases", phase)["id"]
    slots = [
        post_json(
            client,
            "/slots",
            {"station_id": station, "name": name, "start": start, "max_seconds": 120},
        )["id"]
        for name, start in (("Sáng", "06:30"), ("Chiều", "17:00"))
    ]
    for index, script in enumerate(SCRIPTS):
        body = {"station_id": station, "title": f"Tin {index + 1}", "script": script}
        segment = post_json(client, "/segments", body | {"phase_ids": [phase_id]})
        approve(client, segment["id"])
    sessions = [
        post_json(
            client,
            "/playlists/generate",
            {"station_id": station, "day": today.isoformat(), "slot_id": slot},
        )["id"]
        for slot in slots
    ]
    _export(client, sessions[0])
    device = post_json(
        client, "/devices", {"station_id": station, "name": "Cụm loa chợ", "kind": "ip_receiver"}
    )
    other = post_json(client, "/stations", {"name": "Đài xã Bên Kia"})["id"]
    stranger = post_json(
        client, "/devices", {"station_id": other, "name": "Cụm loa đình", "kind": "ip_receiver"}
    )
    return World(
        client=client,
        device=bearer(device["token"]),
        device_id=device["id"],
        outsider=bearer(stranger["token"]),
        morning=sessions[0],
        evening=sessions[1],
        today=today.isoformat(),
    )


def _schedule(world: World, **headers: str) -> Any:
    return world.client.get("/player/v1/schedule", headers=world.device | headers)


def _ready_file(world: World) -> dict[str, Any]:
    body = _schedule(world).json()
    morning = next(s for s in body["sessions"] if s["session_id"] == world.morning)
    assert morning["ready"] is True, morning
    return dict(morning["file"])


def test_schedule_lists_the_exported_session_with_its_file(world: World) -> None:
    answer = _schedule(world)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert answer.headers["etag"] == f'"{body["version"]}"'
    assert (body["start"], body["timezone"]) == (world.today, "Asia/Ho_Chi_Minh")
    morning, evening = body["sessions"]
    assert morning["session_id"] == world.morning and morning["slot_name"] == "Sáng"
    assert morning["start_local"] == f"{world.today}T06:30:00"
    local = datetime.fromisoformat(morning["start_local"]).replace(tzinfo=ZONE)
    assert morning["start_utc"] == local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert morning["start_utc"].endswith(
        "T23:30:00Z"
    )  # 06:30 in Hà Nội is 23:30 UTC the day before
    assert [item["title"] for item in morning["items"]] == ["Tin 1", "Tin 2"]
    assert all(item["duration_s"] > 0 and item["kind"] for item in morning["items"])
    assert morning["priority"] == "normal" and morning["total_s"] > 0
    file = morning["file"]
    assert file["url"] == f"/player/v1/files/{file['export_id']}"
    assert file["size"] > 1000 and len(file["sha256"]) == 64
    assert evening["session_id"] == world.evening and evening["ready"] is False
    assert (evening["reason"], evening["file"]) == ("not_exported", None)
    assert evening["reason_text"] and evening["items"]


def test_an_unchanged_schedule_costs_a_304(world: World) -> None:
    etag = _schedule(world).headers["etag"]
    again = _schedule(world, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    stale = _schedule(world, **{"If-None-Match": '"0000"'})
    assert stale.status_code == 200 and stale.json()["sessions"]


def test_days_are_bounded_and_name_the_field(world: World) -> None:
    for days in (0, 15):
        refused = world.client.get(f"/player/v1/schedule?days={days}", headers=world.device)
        assert refused.status_code == 422 and refused.json()["field"] == "days", refused.text
    later = datetime.now(ZONE).date() + timedelta(days=13)
    longest = world.client.get("/player/v1/schedule?days=14", headers=world.device).json()
    assert longest["end"] == later.isoformat()


def test_from_moves_the_window_for_a_rehearsal_or_a_memory_card(world: World) -> None:
    tomorrow = (date.fromisoformat(world.today) + timedelta(days=1)).isoformat()
    later = world.client.get(f"/player/v1/schedule?from={tomorrow}&days=1", headers=world.device)
    assert later.status_code == 200 and later.json()["start"] == tomorrow
    assert later.json()["sessions"] == []  # the world's sessions are today's
    today = world.client.get(f"/player/v1/schedule?from={world.today}", headers=world.device)
    assert [s["session_id"] for s in today.json()["sessions"]] == [world.morning, world.evening]
    assert later.headers["etag"] != today.headers["etag"]
    bad = world.client.get("/player/v1/schedule?from=2026-13-01", headers=world.device)
    assert bad.status_code == 422 and bad.json()["field"] == "from", bad.text


def test_the_file_downloads_whole_and_resumes_by_range(world: World) -> None:
    listed = _ready_file(world)
    url = listed["url"]
    whole = world.client.get(url, headers=world.device)
    assert whole.status_code == 200 and whole.headers["content-type"] == "audio/mpeg"
    assert whole.headers["etag"] == f'"{listed["sha256"]}"'
    assert whole.headers["accept-ranges"] == "bytes"
    assert len(whole.content) == listed["size"]
    first = world.client.get(url, headers=world.device | {"Range": "bytes=0-99"})
    assert first.status_code == 206 and len(first.content) == 100
    assert first.headers["content-range"] == f"bytes 0-99/{listed['size']}"
    rest = world.client.get(url, headers=world.device | {"Range": "bytes=100-"})
    assert rest.status_code == 206
    assert rest.headers["content-range"] == f"bytes 100-{listed['size'] - 1}/{listed['size']}"
    assert hashlib.sha256(first.content + rest.content).hexdigest() == listed["sha256"]
    beyond = {"Range": f"bytes={listed['size'] + 10}-"}
    refused = world.client.get(url, headers=world.device | beyond)
    assert refused.status_code == 416
    assert refused.headers["content-range"] == f"bytes */{listed['size']}"


def test_a_device_of_another_station_sees_nothing_of_it(world: World) -> None:
    listed = _ready_file(world)
    theirs = world.client.get("/player/v1/schedule", headers=world.outsider)
    assert theirs.status_code == 200 and theirs.json()["sessions"] == []
    refused = world.client.get(listed["url"], headers=world.outsider)
    assert refused.status_code == 404, refused.text
    missing = world.client.get("/player/v1/files/999999", headers=world.device)
    assert missing.status_code == 404


def test_a_user_token_is_refused_the_player_routes(world: World) -> None:
    as_admin = world.client.get("/player/v1/schedule")  # the test client's admin session
    assert as_admin.status_code == 403, as_admin.text


def test_a_disabled_device_gets_401(world: World) -> None:
    url = _ready_file(world)["url"]
    path = f"/devices/{world.device_id}"
    assert world.client.patch(path, json={"enabled": False}).status_code == 200
    try:
        refused = _schedule(world)
        assert refused.status_code == 401 and refused.json()["code"] == "token.invalid"
        assert world.client.get(url, headers=world.device).status_code == 401
    finally:
        assert world.client.patch(path, json={"enabled": True}).status_code == 200
    assert _schedule(world).status_code == 200


def test_the_priority_is_the_highest_class_of_the_items(world: World) -> None:
    before = _schedule(world)
    evening = before.json()["sessions"][1]
    segment_id = world.client.get(f"/playlists/{world.evening}").json()["items"][-1]["segment_id"]
    changed = world.client.patch(f"/segments/{segment_id}", json={"bulletin_class": "priority"})
    assert changed.status_code == 200, changed.text
    try:
        after = _schedule(world, **{"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
        now = after.json()["sessions"][1]
        assert (evening["priority"], now["priority"]) == ("normal", "priority")
        assert [item["bulletin_class"] for item in now["items"]][-1] == "priority"
    finally:
        back = world.client.patch(f"/segments/{segment_id}", json={"bulletin_class": "normal"})
        assert back.status_code == 200, back.text
    assert _schedule(world).headers["etag"] == before.headers["etag"]


def test_an_edit_then_a_re_export_each_change_the_version(world: World) -> None:
    before = _schedule(world)
    old_file = _ready_file(world)
    edited = world.client.delete(f"/playlists/{world.morning}/items/1")
    assert edited.status_code == 200, edited.text
    after_edit = _schedule(world, **{"If-None-Match": before.headers["etag"]})
    assert after_edit.status_code == 200 and after_edit.headers["etag"] != before.headers["etag"]
    morning = after_edit.json()["sessions"][0]
    assert (morning["ready"], morning["reason"], morning["file"]) == (
        False,
        "export_outdated",
        None,
    )
    assert len(morning["items"]) == 1  # the removed item is gone from the schedule at once
    _export(world.client, world.morning)
    after_export = _schedule(world, **{"If-None-Match": after_edit.headers["etag"]})
    assert after_export.status_code == 200
    assert after_export.headers["etag"] not in (before.headers["etag"], after_edit.headers["etag"])
    new_file = _ready_file(world)
    assert new_file["export_id"] != old_file["export_id"]
    assert new_file["sha256"] != old_file["sha256"]
