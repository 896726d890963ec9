"""audio.chain skips the idle limiter, and brings it back when the shipped file proves it needed."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest

from audio import chain
from audio.chain import process_chain
from audio.loudness import LOUDNESS_TOLERANCE_LU, LoudnessTarget, measure_loudness
from audio.profiles import DEFAULT_PROFILE

RATE = 44100
TARGET = LoudnessTarget(-16.0, -1.5)


def _write(path: Path, samples: list[float]) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))
    return path


def _tone(seconds: float, level_db: float, freq: float = 1000.0) -> list[float]:
    amp = 10 ** (level_db / 20)
    return [amp * math.sin(2 * math.pi * freq * n / RATE) for n in range(int(seconds * RATE))]


def _bursts(samples: list[float], level_db: float, every_s: float = 1.0) -> list[float]:
    """Add 20 ms bursts at fs/4, phase 45 degrees: true peak 3 dB over the sample peak."""
    amp = 10 ** (level_db / 20) * math.sqrt(2)
    out = list(samples)
    for start in range(RATE // 2, len(out) - RATE // 50, int(every_s * RATE)):
        for n in range(RATE // 50):
            out[start + n] += amp * math.sin(math.pi / 2 * n + math.pi / 4)
    return out


def _process(tmp_path: Path, source: Path) -> tuple[int, float, float]:
    done = process_chain(
        source,
        tmp_path / "out.wav",
        tmp_path / "out.mp3",
        target=TARGET,
        sample_rate=RATE,
        channels=1,
        encoder_args=DEFAULT_PROFILE.codec_args(),
    )
    shipped = measure_loudness(tmp_path / "out.mp3")
    return done.passes, shipped.integrated_lufs, shipped.true_peak_dbtp


def test_quiet_tone_ships_on_target_in_one_pass(tmp_path: Path) -> None:
    source = _write(tmp_path / "tone.wav", _tone(6.0, -30.0))
    passes, lufs, peak = _process(tmp_path, source)
    assert passes == 1
    assert abs(lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert peak <= TARGET.true_peak_dbtp


def test_intersample_bursts_stay_under_the_ceiling(tmp_path: Path) -> None:
    # bursts' sample peak ~2.5 dB under the limit after gain: bypassed, true peak still checked
    source = _write(tmp_path / "bursts.wav", _bursts(_tone(6.0, -30.0), -22.0))
    _, lufs, peak = _process(tmp_path, source)
    assert abs(lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert peak <= TARGET.true_peak_dbtp


def test_a_wrong_bypass_brings_the_limiter_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no headroom: the bursts' sample peak lands just under the limit, their true peak over it
    monkeypatch.setattr(chain, "_BYPASS_HEADROOM_DB", 0.0)
    source = _write(tmp_path / "bursts.wav", _bursts(_tone(6.0, -30.0), -19.0))
    passes, lufs, peak = _process(tmp_path, source)
    assert passes >= 2
    assert abs(lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert peak <= TARGET.true_peak_dbtp
