"""audio.chain skips the limiter when the measured true peak allows, and brings it back on a
verified profile when the shipped file proves it was needed."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest

from audio import chain
from audio._measure import measure_chain
from audio.chain import Encoding, process_chain
from audio.loudness import LOUDNESS_TOLERANCE_LU, LoudnessTarget, measure_loudness
from audio.profiles import DEFAULT_PROFILE, OutputProfile

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


def _process(
    tmp_path: Path, source: Path, profile: OutputProfile = DEFAULT_PROFILE
) -> tuple[int, bool, float, float]:
    measured = measure_chain(source, sample_rate=RATE, channels=1)
    out = tmp_path / f"out{profile.suffix}"
    done = process_chain(source, out, measured, target=TARGET, encoding=Encoding.of(profile))
    shipped = measure_loudness(out)
    return done.passes, done.limited, shipped.integrated_lufs, shipped.true_peak_dbtp


VERIFIED = OutputProfile(RATE, 1, 96)  # not calibrated: every pass measures what it encoded


def test_quiet_tone_ships_on_target_in_one_pass(tmp_path: Path) -> None:
    source = _write(tmp_path / "tone.wav", _tone(6.0, -30.0))
    passes, limited, lufs, peak = _process(tmp_path, source)
    assert (passes, limited) == (1, False)
    assert abs(lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert peak <= TARGET.true_peak_dbtp


@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, VERIFIED], ids=lambda p: p.name)
def test_intersample_bursts_stay_under_the_ceiling(tmp_path: Path, profile: OutputProfile) -> None:
    # the bursts' sample peak leaves room, their true peak (3 dB higher) does not
    source = _write(tmp_path / "bursts.wav", _bursts(_tone(6.0, -30.0), -19.0))
    _, limited, lufs, peak = _process(tmp_path, source, profile)
    assert limited
    assert abs(lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert peak <= TARGET.true_peak_dbtp


def test_a_wrong_bypass_brings_the_limiter_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a verified profile allowed to touch the ceiling (headroom -3 dB): the first pass skips
    # the limiter, the loopback meter finds the bursts over and the limiter comes back
    monkeypatch.setattr(chain, "_BYPASS_HEADROOM_DB", -3.0)
    source = _write(tmp_path / "bursts.wav", _bursts(_tone(6.0, -30.0), -19.0))
    passes, limited, lufs, peak = _process(tmp_path, source, VERIFIED)
    assert passes >= 2 and limited
    assert abs(lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert peak <= TARGET.true_peak_dbtp
