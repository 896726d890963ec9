"""audio.importing: one conversion to FLAC 44.1 kHz mono, content-addressed, clean refusals."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from audio import importing
from audio._ffmpeg import generate_noise, generate_tone, probe, run_ffmpeg
from audio.errors import AudioRejected
from audio.importing import StoredAudio, import_audio
from audio.loudness import measure_loudness


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize(
    ("name", "rate", "channels"),
    [("voice-48k-stereo.wav", 48000, 2), ("voice-22k.mp3", 22050, 1), ("bed.flac", 32000, 1)],
)
def test_import_converts_to_flac_44k_mono(
    tmp_path: Path, name: str, rate: int, channels: int
) -> None:
    src = tmp_path / name
    generate_tone(src, seconds=3.0, sample_rate=rate, channels=channels, volume_db=-14.0)
    stored = import_audio(src, tmp_path / "store")

    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    assert stored.sha256 == sha
    assert stored.path == tmp_path / "store" / sha[:2] / f"{sha}.flac"
    info = probe(stored.path)
    assert (info.codec, info.sample_rate, info.channels) == ("flac", 44100, 1)
    assert (stored.sample_rate, stored.channels) == (44100, 1)
    assert stored.duration_s == pytest.approx(3.0, abs=0.05)
    assert info.duration_s == pytest.approx(stored.duration_s, abs=0.01)
    remeasured = measure_loudness(stored.path)  # the stored file, measured separately
    assert stored.integrated_lufs == pytest.approx(remeasured.integrated_lufs, abs=0.05)
    assert stored.true_peak_dbtp == pytest.approx(remeasured.true_peak_dbtp, abs=0.05)
    assert stored.true_peak_dbtp == pytest.approx(-14.0, abs=0.5)


def test_stereo_downmix_does_not_clip(tmp_path: Path) -> None:
    src = tmp_path / "hot.wav"
    generate_tone(src, seconds=2.0, channels=2, volume_db=-0.5)
    stored = import_audio(src, tmp_path / "store")
    assert stored.true_peak_dbtp <= 0.0


def test_import_is_idempotent_without_reconverting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.wav"
    generate_tone(src, seconds=2.0, sample_rate=48000)
    first = import_audio(src, tmp_path / "store")
    mtime = first.path.stat().st_mtime_ns

    calls: list[Any] = []
    monkeypatch.setattr(importing._ffmpeg, "decode", lambda *a, **k: calls.append(a))
    second = import_audio(src, tmp_path / "store")
    assert second == first
    assert calls == []
    assert first.path.stat().st_mtime_ns == mtime
    assert len(_files(tmp_path / "store")) == 2  # the FLAC and its sidecar


def test_missing_sidecar_is_rebuilt_by_measuring(tmp_path: Path) -> None:
    src = tmp_path / "a.mp3"
    generate_tone(src, seconds=2.0, sample_rate=22050)
    first = import_audio(src, tmp_path / "store")
    first.path.with_suffix(".json").unlink()
    again = import_audio(src, tmp_path / "store")
    assert again.path == first.path
    assert again.duration_s == pytest.approx(first.duration_s, abs=0.01)
    assert again.integrated_lufs == pytest.approx(first.integrated_lufs, abs=0.05)
    assert first.path.with_suffix(".json").exists()


def test_short_clip_with_a_peak_is_accepted(tmp_path: Path) -> None:
    src = tmp_path / "beep.wav"
    generate_tone(src, seconds=0.25, freq=1000, volume_db=-10.0)
    stored = import_audio(src, tmp_path / "store")
    assert stored.duration_s == pytest.approx(0.25, abs=0.01)
    # Shorter than one 400 ms gating block: measured padded to 400 ms, i.e. 10*log10(0.25/0.4)
    # = -2.0 LU under the same tone measured long (-10 dBFS at 1 kHz: -13.0 LUFS).
    assert stored.integrated_lufs == pytest.approx(-13.0 - 2.04, abs=0.2)
    assert stored.true_peak_dbtp == pytest.approx(-10.0, abs=0.2)


def test_very_short_silence_is_silent(tmp_path: Path) -> None:
    src = tmp_path / "blip.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "0.1", str(src)])
    with pytest.raises(AudioRejected) as caught:
        import_audio(src, tmp_path / "store")
    assert caught.value.reason_code == "silent"


def _silence(path: Path) -> None:
    run_ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", "3", str(path)])


def _text(path: Path) -> None:
    path.write_text("Thông báo: lịch cắt điện ngày 12/5\n", encoding="utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _long(path: Path) -> None:
    generate_noise(path, seconds=4.0)


def _tone(path: Path) -> None:
    generate_tone(path, seconds=2.0)


REFUSALS = [
    ("silent.wav", _silence, {}, "silent"),
    ("notes.mp3", _text, {}, "not_audio"),
    ("empty.wav", _empty, {}, "empty"),
    ("long.wav", _long, {"max_seconds": 1.5}, "too_long"),
    ("big.wav", _tone, {"max_bytes": 1000}, "too_large"),
]


@pytest.mark.parametrize(("name", "make", "limits", "reason"), REFUSALS)
def test_refusals_leave_nothing_in_the_store(
    tmp_path: Path, name: str, make: Any, limits: dict[str, Any], reason: str
) -> None:
    src = tmp_path / name
    make(src)
    store = tmp_path / "store"
    store.mkdir()
    with pytest.raises(AudioRejected) as caught:
        import_audio(src, store, **limits)
    assert caught.value.reason_code == reason
    assert list(store.iterdir()) == []


def test_too_long_stops_decoding_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "minute.wav"
    generate_tone(src, seconds=60.0, sample_rate=8000)
    real_decode = importing._ffmpeg.decode
    seen: list[float | None] = []

    def spy(path: Path, **kwargs: Any) -> Any:
        report = real_decode(path, **kwargs)
        seen.append(report.info.duration_s)
        return report

    monkeypatch.setattr(importing._ffmpeg, "decode", spy)
    with pytest.raises(AudioRejected) as caught:
        import_audio(src, tmp_path / "store", max_seconds=2.0)
    assert caught.value.reason_code == "too_long"
    assert seen == [pytest.approx(3.0, abs=0.01)]  # decoding stopped 1 s past the limit


def test_stored_files_are_world_readable(tmp_path: Path) -> None:
    src = tmp_path / "a.wav"
    generate_tone(src, seconds=1.0)
    stored: StoredAudio = import_audio(src, tmp_path / "store")
    assert stored.path.stat().st_mode & 0o777 == 0o644
    assert not any(p.name.endswith(".part") for p in _files(tmp_path / "store"))
    assert os.access(stored.path, os.R_OK)


def test_relative_paths_with_colons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    src = Path("bản tin 06:30.wav")  # "06:" must not be read as an ffmpeg protocol
    generate_tone(src, seconds=1.0)
    assert probe(src).duration_s == pytest.approx(1.0, abs=0.01)
    stored = import_audio(src, Path("kho:1"))
    assert stored.path.is_file() and not stored.path.is_absolute()
