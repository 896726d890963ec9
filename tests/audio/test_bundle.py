"""audio.bundle: ZIP contents, manifest hashes, playlist durations, byte-identical output."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import zipfile
from pathlib import Path
from typing import Any

import pytest

from audio._ffmpeg import generate_noise, generate_tone
from audio.bundle import slugify, write_bundle
from audio.render import AudioItem, RenderedSession, render_session

META = {"campaign": "Tiêm chủng mở rộng", "ward": "Phường Quang Trung", "session_id": 42}


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> RenderedSession:
    root = tmp_path_factory.mktemp("bundle")
    generate_tone(root / "a.wav", seconds=2.4, sample_rate=22050, volume_db=-25.0)
    generate_noise(root / "b.wav", seconds=3.6, sample_rate=48000, volume_db=-12.0, color="pink")
    items = [
        AudioItem(root / "a.wav", "Thông báo: Đại hội Đảng bộ phường", "segment-7"),
        AudioItem(root / "b.wav", "Nhạc hiệu “Quê hương”", "segment-9"),
    ]
    return render_session(items, root / "session.mp3", work_dir=root / "work", gap_s=1.5)


def _read(zip_path: Path) -> tuple[list[zipfile.ZipInfo], dict[str, bytes]]:
    with zipfile.ZipFile(zip_path) as zf:
        infos = zf.infolist()
        return infos, {info.filename: zf.read(info) for info in infos}


def _manifest(files: dict[str, bytes]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files["manifest.json"].decode("utf-8"))
    return data


def test_zip_layout(session: RenderedSession, tmp_path: Path) -> None:
    infos, _ = _read(write_bundle(session, tmp_path / "b.zip", meta=META))
    assert [i.filename for i in infos] == [
        "session.mp3",
        "01-thong-bao-dai-hoi-dang-bo-phuong.mp3",
        "02-nhac-hieu-que-huong.mp3",
        "playlist.m3u8",
        "manifest.json",
    ]
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
    assert [i.compress_type for i in infos[:3]] == [zipfile.ZIP_STORED] * 3


def test_manifest_hashes_match_the_files(session: RenderedSession, tmp_path: Path) -> None:
    _, files = _read(write_bundle(session, tmp_path / "b.zip", meta=META))
    manifest = _manifest(files)
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert entry["bytes"] == len(files[name])
    assert manifest["session"]["sha256"] == hashlib.sha256(files["session.mp3"]).hexdigest()
    assert files["session.mp3"] == session.path.read_bytes()
    for item, rendered in zip(manifest["items"], session.items, strict=True):
        assert item["sha256"] == hashlib.sha256(files[item["file"]]).hexdigest()
        assert files[item["file"]] == rendered.path.read_bytes()


def test_manifest_content(session: RenderedSession, tmp_path: Path) -> None:
    _, files = _read(write_bundle(session, tmp_path / "b.zip", meta=META))
    manifest = _manifest(files)
    assert manifest["meta"] == META
    assert "Tiêm chủng" in files["manifest.json"].decode("utf-8")  # ensure_ascii=False
    assert manifest["session"]["duration_s"] == pytest.approx(session.duration_s, abs=0.001)
    assert manifest["session"]["integrated_lufs"] == pytest.approx(session.integrated_lufs)
    assert manifest["session"]["true_peak_dbtp"] == pytest.approx(session.true_peak_dbtp)
    items = manifest["items"]
    assert [i["position"] for i in items] == [1, 2]
    assert [i["ref"] for i in items] == ["segment-7", "segment-9"]
    assert items[0]["title"] == "Thông báo: Đại hội Đảng bộ phường"
    assert [i["offset_s"] for i in items] == pytest.approx(list(session.offsets_s), abs=0.001)
    assert [i["offset_s"] for i in items] == pytest.approx([0.0, 2.4 + 1.5], abs=0.015)
    for item, rendered in zip(items, session.items, strict=True):
        assert item["duration_s"] == pytest.approx(rendered.duration_s, abs=0.001)
        assert item["integrated_lufs"] == pytest.approx(rendered.integrated_lufs)
        assert item["true_peak_dbtp"] == pytest.approx(rendered.true_peak_dbtp)


def test_playlist_matches_manifest(session: RenderedSession, tmp_path: Path) -> None:
    _, files = _read(write_bundle(session, tmp_path / "b.zip", meta=META))
    lines = files["playlist.m3u8"].decode("utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    entries = list(zip(lines[1::2], lines[2::2], strict=True))
    items = _manifest(files)["items"]
    assert len(entries) == len(items)
    for (extinf, name), item in zip(entries, items, strict=True):
        seconds, title = extinf.removeprefix("#EXTINF:").split(",", 1)
        assert int(seconds) == round(item["duration_s"])
        assert title == item["title"]
        assert name == item["file"] and name in files


def test_same_inputs_same_bytes(session: RenderedSession, tmp_path: Path) -> None:
    first = write_bundle(session, tmp_path / "one.zip", meta=META)
    second = write_bundle(session, tmp_path / "two.zip", meta=dict(META))
    assert first.read_bytes() == second.read_bytes()


def test_session_name_from_meta(session: RenderedSession, tmp_path: Path) -> None:
    meta = {**META, "session_name": "Phiên sáng 12/05"}
    infos, _ = _read(write_bundle(session, tmp_path / "b.zip", meta=meta))
    assert infos[0].filename == "phien-sang-12-05.mp3"


def test_silent_values_become_null(session: RenderedSession, tmp_path: Path) -> None:
    silent = dataclasses.replace(session, integrated_lufs=-math.inf)
    _, files = _read(write_bundle(silent, tmp_path / "b.zip", meta={}))
    assert _manifest(files)["session"]["integrated_lufs"] is None


def test_failed_bundle_leaves_nothing(session: RenderedSession, tmp_path: Path) -> None:
    broken = dataclasses.replace(session, path=tmp_path / "missing.mp3")
    out = tmp_path / "out" / "b.zip"
    with pytest.raises(FileNotFoundError):
        write_bundle(broken, out, meta=META)
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Thông báo lịch tiêm chủng", "thong-bao-lich-tiem-chung"),
        ("ĐẠI HỘI ĐẢNG BỘ", "dai-hoi-dang-bo"),
        ("Nghị quyết số 05-CT/TW", "nghi-quyet-so-05-ct-tw"),
        ("  ***  ", "muc"),
        ("Phường Quang Trung " * 10, "phuong-quang-trung-phuong-quang-trung-phuong-quang-trung"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
