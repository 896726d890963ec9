"""espeak-ng engine: real synthesis through the bundled libespeak-ng."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from audio.tts import EspeakEngine, SynthesisFailed, UnknownVoice, Voice, get_voice
from audio.tts.wav import rms, wav_info, wav_samples

SENTENCE = "ủy ban nhân dân phường quang trung thông báo"
SILENCE_RMS = 300.0  # 16-bit units; espeak speech measures ~3000-4000


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


def duration_of(engine: EspeakEngine, text: str, voice: Voice) -> float:
    return wav_info(engine.synthesize(text, voice).wav).duration


def test_synthesises_vietnamese_to_valid_wav(engine: EspeakEngine) -> None:
    speech = engine.synthesize(SENTENCE, get_voice("vi"))
    assert speech.wav[:4] == b"RIFF" and speech.wav[8:12] == b"WAVE"
    info = wav_info(speech.wav)
    assert (info.sample_rate, info.channels, info.sample_width) == (22050, 1, 2)
    assert speech.sample_rate == 22050
    assert 1.0 < info.duration < 10.0
    assert rms(wav_samples(speech.wav)) > SILENCE_RMS
    assert speech.engine == "espeak"
    assert speech.engine_version.startswith("1.52")


@pytest.mark.parametrize("name", ["vi", "vi-central", "vi-south"])
def test_all_voices_speak(engine: EspeakEngine, name: str) -> None:
    speech = engine.synthesize(SENTENCE, get_voice(name))
    assert 1.0 < wav_info(speech.wav).duration < 10.0
    assert rms(wav_samples(speech.wav)) > SILENCE_RMS


def test_regional_voices_differ_from_northern(engine: EspeakEngine) -> None:
    north = wav_samples(engine.synthesize(SENTENCE, get_voice("vi")).wav)
    south = wav_samples(engine.synthesize(SENTENCE, get_voice("vi-south")).wav)
    assert abs(len(north) - len(south)) > 100 or north != south


def test_faster_rate_is_shorter(engine: EspeakEngine) -> None:
    voice = get_voice("vi")
    slow = duration_of(engine, SENTENCE, dataclasses.replace(voice, rate_wpm=100))
    fast = duration_of(engine, SENTENCE, dataclasses.replace(voice, rate_wpm=200))
    assert fast < slow * 0.75


def test_word_gap_lengthens(engine: EspeakEngine) -> None:
    voice = get_voice("vi")
    tight = duration_of(engine, SENTENCE, dataclasses.replace(voice, word_gap_ms=0))
    loose = duration_of(engine, SENTENCE, dataclasses.replace(voice, word_gap_ms=200))
    assert loose > tight + 1.0  # 9 gaps of +200 ms


def test_parameters_do_not_leak_between_calls(engine: EspeakEngine) -> None:
    voice = get_voice("vi")
    before = duration_of(engine, SENTENCE, voice)
    duration_of(engine, SENTENCE, dataclasses.replace(voice, rate_wpm=300, word_gap_ms=300))
    after = duration_of(engine, SENTENCE, voice)
    assert after == pytest.approx(before, abs=0.05)


def test_unknown_engine_voice_raises_naming_it(engine: EspeakEngine) -> None:
    bogus = Voice(name="klingon", engine="espeak", language="tlh", engine_voice="tlh-x-none")
    with pytest.raises(UnknownVoice, match="tlh-x-none"):
        engine.synthesize(SENTENCE, bogus)
    assert wav_info(engine.synthesize(SENTENCE, get_voice("vi")).wav).frames > 0


def test_voice_of_another_engine_is_rejected(engine: EspeakEngine) -> None:
    with pytest.raises(UnknownVoice, match="gtts-vi"):
        engine.synthesize(SENTENCE, get_voice("gtts-vi"))


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_raises(engine: EspeakEngine, text: str) -> None:
    with pytest.raises(SynthesisFailed, match="empty text"):
        engine.synthesize(text, get_voice("vi"))


def test_concurrent_calls_are_serialised(engine: EspeakEngine) -> None:
    voice = get_voice("vi")
    expected = duration_of(engine, SENTENCE, voice)
    durations: list[float] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            durations.append(duration_of(engine, SENTENCE, voice))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert durations == pytest.approx([expected] * 6, abs=0.05)
