"""Uploads with impossible or damaged WAV headers are refused as not audio, never a crash:
every combination of a bad field below, and the file cut at every structure boundary."""

from __future__ import annotations

import itertools
import struct
from pathlib import Path

import pytest

from audio.errors import AudioRejected
from audio.importing import import_audio

SAMPLES = bytes(range(256)) * 64  # 16 KiB of non-silent 16-bit samples


def wav(format_tag: int = 1, channels: int = 1, rate: int = 16000, bits: int = 16) -> bytes:
    """A RIFF/WAVE file whose fmt chunk says what the arguments say, whatever the data."""
    block = min(max(channels * bits // 8, 0), 0xFFFF)
    fmt = struct.pack(
        "<HHIIHH", format_tag, channels, rate, min(rate * block, 2**32 - 1), block, bits
    )
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(SAMPLES)) + SAMPLES
    return b"RIFF" + struct.pack("<I", len(body)) + body


BAD_FIELDS = {
    "format_tag": [0, 0x55, 0xFFFE, 0xFFFF],  # unknown, MP3 tag over PCM data, no extension
    "channels": [0, 65535],
    "rate": [0, 2_000_000_000],
    "bits": [0, 3, 64],
}
CASES = [{name: value} for name, values in BAD_FIELDS.items() for value in values] + [
    dict(pair) for pair in itertools.combinations([("channels", 0), ("rate", 0), ("bits", 0)], 2)
]


@pytest.mark.parametrize("fields", CASES, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_an_impossible_header_is_refused_or_read(tmp_path: Path, fields: dict[str, int]) -> None:
    source = tmp_path / "upload.wav"
    source.write_bytes(wav(**fields))
    store = tmp_path / "store"
    try:
        stored = import_audio(source, store)
    except AudioRejected as exc:
        assert exc.reason_code in {"not_audio", "empty", "silent"}
        assert not list(store.rglob("*.flac")) and not list(store.rglob("*.part"))
    else:  # ffmpeg made sense of it: then it is stored like any upload
        assert stored.path.exists() and stored.duration_s > 0


@pytest.mark.parametrize("cut", [0, 4, 8, 12, 20, 36, 40, 44, 45])
def test_a_cut_file_is_refused(tmp_path: Path, cut: int) -> None:
    source = tmp_path / "upload.wav"
    source.write_bytes(wav()[:cut])
    with pytest.raises(AudioRejected) as refused:
        import_audio(source, tmp_path / "store")
    assert refused.value.reason_code in {"not_audio", "empty"}


def test_zero_channels_is_not_audio(tmp_path: Path) -> None:
    source = tmp_path / "upload.wav"
    source.write_bytes(wav(channels=0))
    with pytest.raises(AudioRejected) as refused:
        import_audio(source, tmp_path / "store")
    assert refused.value.reason_code == "not_audio"
