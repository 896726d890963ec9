"""audio.waveform: peak envelopes from real ffmpeg decodes, the cache, and pictures."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio import waveform
from audio._ffmpeg import file_arg, run_ffmpeg
from audio._ffmpeg_gen import generate_tone
from audio.errors import AudioRejected
from audio.importing import sha256_file
from audio.waveform import (
    Envelope,
    Part,
    asset_picture,
    cached_envelope,
    compute_envelope,
    session_picture,
)

HALF = 10 ** (-6 / 20)  # peak of a -6 dBFS tone


def _gapped_tone(path: Path, rate: int = 16000) -> None:
    """3 s: a 440 Hz tone of peak 0.5, silent from 1 s to 2 s."""
    expr = "if(between(t,1,2),0,0.5*sin(2*PI*440*t))"
    graph = f"aevalsrc='{expr}':s={rate}:d=3[out]"
    run_ffmpeg(["-y", "-filter_complex", graph, "-map", "[out]", file_arg(path)])


def test_silence_in_the_middle_is_flat_and_the_tone_reaches_its_amplitude(tmp_path: Path) -> None:
    path = tmp_path / "gapped.wav"
    _gapped_tone(path)
    env = compute_envelope(path)
    assert env.duration_s == pytest.approx(3.0, abs=0.01)
    peaks = asset_picture(env, 30).peaks  # 0.1 s per bucket
    for low, high in peaks[:9] + peaks[21:]:
        assert high == pytest.approx(0.5, abs=0.02) and low == pytest.approx(-0.5, abs=0.02)
    for low, high in peaks[11:19]:
        assert abs(low) < 0.005 and abs(high) < 0.005


@pytest.mark.parametrize(
    ("name", "rate", "channels"),
    [("mono8k.wav", 8000, 1), ("stereo22k.mp3", 22050, 2), ("stereo48k.flac", 48000, 2)],
)
def test_rates_channels_and_formats(tmp_path: Path, name: str, rate: int, channels: int) -> None:
    path = tmp_path / name
    generate_tone(path, seconds=1.5, sample_rate=rate, channels=channels, volume_db=-6.0)
    env = compute_envelope(path)
    assert env.duration_s == pytest.approx(1.5, abs=0.06)  # MP3 adds encoder padding
    assert max(env.maxs) == pytest.approx(HALF, abs=0.03)
    assert min(env.mins) == pytest.approx(-HALF, abs=0.03)
    assert len(env.mins) == len(env.maxs) >= waveform.MAX_BLOCKS // 2


def test_blocks_merge_pairwise_and_stay_bounded(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    generate_tone(path, seconds=2.0, sample_rate=8000, volume_db=-6.0)
    env = compute_envelope(path, max_blocks=64)
    # 16000 samples: blocks of 1 sample doubled each time 64 were filled, up to 256 samples
    assert env.block_s == pytest.approx(256 / 8000)
    assert len(env.mins) == 63  # 62 full blocks and the partial last one
    assert min(env.maxs) == pytest.approx(HALF, abs=0.02)  # every 64 ms block sees a peak


@pytest.mark.parametrize(
    ("content", "reason"), [(b"", "empty"), (b"\x13\x37not audio at all" * 300, "not_audio")]
)
def test_unusable_files_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "broken.mp3"
    path.write_bytes(content)
    with pytest.raises(AudioRejected) as caught:
        compute_envelope(path)
    assert caught.value.reason_code == reason


def test_cache_hit_does_not_decode_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, cache = tmp_path / "tone.wav", tmp_path / "cache"
    generate_tone(path, seconds=1.0, volume_db=-6.0)
    first = cached_envelope(path, cache)
    key = sha256_file(path)
    assert (cache / f"{key}.v{waveform.ENVELOPE_VERSION}.json").is_file()
    assert not list(cache.glob("*.part"))
    path.unlink()
    calls: list[Path] = []
    monkeypatch.setattr(waveform, "compute_envelope", lambda p: calls.append(p))
    second = cached_envelope(path, cache, key=key)
    assert second == first and calls == []
    assert asset_picture(second, 200) == asset_picture(first, 200)


def test_a_damaged_cache_file_is_computed_again(tmp_path: Path) -> None:
    path, cache = tmp_path / "tone.wav", tmp_path / "cache"
    generate_tone(path, seconds=0.5)
    cache.mkdir()
    (cache / f"abcdef0123.v{waveform.ENVELOPE_VERSION}.json").write_text('{"mins": [', "utf-8")
    env = cached_envelope(path, cache, key="abcdef0123")
    assert env.duration_s == pytest.approx(0.5, abs=0.01)
    stored = (cache / f"abcdef0123.v{waveform.ENVELOPE_VERSION}.json").read_text("utf-8")
    assert Envelope.from_json(stored) == env
    odd_key = "../../etc/passwd"
    cached_envelope(path, cache, key=odd_key)
    assert (cache / f"{waveform.cache_name(odd_key)}.v{waveform.ENVELOPE_VERSION}.json").is_file()
    assert sorted(p.parent for p in tmp_path.rglob("*.json")) == [cache, cache]


def _flat(duration_s: float, level: float, blocks: int = 100) -> Envelope:
    return Envelope(duration_s, duration_s / blocks, (-level,) * blocks, (level,) * blocks)


def test_session_picture_lays_items_end_to_end_with_markers_and_placeholders() -> None:
    parts = [
        Part(2.0, _flat(2.0, 0.8), "1. Mở đầu"),
        Part(3.0, None, "2. Chưa thu"),
        Part(2.0, _flat(4.0, 0.4), "3. Kết"),  # envelope squeezed into its 2 s span
    ]
    pic = session_picture(parts, 80, gap_s=1.0)  # 0–2, gap, 3–6, gap, 7–9: 0.1125 s/bucket
    assert pic.duration_s == pytest.approx(9.0)
    assert [m[0] for m in pic.markers] == [0.0, 3.0, 7.0]
    assert pic.placeholders == ((3.0, 6.0),)
    assert pic.peaks[5] == (-0.8, 0.8)
    assert all(p == (0.0, 0.0) for p in pic.peaks[19:26] + pic.peaks[28:53])
    assert pic.peaks[70] == (-0.4, 0.4) and pic.peaks[-1] == (-0.4, 0.4)
