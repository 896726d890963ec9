"""Thu âm pages and the recording path: a browser-like WebM/Opus take becomes the audio."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_noise, generate_tone
from broadcast.config import Settings
from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

SCRIPT = "Kính thưa bà con nhân dân.\nTrạm y tế phường thông báo lịch tiêm chủng."


def _webm_take(folder: Path, silent: bool = False) -> bytes:
    """A take as Chromium's MediaRecorder sends it: Opus in a live WebM stream (no cues)."""
    wav, webm = folder / "take.wav", folder / ("silent.webm" if silent else "take.webm")
    if silent:
        generate_tone(wav, seconds=2.0, sample_rate=48000, volume_db=float("-inf"))
    else:
        generate_noise(wav, seconds=2.0, sample_rate=48000, volume_db=-12.0, color="pink")
    codec = ["-c:a", "libopus", "-b:a", "32k", "-live", "1", "-f", "webm"]
    _ffmpeg.run_ffmpeg(["-i", _ffmpeg.file_arg(wav), *codec, "-y", _ffmpeg.file_arg(webm)])
    return webm.read_bytes()


def _segment(client: TestClient) -> int:
    post_json(client, "/stations", {"name": "Đài xã Thử"})
    body = {"station_id": 1, "title": "Lịch tiêm chủng", "script": SCRIPT}
    return int(post_json(client, "/segments", body)["id"])


def _upload(client: TestClient, segment_id: int, data: bytes) -> object:
    files = {"file": ("ban-thu.webm", data, "audio/webm;codecs=opus")}
    return client.post(f"/segments/{segment_id}/audio", files=files)


def test_record_list_and_page_show_the_script_and_recorder_hooks(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.OPERATOR, "phatthanh") as client:
        listing = client.get("/thu-am")
        page = client.get("/thu-am/2")
        missing = client.get("/thu-am/9999")
    assert listing.status_code == 200
    assert 'id="record-table"' in listing.text and 'href="/thu-am/2"' in listing.text
    assert page.status_code == 200
    assert 'class="teleprompter"' in page.text
    assert "Kính thưa" in page.text or "kính thưa" in page.text.lower()
    for hook in ("rec-start", "rec-stop", "rec-keep", "rec-redo", "rec-take", "current-audio"):
        assert f'data-testid="{hook}"' in page.text
    assert '<script src="/static/record.js" defer>' in page.text
    assert 'data-segment="2"' in page.text
    assert missing.status_code == 404 and 'id="segment-missing"' in missing.text


def test_viewer_sees_the_script_but_no_recorder(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        page = client.get("/thu-am/2").text
        listing = client.get("/thu-am").text
    assert 'class="teleprompter"' in page
    assert 'id="rec-start"' not in page and 'id="no-record-right"' in page
    assert 'id="no-record-right"' in listing


def test_a_webm_opus_take_becomes_the_segments_audio_and_needs_approval_again(
    settings: Settings, tmp_path: Path
) -> None:
    take = _webm_take(tmp_path)
    with web_app(settings, Role.ADMIN, "bientap") as author:
        segment_id = _segment(author)
        approver = browser_as(author, settings, "duyet", Role.APPROVER)
        approved = approver.post(f"/segments/{segment_id}/approve", json={"note": ""})
        assert approved.json()["status"] == "approved"
        operator = browser_as(author, settings, "phatthanh", Role.OPERATOR)
        kept = _upload(operator, segment_id, take)
        audio = operator.get(f"/segments/{segment_id}/audio")
        page = operator.get(f"/thu-am/{segment_id}").text
        editor_page = author.get(f"/chuyen-muc/{segment_id}").text
    assert kept.status_code == 200, kept.text  # type: ignore[attr-defined]
    segment = kept.json()  # type: ignore[attr-defined]
    assert segment["audio_asset_id"] is not None
    assert segment["status"] == "draft" and segment["approved_by_id"] is None
    assert segment["duration_s"] == pytest.approx(2.0, abs=0.1)
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/flac"
    assert audio.content[:4] == b"fLaC"
    assert f'src="/segments/{segment_id}/audio?v={segment["audio_asset_id"]}"' in page
    assert "LUFS" in page
    assert "Bản thu âm / tệp tải lên" in editor_page
    assert 'data-status="draft"' in editor_page


def test_a_silent_take_is_refused_in_vietnamese_and_nothing_changes(
    settings: Settings, tmp_path: Path
) -> None:
    silent = _webm_take(tmp_path, silent=True)
    with web_app(settings, Role.OPERATOR, "phatthanh") as operator:
        admin = browser_as(operator, settings, "quantri2", Role.ADMIN)
        segment_id = _segment(admin)
        refused = _upload(operator, segment_id, silent)
        after = operator.get(f"/segments/{segment_id}").json()
        viewer = browser_as(operator, settings, "xem", Role.VIEWER)
        forbidden = _upload(viewer, segment_id, silent)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    body = refused.json()  # type: ignore[attr-defined]
    assert body["field"] == "file" and "chỉ có im lặng" in body["detail"]
    assert after["audio_asset_id"] is None
    assert forbidden.status_code == 403  # type: ignore[attr-defined]
