"""The whole day through HTTP: segment → approval → playlist → export job → ZIP download."""

import hashlib
import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from audio._ffmpeg import probe
from audio.loudness import measure_loudness
from broadcast.db import dispose_engines

from conftest import make_settings, open_client
from factories import approve, post_json

SCRIPTS = [
    "Kính thưa bà con nhân dân. UBND phường thông báo lịch tổng vệ sinh vào sáng Thứ 7 hằng tuần.",
    "Kỷ niệm 90 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930-03/02/2020).",
    "Đại hội đại biểu Đảng bộ thành phố Hà Nội lần thứ XVII diễn ra từ ngày 09/10/2020.",
]


@pytest.fixture
def live_client(tmp_path: Path) -> Iterator[TestClient]:
    """An app whose job worker thread runs, as in production."""
    settings = make_settings(tmp_path, run_worker=True)
    with open_client(settings) as client:
        yield client
    dispose_engines()


def _programme(client: TestClient) -> dict[str, Any]:
    station = post_json(client, "/stations", {"name": "Đài phường Quang Trung"})
    campaign = post_json(client, "/campaigns", {"station_id": station["id"], "title": "Đại hội"})
    phase = post_json(
        client,
        "/phases",
        {
            "campaign_id": campaign["id"],
            "title": "Trước Đại hội",
            "starts_on": "2020-10-01",
            "ends_on": "2020-10-31",
        },
    )
    slot = post_json(
        client,
        "/slots",
        {"station_id": station["id"], "name": "Sáng", "start": "06:30", "max_seconds": 300},
    )
    segments = [
        post_json(
            client,
            "/segments",
            {
                "station_id": station["id"],
                "title": f"Tin {i + 1}",
                "script": script,
                "phase_ids": [phase["id"]],
            },
        )
        for i, script in enumerate(SCRIPTS)
    ]
    for segment in segments:
        approve(client, segment["id"])
    return {"station": station, "slot": slot, "segments": segments}


def _wait_for_job(client: TestClient, job_id: int, timeout_s: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    seen: list[int] = []
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        seen.append(job["progress"])
        if job["status"] in ("succeeded", "failed"):
            assert seen == sorted(seen), "progress must not go backwards"
            return dict(job)
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish: {seen[-3:]}")


def _export(client: TestClient, playlist_id: int) -> tuple[dict[str, Any], bytes]:
    job = post_json(client, f"/playlists/{playlist_id}/export", {}, status=202)
    assert job["status"] == "queued"
    finished = _wait_for_job(client, job["id"])
    assert finished["status"] == "succeeded", finished["message"]
    assert finished["progress"] == 100
    download = client.get(finished["result"]["download_url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    return finished, download.content


def test_day_from_segment_to_downloaded_bundle(live_client: TestClient, tmp_path: Path) -> None:
    ctx = _programme(live_client)
    session = post_json(
        live_client,
        "/playlists/generate",
        {"station_id": ctx["station"]["id"], "day": "2020-10-05", "slot_id": ctx["slot"]["id"]},
    )
    assert [item["segment_id"] for item in session["items"]] == [s["id"] for s in ctx["segments"]]
    assert session["total_s"] <= 300
    assert all(item["reason"] for item in session["items"])
    listed = live_client.get(
        f"/playlists?station={ctx['station']['id']}&from=2020-10-01&to=2020-10-31"
    ).json()
    assert [p["id"] for p in listed] == [session["id"]]

    job, archive = _export(live_client, session["id"])
    # approval queues the synthesis; whatever it had not done yet, the export did
    assert 0 <= job["result"]["synthesized"] <= len(SCRIPTS)
    cache = live_client.app.state.settings.tts_cache_dir  # type: ignore[attr-defined]
    # one joined WAV per segment (its sentences are cached separately beside them)
    assert len(list(cache.glob("joined/*/*.wav"))) == len(SCRIPTS)
    bundle = zipfile.ZipFile(io.BytesIO(archive))
    manifest = json.loads(bundle.read("manifest.json"))
    names = bundle.namelist()
    assert any(name.endswith(".m3u8") for name in names)
    checked = 0
    for entry in _manifest_files(manifest):
        assert hashlib.sha256(bundle.read(entry["file"])).hexdigest() == entry["sha256"]
        checked += 1
    assert checked == len(SCRIPTS) + 1

    session_name = manifest["session"]["file"]
    mp3 = tmp_path / "session.mp3"
    mp3.write_bytes(bundle.read(session_name))
    info = probe(mp3)
    assert info.sample_rate == 44100 and info.channels == 1
    assert abs(info.duration_s - manifest["session"]["duration_s"]) <= 0.5
    loudness = measure_loudness(mp3)
    assert abs(loudness.integrated_lufs - (-16.0)) <= 1.0
    assert loudness.true_peak_dbtp <= -1.0

    again, _ = _export(live_client, session["id"])
    assert again["result"]["synthesized"] == 0


def _manifest_files(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [manifest["session"], *manifest["items"]]


def test_generate_refuses_unknown_slot_and_wrong_weekday(client: TestClient) -> None:
    ctx = _programme(client)
    missing = client.post(
        "/playlists/generate",
        json={"station_id": ctx["station"]["id"], "day": "2020-10-05", "slot_id": 999},
    )
    assert missing.status_code == 422
    assert missing.json()["field"] == "slot_id"
    sunday = client.post(
        "/playlists/generate",
        json={
            "station_id": ctx["station"]["id"],
            "day": "2020-10-04",
            "slot_id": ctx["slot"]["id"],
        },
    )
    assert sunday.status_code == 422
    assert sunday.json()["field"] == "day"


def test_draft_and_out_of_window_segments_are_not_programmed(client: TestClient) -> None:
    ctx = _programme(client)
    draft = post_json(
        client,
        "/segments",
        {"station_id": ctx["station"]["id"], "title": "Nháp", "script": "Bản nháp chưa duyệt."},
    )
    expired = post_json(
        client,
        "/segments",
        {
            "station_id": ctx["station"]["id"],
            "title": "Cũ",
            "script": "Tin đã hết hạn.",
            "air_end": "2020-09-30",
        },
    )
    approve(client, expired["id"])
    session = post_json(
        client,
        "/playlists/generate",
        {"station_id": ctx["station"]["id"], "day": "2020-10-05", "slot_id": ctx["slot"]["id"]},
    )
    programmed = {item["segment_id"] for item in session["items"]}
    assert draft["id"] not in programmed and expired["id"] not in programmed
    skipped = {entry["segment_id"] for entry in session["skipped"]}
    assert {draft["id"], expired["id"]} <= skipped


def test_export_of_unknown_playlist_and_job_are_404(client: TestClient) -> None:
    assert client.post("/playlists/77/export").status_code == 404
    assert client.get("/jobs/77").status_code == 404
    assert client.get("/exports/77/download").status_code == 404
