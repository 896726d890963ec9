"""Items sure to need the limiter are measured with their sample peak; others with the true peak."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from audio._ffmpeg_gen import generate_noise
from audio._items import process_item
from audio._measure import ChainMeasurement, measure_chain
from audio.chain import Encoding, needs_true_peak, process_chain
from audio.loudness import LoudnessTarget, measure_loudness
from audio.playlist import AudioItem
from audio.presets import HORN
from audio.profiles import DEFAULT_PROFILE
from audio.tts import get_engine, get_voice

TARGET = LoudnessTarget(-16.0, -1.5)
ENCODING = Encoding.of(DEFAULT_PROFILE)


def _measurement(lufs: float, peak: float, peak_is_true: bool) -> ChainMeasurement:
    return ChainMeasurement(lufs, peak, 3.0, 10.0, False, peak_is_true=peak_is_true)


@pytest.mark.parametrize(
    ("lufs", "peak", "peak_is_true", "needed"),
    [
        (-28.0, -9.0, False, False),  # +12 dB of gain takes the sample peak over the ceiling
        (-16.0, -2.0, False, False),  # already within 1 dB of the limit
        (-16.0, -12.0, False, True),  # may be predicted: only the true peak can tell
        (-16.0, -4.5, False, True),  # may bypass the limiter under its headroom
        (-16.0, -12.0, True, False),  # a true peak always decides
    ],
)
def test_a_sample_peak_decides_only_when_the_limiter_is_certain(
    lufs: float, peak: float, peak_is_true: bool, needed: bool
) -> None:
    measured = _measurement(lufs, peak, peak_is_true)
    assert needs_true_peak(measured, TARGET, ENCODING) is needed


def test_processing_refuses_a_sample_peak_that_cannot_decide(tmp_path: Path) -> None:
    measured = _measurement(-16.0, -12.0, False)
    with pytest.raises(ValueError, match="true-peak"):
        process_chain(
            tmp_path / "x.wav", tmp_path / "x.mp3", measured, target=TARGET, encoding=ENCODING
        )


def test_loud_speech_is_measured_once_with_its_sample_peak(
    tmp_path: Path, ffmpeg_runs: list[str]
) -> None:
    speech = tmp_path / "speech.wav"
    text = "Ủy ban nhân dân phường thông báo lịch tiêm chủng cho trẻ em dưới năm tuổi."
    speech.write_bytes(get_engine("espeak").synthesize(text, get_voice("vi")).wav)
    work = tmp_path / "work"
    done = process_item(AudioItem(speech, "s", "s"), work, HORN, DEFAULT_PROFILE, threading.Event())
    measures = [run for run in ffmpeg_runs if "-f null -" in run and "-dec" not in run]
    assert len(measures) == 1 and "peak=sample" in measures[0]
    assert done.loudness.true_peak_dbtp <= TARGET.true_peak_dbtp  # verified on what ships
    assert measure_loudness(done.encoded).true_peak_dbtp <= TARGET.true_peak_dbtp
    (stored,) = (work / "measure").glob("*.json")
    assert '"peak_is_true": false' in stored.read_text(encoding="utf-8")


def test_a_sample_peak_is_never_above_the_true_peak(tmp_path: Path) -> None:
    noise = tmp_path / "noise.wav"
    generate_noise(noise, seconds=2.0, sample_rate=22050, volume_db=-6.0)
    kwargs = {"sample_rate": 44100, "channels": 1, "pre_filters": HORN.speech_filters()}
    sample = measure_chain(noise, true_peak=False, **kwargs)  # type: ignore[arg-type]
    true = measure_chain(noise, **kwargs)  # type: ignore[arg-type]
    assert not sample.peak_is_true and true.peak_is_true
    assert sample.true_peak_dbtp <= true.true_peak_dbtp
    assert dataclasses.replace(
        sample, true_peak_dbtp=0.0, peak_is_true=True
    ) == dataclasses.replace(true, true_peak_dbtp=0.0)
