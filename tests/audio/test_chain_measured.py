"""audio.chain from a stored measurement: one ffmpeg run per item, hard cases on target under the
ceiling, the encoders' calibrated true-peak allowance holds, verified profiles measure what
ships."""

from __future__ import annotations

import math
import threading
from pathlib import Path

import pytest

from audio import _ffmpeg, chain
from audio._ffmpeg_gen import generate_noise
from audio._items import process_item
from audio._measure import measure_chain
from audio.chain import Encoding, process_chain
from audio.loudness import (
    LOUDNESS_TOLERANCE_LU,
    MAX_GAIN_DB,
    LoudnessTarget,
    Normalised,
    measure_loudness,
)
from audio.playlist import AudioItem
from audio.presets import HORN
from audio.profiles import DEFAULT_PROFILE, STANDARD_PROFILES, OutputProfile
from audio.tts import get_engine, get_voice

TARGET = LoudnessTarget(-16.0, -1.5)
VERIFIED = OutputProfile(48000, 1, 32, "opus")
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


def _aeval(path: Path, expr: str, rate: int = 44100, seconds: float = 4.0) -> Path:
    _ffmpeg.run_ffmpeg(["-f", "lavfi", "-i", f"aevalsrc='{expr}':s={rate}:d={seconds}", str(path)])
    return path


def _encode(
    tmp_path: Path,
    source: Path,
    profile: OutputProfile,
    wav: bool = False,
    target: LoudnessTarget = TARGET,
) -> tuple[Normalised, Path]:
    pre = HORN.speech_filters()
    rate, channels = profile.sample_rate, profile.channels
    measured = measure_chain(source, sample_rate=rate, channels=channels, pre_filters=pre)
    out = tmp_path / f"{source.stem}-{profile.name}{profile.suffix}"
    done = process_chain(
        source,
        out,
        measured,
        target=target,
        encoding=Encoding.of(profile),
        pre_filters=pre,
        wav_out=out.with_suffix(".pcm.wav") if wav else None,
    )
    return done, out


def _noise(tmp_path: Path) -> Path:
    source = tmp_path / "noise.wav"
    generate_noise(source, seconds=3.0, sample_rate=22050, volume_db=-12.0, color="pink")
    return source


@pytest.mark.parametrize("profile", [VERIFIED, OutputProfile(22050, 1, 64)], ids=str)
def test_a_verified_pass_measures_exactly_what_ships(
    tmp_path: Path, profile: OutputProfile
) -> None:
    assert profile.true_peak_allowance_db is None
    done, out = _encode(tmp_path, _noise(tmp_path), profile)
    assert done.verified
    assert done.loudness == measure_loudness(out)  # decodes the written file


def test_a_calibrated_pass_predicts_what_ships(tmp_path: Path) -> None:
    done, out = _encode(tmp_path, _noise(tmp_path), DEFAULT_PROFILE)
    shipped = measure_loudness(out)
    assert not done.verified and done.passes == 1
    assert shipped.integrated_lufs == pytest.approx(done.loudness.integrated_lufs, abs=0.3)
    assert abs(shipped.integrated_lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU
    assert shipped.true_peak_dbtp <= TARGET.true_peak_dbtp


def test_a_stored_measurement_leaves_one_ffmpeg_run_per_item(
    tmp_path: Path, ffmpeg_runs: list[str]
) -> None:
    source = tmp_path / "noise.flac"
    generate_noise(source, seconds=3.0, sample_rate=16000, channels=2, volume_db=-20.0)
    runs = ffmpeg_runs
    runs.clear()  # only what processing starts
    item, work = AudioItem(source, "tin", "tin"), tmp_path / "work"
    process_item(item, work, HORN, DEFAULT_PROFILE, threading.Event())
    # measure the chain: its sample peak cannot tell whether this quiet noise needs the
    # limiter, so its true peak too (stored); then gain and encode
    assert len(runs) == 3 and "peak=sample" in runs[0] and "peak=true" in runs[1]
    runs.clear()
    louder = OutputProfile(44100, 1, 192)  # same rate and channels: same measurement
    done = process_item(item, work, HORN, louder, threading.Event())
    assert len(runs) == 1 and "-dec" not in runs[0] and "ebur128" not in runs[0]
    assert done.wav is None and len(list((work / "measure").glob("*.json"))) == 1
    again = process_item(item, work, HORN, louder, threading.Event(), need_wav=True)
    assert again.wav is not None and again.wav.is_file()  # a streamed render gets its PCM
    assert again.frames == done.frames


def test_without_loopback_decoders_a_verified_file_is_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_ffmpeg, "has_loopback_decoders", lambda: False)
    done, out = _encode(tmp_path, _noise(tmp_path), VERIFIED)
    assert done.loudness == measure_loudness(out)
    assert abs(done.loudness.integrated_lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU


@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, VERIFIED], ids=lambda p: p.name)
@pytest.mark.parametrize("name", sorted(HARD_CASES))
def test_hard_cases_ship_on_target_under_the_ceiling(
    tmp_path: Path, name: str, profile: OutputProfile
) -> None:
    source = _aeval(tmp_path / f"{name}.wav", HARD_CASES[name])
    _, out = _encode(tmp_path, source, profile)
    shipped = measure_loudness(out)
    assert shipped.true_peak_dbtp <= TARGET.true_peak_dbtp
    assert abs(shipped.integrated_lufs - TARGET.integrated_lufs) <= LOUDNESS_TOLERANCE_LU


