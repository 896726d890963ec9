"""Waveform routes: SVG of assets, segments and sessions; caching, ETags and refusals."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from audio._ffmpeg_gen import generate_tone
from audio.importing import sha256_file
from audio.waveform import ENVELOPE_VERSION
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.jobs.runner import run_pending
from broadcast.models import AudioAsset, BroadcastSession, Export, PlaylistItem, SessionStatus

from factories import approve, create_segment_row, create_slot, create_station, post_json

SVG_NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Seeded:
    asset_id: int
    tone: Path
    with_audio: int
    without_audio: int
    playlist_id: int


def _asset(settings: Settings, name: str, seconds: float = 2.0) -> AudioAsset:
    tone = settings.assets_dir / name
    generate_tone(tone, seconds=seconds, sample_rate=16000, volume_db=-6.0)
    path = settings.stored_path(tone)
    return AudioAsset(
        content_hash=sha256_file(tone), path=path, duration_s=seconds, sample_rate=16000
    )


def _seed(client: TestClient) -> Seeded:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        station = create_station(db)
        slot = create_slot(db, station)
        asset = _asset(settings, "tone.wav")
        db.add(asset)
        db.flush()
        voiced = create_segment_row(db, station, approved=False, title="Tin có tiếng")
        voiced.audio_asset_id = asset.id
        silent = create_segment_row(db, station, approved=False, title="Tin chưa thu")
        session = BroadcastSession(station_id=station.id, slot_id=slot.id, day=date(2020, 10, 5))
        db.add_all([voiced, session])
        db.flush()
        assert session.id is not None and asset.id is not None
        for position, segment in enumerate([voiced, silent, voiced]):
            item = PlaylistItem(
                playlist_id=session.id,
                position=position,
                segment_id=segment.id,
                start_offset_s=0.0,
                duration_s=5.0,
                reason="thử",
            )
            db.add(item)
        db.flush()
        assert voiced.id is not None and silent.id is not None
        tone = settings.assets_dir / "tone.wav"
        return Seeded(asset.id, tone, voiced.id, silent.id, session.id)


def _svg(response: object) -> ET.Element:
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("image/svg+xml")  # type: ignore[attr-defined]
    return ET.fromstring(response.content)  # type: ignore[attr-defined]


def _points(root: ET.Element) -> int:
    polygon = root.find(f"{SVG_NS}polygon")
    assert polygon is not None
    return len(polygon.attrib["points"].split())


def test_asset_waveform_is_cached_and_revalidated_by_etag(client: TestClient) -> None:
    seeded = _seed(client)
    url = f"/assets/{seeded.asset_id}/waveform.svg?width=300"
    first = client.get(url)
    root = _svg(first)
    assert _points(root) == 600 and root.attrib["viewBox"].startswith("0 0 300 ")
    assert first.headers["cache-control"].startswith("private")
    etag = first.headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    seeded.tone.unlink()  # the cached envelope is enough now: no decoding
    again = client.get(url)
    assert again.content == first.content and again.headers["etag"] == etag
    other = client.get(f"/assets/{seeded.asset_id}/waveform.svg?width=100")
    assert _points(_svg(other)) == 200 and other.headers["etag"] != etag


@pytest.mark.parametrize("width", ["99", "4001", "abc", "-5"])
def test_width_out_of_bounds_is_refused_naming_the_field(client: TestClient, width: str) -> None:
    seeded = _seed(client)
    response = client.get(f"/assets/{seeded.asset_id}/waveform.svg?width={width}")
    assert response.status_code == 422 and response.json()["field"] == "width"


def test_missing_things_are_404_json(client: TestClient) -> None:
    seeded = _seed(client)
    for url in (
        "/assets/999/waveform.svg",
        "/playlists/999/waveform.svg",
        "/segments/999/waveform.svg",
        f"/segments/{seeded.without_audio}/waveform.svg",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found" and response.json()["detail"]
    seeded.tone.unlink()  # never drawn before: the file is needed
    gone = client.get(f"/assets/{seeded.asset_id}/waveform.svg")
    assert gone.status_code == 404 and "Tệp âm thanh" in gone.json()["detail"]


def test_a_corrupt_asset_file_is_a_409_not_a_500(client: TestClient) -> None:
    seeded = _seed(client)
    seeded.tone.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" * 50)
    response = client.get(f"/segments/{seeded.with_audio}/waveform.svg")
    assert response.status_code == 409 and response.json()["error"] == "conflict"


def test_segment_waveform_shows_its_audio(client: TestClient) -> None:
    seeded = _seed(client)
    root = _svg(client.get(f"/segments/{seeded.with_audio}/waveform.svg?width=200"))
    assert "Tin có tiếng" in (root.findtext(f"{SVG_NS}title") or "")
    assert _points(root) == 400


def test_session_waveform_marks_items_and_placeholders(client: TestClient) -> None:
    seeded = _seed(client)
    url = f"/playlists/{seeded.playlist_id}/waveform.svg?width=500"
    first = client.get(url)
    root = _svg(first)
    assert _points(root) == 1000
    markers = [m.findtext(f"{SVG_NS}title") or "" for m in root.iter(f"{SVG_NS}g")]
    labels = [m for m in markers if ". Tin" in m]
    assert len(labels) == 3 and "2. Tin chưa thu" in labels[1]
    assert len(root.findall(f"{SVG_NS}rect[@class='ph']")) == 1
    assert client.get(url).content == first.content
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        item = db.get(PlaylistItem, 3)
        assert item is not None
        db.delete(item)
    changed = client.get(url)
    assert changed.headers["etag"] != first.headers["etag"]
    assert len([m for m in _svg(changed).iter(f"{SVG_NS}g") if m.get("class") == "marker"]) == 2


def _fake_export(client: TestClient, playlist_id: int) -> None:
    """An export as the export job leaves it: the session MP3 and a ZIP with its manifest."""
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    mp3 = settings.exports_dir / "2020-10-05-0630.mp3"
    generate_tone(mp3, seconds=6.0, sample_rate=22050, volume_db=-6.0)
    manifest = {
        "session": {"sha256": sha256_file(mp3)},
        "items": [
            {"position": 1, "title": "Nhạc hiệu", "offset_s": 0.0},
            {"position": 2, "title": "Bản tin", "offset_s": 1.5},
        ],
    }
    zip_path = mp3.with_suffix(".zip")
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        session = db.get(BroadcastSession, playlist_id)
        assert session is not None
        session.status = SessionStatus.EXPORTED
        db.add(session)
        db.add(
            Export(
                playlist_id=playlist_id,
                zip_path=settings.stored_path(zip_path),
                mp3_path=settings.stored_path(mp3),
                duration_s=6.0,
                integrated_lufs=-16.0,
                true_peak_dbtp=-1.0,
            )
        )


def test_an_exported_session_is_drawn_from_its_mp3_unless_items_are_asked(
    client: TestClient,
) -> None:
    seeded = _seed(client)
    _fake_export(client, seeded.playlist_id)
    base = f"/playlists/{seeded.playlist_id}/waveform.svg?width=400"
    exported = _svg(client.get(base))
    titles = [g.findtext(f"{SVG_NS}title") for g in exported.findall(f"{SVG_NS}g[@class='marker']")]
    assert titles == ["0:00 1. Nhạc hiệu", "0:02 2. Bản tin"]
    assert exported.findall(f"{SVG_NS}rect[@class='ph']") == []
    items = _svg(client.get(base + "&source=items"))
    assert len(items.findall(f"{SVG_NS}g[@class='marker']")) == 3
    assert client.get(base + "&source=mp3").status_code == 422


def _markers(root: ET.Element) -> list[str]:
    return [g.findtext(f"{SVG_NS}title") or "" for g in root.findall(f"{SVG_NS}g[@class='marker']")]


def test_real_day_placeholders_then_speech_then_the_exported_mp3(client: TestClient) -> None:
    station = post_json(client, "/stations", {"name": "Đài phường Hạ Đình"})
    slot = post_json(
        client,
        "/slots",
        {"station_id": station["id"], "name": "Sáng", "start": "06:30", "max_seconds": 300},
    )
    titles = ["Tiêm phòng", "Vệ sinh"]
    for title in titles:
        body = {"station_id": station["id"], "title": title, "script": f"Thông báo {title}."}
        approve(client, post_json(client, "/segments", body)["id"])
    body = {"station_id": station["id"], "day": "2020-10-05", "slot_id": slot["id"]}
    session = post_json(client, "/playlists/generate", body)
    url = f"/playlists/{session['id']}/waveform.svg?width=300"
    before = _svg(client.get(url))  # speech is queued, not synthesised yet
    assert len(before.findall(f"{SVG_NS}rect[@class='ph']")) == 2
    first_segment = session["items"][0]["segment_id"]
    assert client.get(f"/segments/{first_segment}/waveform.svg").status_code == 404

    engine, settings = client.app.state.engine, client.app.state.settings  # type: ignore[attr-defined]
    run_pending(engine, settings)
    spoken = _svg(client.get(url))
    assert spoken.findall(f"{SVG_NS}rect[@class='ph']") == []
    assert _svg(client.get(f"/segments/{first_segment}/waveform.svg")) is not None

    post_json(client, f"/playlists/{session['id']}/export", {}, status=202)
    run_pending(engine, settings)
    exported = _svg(client.get(url))
    assert [m.split(" ", 1)[1] for m in _markers(exported)] == ["1. Tiêm phòng", "2. Vệ sinh"]
    (bundle,) = settings.exports_dir.rglob("*.zip")
    with zipfile.ZipFile(bundle) as zf:
        session_sha = json.loads(zf.read("manifest.json"))["session"]["sha256"]
    drawn = settings.waveforms_dir / f"{session_sha}.v{ENVELOPE_VERSION}.json"
    assert drawn.is_file()  # the picture came from the exported session MP3
