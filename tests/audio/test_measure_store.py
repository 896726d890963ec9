"""Chain measurements are stored once per source, chain and output rate, and read back."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from audio._ffmpeg_gen import generate_tone
from audio._measure import (
    ChainMeasurement,
    load_measurement,
    measure_chain,
    measurement_key,
    save_measurement,
)
from audio.presets import HORN


def test_a_measurement_round_trips_including_silence(tmp_path: Path) -> None:
    silent = ChainMeasurement(-math.inf, -math.inf, 0.0, 2.5, True, 0.1, 2.6)
    save_measurement(tmp_path, "k", silent)
    assert load_measurement(tmp_path, "k") == silent
    assert silent.trim_filters()[0] == "atrim=start=0.1000:end=2.6000"
    assert not list(tmp_path.glob(".*.part"))  # written under a temp name, then renamed


def test_a_missing_or_broken_measurement_reads_as_none(tmp_path: Path) -> None:
    assert load_measurement(tmp_path, "absent") is None
    (tmp_path / "broken.json").write_text('{"integrated_lufs": ', encoding="utf-8")
    assert load_measurement(tmp_path, "broken") is None
    (tmp_path / "alien.json").write_text('{"colour": "blue"}', encoding="utf-8")
    assert load_measurement(tmp_path, "alien") is None


def test_keys_change_with_the_chain_and_the_trim() -> None:
    chain = ["highpass=f=120", "aresample=44100"]
    base = measurement_key("abc", chain, None)
    assert base == measurement_key("abc", list(chain), None)
    assert base != measurement_key("abd", chain, None)
    assert base != measurement_key("abc", [*chain[:1], "aresample=22050"], None)
    assert base != measurement_key("abc", chain, -50.0)


def test_short_clips_are_measured_padded_and_kept_fixed(tmp_path: Path) -> None:
    clip = tmp_path / "blip.wav"
    generate_tone(clip, seconds=0.25, sample_rate=22050, volume_db=-12.0)
    measured = measure_chain(clip, sample_rate=44100, channels=1, pre_filters=HORN.speech_filters())
    assert measured.fixed
    assert math.isfinite(measured.integrated_lufs)
    assert measured.duration_s == pytest.approx(0.25, abs=0.01)
