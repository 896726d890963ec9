"""audio.loudness: ebur128 measurements checked against BS.1770 arithmetic, not magic numbers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from audio._ffmpeg import generate_noise, generate_tone, run_ffmpeg
from audio.loudness import (
    Loudness,
    LoudnessTarget,
    gain_to_target,
    is_silent,
    measure_loudness,
)

# BS.1770: a 0 dBFS 1 kHz sine in one channel reads -3.01 LKFS (K-weighting is ~+0.69 dB at
# 1 kHz, cancelling the -0.691 constant), so a -20 dBFS sine reads -23.0 LUFS.
SINE_1K_OFFSET_LU = -3.01
TOLERANCE_LU = 0.15  # ebur128 prints one decimal


def _tone(tmp_path: Path, name: str, *, volume_db: float, channels: int = 1) -> Path:
    path = tmp_path / name
    generate_tone(path, seconds=6, freq=1000, volume_db=volume_db, channels=channels)
    return path


@pytest.mark.parametrize("level_db", [-30.0, -20.0, -10.0])
def test_sine_matches_bs1770(tmp_path: Path, level_db: float) -> None:
    measured = measure_loudness(_tone(tmp_path, "sine.wav", volume_db=level_db))
    assert measured.integrated_lufs == pytest.approx(level_db + SINE_1K_OFFSET_LU, abs=TOLERANCE_LU)
    assert measured.true_peak_dbtp == pytest.approx(level_db, abs=0.1)
    assert measured.loudness_range_lu == pytest.approx(0.0, abs=0.2)


def test_six_db_of_gain_is_six_lu(tmp_path: Path) -> None:
    quiet = measure_loudness(_tone(tmp_path, "quiet.wav", volume_db=-26.0))
    loud = measure_loudness(_tone(tmp_path, "loud.wav", volume_db=-20.0))
    assert loud.integrated_lufs - quiet.integrated_lufs == pytest.approx(6.0, abs=0.2)


def test_noise_scales_like_a_tone(tmp_path: Path) -> None:
    paths = [tmp_path / "n1.wav", tmp_path / "n2.wav"]
    for path, level in zip(paths, (-30.0, -24.0), strict=True):
        generate_noise(path, seconds=6, volume_db=level, color="pink", seed=7)
    quiet, loud = (measure_loudness(p) for p in paths)
    assert loud.integrated_lufs - quiet.integrated_lufs == pytest.approx(6.0, abs=0.2)


def test_identical_stereo_channels_add_three_lu(tmp_path: Path) -> None:
    mono = measure_loudness(_tone(tmp_path, "mono.wav", volume_db=-20.0))
    stereo = measure_loudness(_tone(tmp_path, "stereo.wav", volume_db=-20.0, channels=2))
    assert stereo.integrated_lufs - mono.integrated_lufs == pytest.approx(3.01, abs=0.2)


def test_mp3_is_measured_too(tmp_path: Path) -> None:
    wav = measure_loudness(_tone(tmp_path, "t.wav", volume_db=-20.0))
    mp3 = measure_loudness(_tone(tmp_path, "t.mp3", volume_db=-20.0))
    assert mp3.integrated_lufs == pytest.approx(wav.integrated_lufs, abs=0.6)


def test_digital_silence_is_minus_infinity(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "3", str(path)])
    measured = measure_loudness(path)
    assert measured.integrated_lufs == -math.inf
    assert measured.true_peak_dbtp == -math.inf
    assert is_silent(measured.integrated_lufs)


def test_is_silent_threshold() -> None:
    assert is_silent(-math.inf)
    assert is_silent(-70.0)
    assert not is_silent(-69.9)


def test_gain_to_target() -> None:
    target = LoudnessTarget(integrated_lufs=-16.0)
    assert gain_to_target(-23.0, target, max_gain_db=30.0) == pytest.approx(7.0)
    assert gain_to_target(-10.0, target, max_gain_db=30.0) == pytest.approx(-6.0)
    assert gain_to_target(-60.0, target, max_gain_db=30.0) == 30.0
    assert gain_to_target(-math.inf, target, max_gain_db=30.0) == 0.0


@pytest.mark.parametrize("kwargs", [{"integrated_lufs": 3.0}, {"true_peak_dbtp": 1.0}])
def test_target_refuses_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        LoudnessTarget(**kwargs)


def test_loudness_is_a_value() -> None:
    assert Loudness(-16.0, -1.5, 4.0) == Loudness(-16.0, -1.5, 4.0)