# at -12 LUFS most items come near the ceiling (verified) and speech is limited hard; the
# ceiling holds whatever the target, loudness is checked where the content allows it
@pytest.mark.parametrize("target", [TARGET, LoudnessTarget(-12.0, -1.5)], ids=["-16", "-12"])
def test_predicted_items_stay_within_their_encoders_allowance(
    tmp_path: Path, target: LoudnessTarget
) -> None:
    speech = tmp_path / "speech.wav"
    text = "Ủy ban nhân dân phường thông báo lịch tiêm chủng cho trẻ em dưới năm tuổi."
    speech.write_bytes(get_engine("espeak").synthesize(text, get_voice("vi")).wav)
    sources = [speech]
    for color in ("white", "pink", "brown"):
        noise = tmp_path / f"{color}.wav"
        generate_noise(noise, seconds=3.0, sample_rate=44100, volume_db=-3.0, color=color)
        sources.append(noise)
    sources += [_aeval(tmp_path / f"{name}.wav", expr) for name, expr in HARD_CASES.items()]
    calibrated = [p for p in STANDARD_PROFILES if p.true_peak_allowance_db is not None]
    assert {p.codec for p in calibrated} == {"mp3", "wav"}
    for profile in calibrated:
        for source in sources:
            done, out = _encode(tmp_path, source, profile, wav=True, target=target)
            case = (profile.name, source.name, done.verified, done.limited)
            pcm = measure_loudness(out.with_suffix(".pcm.wav")).true_peak_dbtp
            shipped = measure_loudness(out)
            assert shipped.true_peak_dbtp <= target.true_peak_dbtp, case
            if target == TARGET and done.gain_db < MAX_GAIN_DB:
                assert abs(shipped.integrated_lufs - target.integrated_lufs) <= 0.5, case
            if done.verified:  # near the ceiling: measured on what ships
                assert done.loudness == shipped, case
                continue
            allowance = profile.true_peak_allowance_db
            assert allowance is not None and not done.limited, case
            assert shipped.true_peak_dbtp <= pcm + allowance, case
            # gain is linear: the reported peak is the PCM's, the loudness the PCM's + offset
            # (its prior is off by 0.4 LU at worst, on white noise: see loudness_offset_lu)
            assert done.loudness.true_peak_dbtp == pytest.approx(pcm, abs=0.1), case
            reported = done.loudness.integrated_lufs
            assert reported == pytest.approx(shipped.integrated_lufs, abs=0.45), case


def test_limiter_loss_prior_grows_with_the_overshoot_and_is_capped() -> None:
    prior = chain._limiter_loss_prior
    assert prior(-math.inf) == 0.0
    assert prior(math.nan) == 0.0
    assert prior(chain._LOSS_KNEE_DB) == 0.0
    assert 0.0 < prior(4.0) < prior(6.0) < prior(8.0)
    assert prior(100.0) == chain._MAX_LOSS_PRIOR_LU


def test_a_verified_item_beyond_the_gain_cap_is_encoded_once(tmp_path: Path) -> None:
    source = _aeval(tmp_path / "whisper.wav", "0.0008*sin(2*PI*700*t)")  # about -65 LUFS
    done, out = _encode(tmp_path, source, VERIFIED)
    assert done.verified and done.gain_db == MAX_GAIN_DB
    assert done.passes == 1  # another pass could not change anything
    assert measure_loudness(out).integrated_lufs < TARGET.integrated_lufs - 10
