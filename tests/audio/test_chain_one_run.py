"""audio.chain in two ffmpeg runs per item: what the pass measures is what the file measures,
and hard cases (clipped squares, intersample peaks, big gains) still ship under the ceiling."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from audio import _ffmpeg, chain
from audio._ffmpeg_gen import generate_noise
from audio.chain import process_chain
from audio.loudness import LOUDNESS_TOLERANCE_LU, LoudnessTarget, Normalised, measure_loudness
from audio.presets import HORN
from audio.profiles import DEFAULT_PROFILE, OutputProfile

TARGET = LoudnessTarget(-16.0, -1.5)


def _aeval(path: Path, expr: str, rate: int = 44100, seconds: float = 4.0) -> Path:
    _ffmpeg.run_ffmpeg(["-f", "lavfi", "-i", f"aevalsrc='{expr}':s={rate}:d={seconds}", str(path)])
    return path


def _process(tmp_path: Path, source: Path, profile: OutputProfile = DEFAULT_PROFILE) -> Normalised:
    return process_chain(
        source,
        tmp_path / "out.wav",
        tmp_path / f"out{profile.suffix}",
        target=TARGET,
        sample_rate=profile.sample_rate,
        channels=profile.channels,
        encoder_args=profile.codec_args(),
        pre_filters=HORN.speech_filters(),
    )


@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, OutputProfile(48000, 1, 32, "opus")])
def test_the_pass_measures_exactly_what_ships(tmp_path: Path, profile: OutputProfile) -> None:
    source = tmp_path / "noise.wav"
    generate_noise(source, seconds=3.0, sample_rate=22050, volume_db=-12.0, color="pink")
    done = _process(tmp_path, source, profile)
    shipped = measure_loudness(tmp_path / f"out{profile.suffix}")  # decodes the written file
    assert done.loudness == shipped


def test_an_item_on_target_takes_two_ffmpeg_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "noise.flac"
    generate_noise(source, seconds=3.0, sample_rate=16000, channels=2, volume_db=-20.0)
    assert _ffmpeg.has_loopback_decoders()  # the bundled ffmpeg has -dec (checked once)
    runs: list[str] = []
    spawn = _ffmpeg._spawn

    def counting(args: list[str], *rest: object) -> object:
        runs.append(" ".join(args))
        return spawn(args, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(_ffmpeg, "_spawn", counting)
    done = _process(tmp_path, source)
    assert done.passes == 1
    assert len(runs) == 2  # measure the chain; gain, limit, encode and measure what ships
    assert "-dec" in runs[1]


def test_without_loopback_decoders_the_file_is_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "noise.wav"
    generate_noise(source, seconds=3.0, sample_rate=22050, volume_db=-12.0, color="pink")
    monkeypatch.setattr(_ffmpeg, "has_loopback_decoders", lambda: False)
    done = _process(tmp_path, source)
    assert done.loudness == measure_loudness(tmp_path / "out.mp3")
    assert abs(done.loudness.integrated_lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU


HARD_CASES = {
    # hard-clipped 1 kHz square bursts over a quiet bed: the limiter works hard on edges
    "clipped-square-bursts": (
        "0.03*sin(2*PI*200*t)+lt(mod(t\\,0.25)\\,0.03)*0.7*clip(8*sin(2*PI*1000*t)\\,-1\\,1)"
    ),
    # fs/4 at 45 degrees: every burst's true peak is 3 dB over its sample peak
    "intersample-bursts": (
        "0.03*sin(2*PI*300*t)+lt(mod(t\\,0.5)\\,0.02)*0.7*sin(PI/2*floor(t*44100)+PI/4)"
    ),
    # full-scale square: clipped everywhere, intersample overs on every edge
    "full-scale-square": "clip(20*sin(2*PI*2500*t)\\,-1\\,1)",
    # quiet noise needing about +25 dB of gain
    "quiet-noise": "0.02*(random(0)-0.5)",
}


@pytest.mark.parametrize("name", sorted(HARD_CASES))
def test_hard_cases_ship_on_target_under_the_ceiling(tmp_path: Path, name: str) -> None:
    source = _aeval(tmp_path / f"{name}.wav", HARD_CASES[name])
    done = _process(tmp_path, source)
    shipped = measure_loudness(tmp_path / "out.mp3")
    assert shipped.true_peak_dbtp <= TARGET.true_peak_dbtp
    assert abs(shipped.integrated_lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert done.loudness == shipped


def test_limiter_loss_prior_grows_with_the_overshoot_and_is_capped() -> None:
    prior = chain._limiter_loss_prior
    assert prior(-math.inf) == 0.0
    assert prior(math.nan) == 0.0
    assert prior(chain._LOSS_KNEE_DB) == 0.0
    assert 0.0 < prior(4.0) < prior(6.0) < prior(8.0)
    assert prior(100.0) == chain._MAX_LOSS_PRIOR_LU
