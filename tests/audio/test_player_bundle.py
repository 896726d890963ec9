"""Player bundles: folders per day/session, M3U8 + schedule.csv + manifest agree, reproducible."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_tone
from audio.player_bundle import BundleSession, write_player_bundle
from audio.profiles import OutputProfile
from audio.render import AudioItem, render_session

PROFILES = [OutputProfile(), OutputProfile(22050, 1, 64)]
META = {"station": "Đài phường Bến Nghé", "campaign": "Tiêm chủng"}


def _sessions(root: Path) -> list[BundleSession]:
    a, b = root / "a.wav", root / "b.wav"
    generate_tone(a, seconds=1.5, freq=500, volume_db=-20)
    generate_tone(b, seconds=2.0, freq=800, volume_db=-10)
    items = [
        AudioItem(a, "Thông báo tiêm chủng", "segment-1"),
        AudioItem(b, "Lịch cắt điện", "segment-2"),
    ]
    sessions = []
    for day, start, slot in (
        (date(2020, 10, 6), "17:00", "Chiều"),
        (date(2020, 10, 5), "06:30", "Sáng"),
    ):
        renders = {
            p.name: render_session(
                items,
                root / f"{day}-{start[:2]}-{p.name}.mp3",
                work_dir=root / "work",
                profile=p,
                gap_s=1.0,
            )
            for p in PROFILES
        }
        sessions.append(BundleSession(day, start, slot, renders, {"playlist_id": day.day}))
    return sessions


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[BundleSession]]:
    root = tmp_path_factory.mktemp("pb")
    sessions = _sessions(root)
    names = [p.name for p in PROFILES]
    one = write_player_bundle(sessions, root / "one.zip", profiles=names, meta=META)
    two = write_player_bundle(sessions[::-1], root / "two.zip", profiles=names, meta=META)
    return one, two, sessions


def test_bundle_is_byte_for_byte_reproducible(bundle: tuple[Path, Path, list]) -> None:
    one, two, _ = bundle
    assert one.read_bytes() == two.read_bytes()


def test_manifest_m3u8_and_schedule_agree_with_files(bundle: tuple[Path, Path, list]) -> None:
    one, _, _ = bundle
    with zipfile.ZipFile(one) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    assert "DOC-TRUOC.txt" in files and "Giải nén" in files["DOC-TRUOC.txt"].decode()
    manifest = json.loads(files["manifest.json"])
    assert manifest["profiles"] == [p.name for p in PROFILES]
    first = manifest["sessions"][0]
    assert first["folder"] == "mp3-128k-mono-44100/2020-10-05/0630-sang"
    assert first["file"] == f"{first['folder']}/00-toan-phien.mp3"
    for entry in manifest["sessions"]:
        for record in [entry, *entry["items"]]:
            data = files[record["file"]]
            assert hashlib.sha256(data).hexdigest() == record["sha256"]
            assert len(data) == record["bytes"]
        lines = files[entry["playlist"]].decode().splitlines()
        assert lines[0] == "#EXTM3U"
        for item, (extinf, name) in zip(
            entry["items"], zip(lines[1::2], lines[2::2], strict=True), strict=True
        ):
            assert extinf == f"#EXTINF:{round(item['duration_s'])},{item['title']}"
            assert f"{entry['folder']}/{name}" == item["file"]
    rows = list(csv.DictReader(io.StringIO(files["schedule.csv"].decode())))
    assert len(rows) == 4
    assert [(r["date"], r["time"]) for r in rows[:2]] == [
        ("2020-10-05", "06:30"),
        ("2020-10-06", "17:00"),
    ]
    for row, entry in zip(rows, manifest["sessions"], strict=True):
        assert row["file"] == entry["file"]
        assert float(row["duration_s"]) == pytest.approx(entry["duration_s"])


def test_mp3s_are_tagged_and_decode(bundle: tuple[Path, Path, list], tmp_path: Path) -> None:
    one, _, sessions = bundle
    with zipfile.ZipFile(one) as zf:
        name = "mp3-64k-mono-22050/2020-10-05/0630-sang/01-thong-bao-tiem-chung.mp3"
        path = tmp_path / "x.mp3"
        path.write_bytes(zf.read(name))
    tags = ID3(path)
    assert str(tags["TIT2"]) == "Thông báo tiêm chủng"
    assert str(tags["TPE1"]) == META["station"]
    assert str(tags["TALB"]) == META["campaign"]
    assert str(tags["TDRC"]) == "2020-10-05"
    assert _ffmpeg.probe(path).duration_s == pytest.approx(1.5, abs=0.03)
    untagged = sessions[0].renders["mp3-64k-mono-22050"].items[0].path.read_bytes()
    assert not untagged.startswith(b"ID3")  # the cached item was not modified
