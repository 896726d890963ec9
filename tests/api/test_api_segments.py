"""Segments through the API: validation, approval, audio upload."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from audio import _ffmpeg
from audio._ffmpeg import generate_tone
from audio.presets import HORN
from audio.profiles import DEFAULT_PROFILE
from audio.render import AudioItem, measure_item
from broadcast.db import dispose_engines
from broadcast.jobs.runner import run_pending
from broadcast.media import asset_file
from broadcast.models import AudioAsset

from conftest import make_settings, open_client
from factories import approve


def _setup(client: TestClient) -> dict[str, Any]:
    station = client.post("/stations", json={"name": "Đài phường Kim Liên"}).json()
    campaign = client.post(
        "/campaigns", json={"station_id": station["id"], "title": "Tuyên truyền"}
    ).json()
    phase = client.post(
        "/phases",
        json={
            "campaign_id": campaign["id"],
            "title": "Tháng 10",
            "starts_on": "2020-10-01",
            "ends_on": "2020-10-31",
        },
    ).json()
    return {"station": station, "phase": phase}


def _segment(client: TestClient, ctx: dict[str, Any], **overrides: Any) -> Any:
    body = {
        "station_id": ctx["station"]["id"],
        "title": "Lịch tiêm chủng",
        "script": "UBND phường thông báo lịch tiêm chủng ngày 05/10/2020.",
        "phase_ids": [ctx["phase"]["id"]],
    } | overrides
    return client.post("/segments", json=body)


def test_segment_spoken_text_is_derived_from_the_script(client: TestClient) -> None:
    response = _segment(client, _setup(client))
    assert response.status_code == 201, response.text
    segment = response.json()
    assert segment["status"] == "draft"
    assert "ủy ban nhân dân" in segment["spoken_text"]
    assert "mùng năm tháng mười" in segment["spoken_text"]
    assert segment["duration_s"] > 1.0


def test_empty_script_is_refused(client: TestClient) -> None:
    response = _segment(client, _setup(client), script="   ")
    assert response.status_code == 422
    assert response.json()["field"] == "script"


def test_unknown_voice_is_refused(client: TestClient) -> None:
    response = _segment(client, _setup(client), voice="klingon")
    assert response.status_code == 422
    assert response.json()["field"] == "voice"
    assert "klingon" in response.json()["detail"]


def test_air_window_end_before_start_is_refused(client: TestClient) -> None:
    response = _segment(client, _setup(client), air_start="2020-10-10", air_end="2020-10-01")
    assert response.status_code == 422
    assert response.json()["field"] == "air_end"


def test_phase_of_another_station_is_refused(client: TestClient) -> None:
    ctx = _setup(client)
    other = _setup(client)
    response = _segment(client, ctx, phase_ids=[other["phase"]["id"]])
    assert response.status_code == 422
    assert response.json()["field"] == "phase_ids"


def test_approval_and_edit_returns_to_draft(client: TestClient) -> None:
    segment = _segment(client, _setup(client)).json()
    assert approve(client, segment["id"])["status"] == "approved"
    retitled = client.patch(f"/segments/{segment['id']}", json={"title": "Tên mới"})
    assert retitled.json()["status"] == "approved"
    edited = client.patch(f"/segments/{segment['id']}", json={"script": "Nội dung đã sửa."})
    assert edited.json()["status"] == "draft"
    assert edited.json()["approved_at"] is None


def test_non_audio_upload_is_refused_and_keeps_segment(client: TestClient) -> None:
    segment = _segment(client, _setup(client), kind="recording").json()
    response = client.post(
        f"/segments/{segment['id']}/audio",
        files={"file": ("notice.mp3", b"this is not audio at all" * 100, "audio/mpeg")},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "file"
    assert "notice.mp3" in response.json()["detail"]
    assert "không phải âm thanh" in response.json()["detail"]
    assert client.get(f"/segments/{segment['id']}").json()["audio_asset_id"] is None


def test_silent_and_empty_uploads_are_refused_with_the_reason(
    client: TestClient, tmp_path: Path
) -> None:
    segment = _segment(client, _setup(client), kind="recording").json()
    silent = tmp_path / "silence.wav"
    generate_tone(silent, seconds=2.0, volume_db=-200.0)
    cases = [("silence.wav", silent.read_bytes(), "im lặng"), ("empty.mp3", b"", "rỗng")]
    for name, content, reason in cases:
        response = client.post(
            f"/segments/{segment['id']}/audio", files={"file": (name, content, "audio/wav")}
        )
        assert response.status_code == 422, name
        assert reason in response.json()["detail"] and name in response.json()["detail"]


def test_audio_upload_is_converted_and_measured(client: TestClient, tmp_path: Path) -> None:
    segment = _segment(client, _setup(client), kind="jingle", script="").json()
    clip = tmp_path / "jingle.wav"
    generate_tone(clip, seconds=3.0, sample_rate=48000, channels=2, volume_db=-12.0)
    with clip.open("rb") as handle:
        response = client.post(
            f"/segments/{segment['id']}/audio", files={"file": ("jingle.wav", handle, "audio/wav")}
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["audio_asset_id"] is not None
    assert abs(body["duration_s"] - 3.0) < 0.1
    assert body["spoken_text"] is None


def test_approval_queues_speech_synthesis(client: TestClient) -> None:
    segment = _segment(client, _setup(client)).json()
    estimate = segment["duration_s"]
    approve(client, segment["id"])
    app = client.app
    assert run_pending(app.state.engine, app.state.settings) == 1  # type: ignore[attr-defined]
    rendered = client.get(f"/segments/{segment['id']}").json()
    assert rendered["speech_asset_id"] is not None
    settings = app.state.settings  # type: ignore[attr-defined]
    assert len(list((settings.work_dir / "measure").glob("*.json"))) == 1  # measured for export
    assert rendered["engine_used"] == "espeak"
    assert rendered["duration_s"] != estimate
    assert abs(rendered["duration_s"] - estimate) < 0.5 * estimate


def test_render_of_a_segment_without_script_is_refused(client: TestClient) -> None:
    segment = _segment(client, _setup(client), kind="jingle", script="").json()
    response = client.post(f"/segments/{segment['id']}/render")
    assert response.status_code == 422
    assert response.json()["field"] == "script"


def test_new_segments_take_the_configured_engine_voice(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, tts_engine="fake")
    with open_client(settings) as fake_client:
        segment = _segment(fake_client, _setup(fake_client)).json()
        assert segment["voice"] == "fake"
        chosen = _segment(fake_client, _setup(fake_client), voice="vi-south").json()
        assert chosen["voice"] == "vi-south"
    dispose_engines()


def test_an_upload_is_measured_through_the_station_chain_at_import(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    segment = _segment(client, _setup(client)).json()
    clip = tmp_path / "tin.wav"
    generate_tone(clip, seconds=2.0, sample_rate=22050, volume_db=-20.0)
    with clip.open("rb") as handle:
        files = {"file": ("tin.wav", handle, "audio/wav")}
        response = client.post(f"/segments/{segment['id']}/audio", files=files)
    assert response.status_code == 200, response.text
    settings = client.app.state.settings  # type: ignore[attr-defined]
    stored = list((settings.work_dir / "measure").glob("*.json"))
    assert len(stored) == 1
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        asset = db.get(AudioAsset, response.json()["audio_asset_id"])
        assert asset is not None
        source = asset_file(settings, asset)
    runs: list[object] = []
    monkeypatch.setattr(_ffmpeg, "_spawn", lambda *args: runs.append(args))
    item = AudioItem(source, "tin", "tin")
    measured = measure_item(item, settings.work_dir, HORN, DEFAULT_PROFILE)  # read, not measured
    assert runs == []
    assert measured.duration_s == pytest.approx(2.0, abs=0.05)
    assert measured.integrated_lufs < -20.0  # the tone as the horn chain leaves it, before gain
