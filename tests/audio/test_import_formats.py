"""Uploads in every format this ffmpeg decodes are imported; each bad kind is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_tone
from audio.errors import AudioRejected
from audio.importing import import_audio

# (suffix, encoder args, source rate) — fixtures encoded here by the same ffmpeg
FORMATS = [
    (".mp3", ["-c:a", "libmp3lame", "-b:a", "64k"], 44100),
    (".wav", ["-c:a", "pcm_s16le"], 22050),
    (".m4a", ["-c:a", "aac", "-b:a", "64k"], 44100),
    (".ogg", ["-c:a", "libopus", "-b:a", "32k"], 48000),
    (".flac", ["-c:a", "flac"], 16000),
    (".amr", ["-c:a", "libopencore_amrnb", "-b:a", "12.2k", "-ar", "8000", "-ac", "1"], 8000),
    (".wma", ["-c:a", "wmav2", "-b:a", "64k", "-f", "asf"], 44100),
]


def _encode(folder: Path, suffix: str, codec: list[str], rate: int, seconds: float = 2.0) -> Path:
    wav, out = folder / f"src-{suffix[1:]}.wav", folder / f"clip{suffix}"
    generate_tone(wav, seconds=seconds, freq=700, sample_rate=rate, volume_db=-14)
    _ffmpeg.run_ffmpeg(["-i", _ffmpeg.file_arg(wav), *codec, "-y", _ffmpeg.file_arg(out)])
    return out


def test_every_format_is_imported(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for suffix, codec, rate in FORMATS:
        stored = import_audio(_encode(tmp_path, suffix, codec, rate), store)
        assert stored.duration_s == pytest.approx(2.0, abs=0.1), suffix  # WMA pads a frame
        assert stored.integrated_lufs == pytest.approx(-17.0, abs=3.0), suffix  # AMR: -19.7
        assert stored.path.is_file()


def test_each_bad_upload_kind_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    cases: dict[str, Path] = {}
    cases["empty"] = tmp_path / "empty.mp3"
    cases["empty"].write_bytes(b"")
    cases["not_audio"] = tmp_path / "corrupt.mp3"
    cases["not_audio"].write_bytes(b"\x00\x01garbage" * 500)
    good = _encode(tmp_path, ".wav", ["-c:a", "pcm_s16le"], 22050)
    truncated = tmp_path / "truncated.wav"
    truncated.write_bytes(good.read_bytes()[:40])  # header only: no samples
    silent = tmp_path / "silent.wav"
    generate_tone(silent, seconds=2.0, volume_db=float("-inf"))
    long = _encode(tmp_path, ".flac", ["-c:a", "flac"], 8000, seconds=8.0)
    expected = {"empty": cases["empty"], "not_audio": cases["not_audio"]}
    for reason, path in expected.items():
        with pytest.raises(AudioRejected) as info:
            import_audio(path, store)
        assert info.value.reason_code == reason
    with pytest.raises(AudioRejected) as info:
        import_audio(truncated, store)
    assert info.value.reason_code in {"empty", "not_audio"}
    with pytest.raises(AudioRejected) as info:
        import_audio(silent, store)
    assert info.value.reason_code == "silent"
    with pytest.raises(AudioRejected) as info:
        import_audio(long, store, max_seconds=5.0)
    assert info.value.reason_code == "too_long"
    with pytest.raises(AudioRejected) as info:
        import_audio(good, store, max_bytes=100)
    assert info.value.reason_code == "too_large"
    assert not any(p.suffix == ".flac" for p in store.rglob("*"))  # nothing stored
