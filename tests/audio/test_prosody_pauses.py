"""Scripts spoken chunk by chunk: exact pauses in the WAV, per-sentence cache, joined cache."""

from __future__ import annotations

import dataclasses
from array import array
from pathlib import Path

import gtts
import pytest

from audio.text import normalize_with_pauses
from audio.tts import EspeakEngine, FakeEngine, GTTSEngine, SpeechCache, SynthesisFailed, get_voice
from audio.tts.fake import VOICES as FAKE_VOICES
from audio.tts.speak import SILENCE_THRESHOLD, resample, speak_script, trim_silence
from audio.tts.wav import wav_info, wav_samples

VOICE = dataclasses.replace(
    FAKE_VOICES[0], comma_pause_ms=200, sentence_pause_ms=600, heading_pause_ms=900
)


def silent_runs_ms(path: Path, min_ms: float = 30) -> list[float]:
    """Lengths in ms of the runs of silent samples longer than ``min_ms``."""
    wav = path.read_bytes()
    rate = wav_info(wav).sample_rate
    runs, current = [], 0
    for sample in list(wav_samples(wav)) + [SILENCE_THRESHOLD + 1]:
        if abs(sample) <= SILENCE_THRESHOLD:
            current += 1
            continue
        if current * 1000 / rate >= min_ms:
            runs.append(current * 1000 / rate)
        current = 0
    return runs


def test_pauses_are_exact_silence_of_the_configured_length(tmp_path: Path) -> None:
    engine = FakeEngine()
    script = "THÔNG BÁO\nMột hai ba. Bốn năm, sáu bảy."
    cached = speak_script(script, VOICE, SpeechCache(tmp_path), engine, normalize_with_pauses)
    assert [text for text, _ in engine.calls] == [
        "thông báo.",
        "một hai ba.",
        "bốn năm,",
        "sáu bảy.",
    ]
    runs = silent_runs_ms(cached.path)
    assert [round(ms) for ms in runs] == [900, 600, 200]
    words = 2 + 3 + 2 + 2
    expected = words * engine.duration_for("x", VOICE) + (900 + 600 + 200) / 1000
    assert wav_info(cached.path.read_bytes()).duration == pytest.approx(expected, abs=0.005)


def test_espeak_pause_after_a_heading_is_measured_in_the_wav(tmp_path: Path) -> None:
    voice = dataclasses.replace(get_voice("vi"), heading_pause_ms=1500, sentence_pause_ms=700)
    script = "THÔNG BÁO\nMời bà con đến họp. Xin cảm ơn."
    cached = speak_script(
        script, voice, SpeechCache(tmp_path), EspeakEngine(), normalize_with_pauses
    )
    runs = silent_runs_ms(cached.path, min_ms=400)
    assert len(runs) == 2
    assert 1500 <= runs[0] <= 1525  # the pause plus at most the 10 ms trim margins
    assert 700 <= runs[1] <= 725


def test_joined_result_is_cached_and_reports_no_synthesis(tmp_path: Path) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path)
    first = speak_script("Câu một. Câu hai.", VOICE, cache, engine)
    second = speak_script("Câu một. Câu hai.", VOICE, cache, engine)
    assert (first.hit, second.hit) == (False, True)
    assert second.path == first.path and second.key == first.key
    assert len(engine.calls) == 2
    assert (second.engine, second.engine_version, second.sample_rate) == ("fake", "fake-1", 22050)


def test_editing_one_sentence_resynthesises_only_that_sentence(tmp_path: Path) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path)
    sentences = ["Câu thứ nhất.", "Câu thứ hai.", "Câu thứ ba.", "Câu thứ tư."]
    before = speak_script(" ".join(sentences), VOICE, cache, engine, normalize_with_pauses)
    sentences[2] = "Câu thứ ba đã sửa."
    after = speak_script(" ".join(sentences), VOICE, cache, engine, normalize_with_pauses)
    assert len(engine.calls) == 5
    assert engine.calls[-1][0] == "câu thứ ba đã sửa."
    assert after.key != before.key and not after.hit


def test_changing_a_pause_rejoins_without_synthesis(tmp_path: Path) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path)
    first = speak_script("Một. Hai.", VOICE, cache, engine)
    longer = dataclasses.replace(VOICE, sentence_pause_ms=1200)
    second = speak_script("Một. Hai.", longer, cache, engine)
    assert len(engine.calls) == 2 and second.hit and second.key != first.key
    assert silent_runs_ms(second.path) == [pytest.approx(1200, abs=1)]


def test_empty_script_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SynthesisFailed, match="empty"):
        speak_script(" \n ", VOICE, SpeechCache(tmp_path), FakeEngine())


def test_trim_and_resample_helpers() -> None:
    samples = array("h", [0] * 1000 + [5000] * 10 + [0] * 1000)
    trimmed = trim_silence(samples, 22050)
    assert len(trimmed) == 10 + 2 * 220  # voiced part plus a 10 ms margin each side
    assert len(trim_silence(array("h", [0] * 500), 22050)) == 0
    assert len(resample(array("h", [100] * 24000), 24000, 22050)) == 22050


def test_fallback_audio_is_joined_but_never_served_as_a_hit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_save(self: gtts.gTTS, savefile: str) -> None:
        raise OSError("network unreachable")

    monkeypatch.setattr(gtts.gTTS, "save", failing_save)
    fake = FakeEngine()
    engine = GTTSEngine(fallback=fake, tmp_dir=tmp_path)
    cache = SpeechCache(tmp_path / "cache")
    first = speak_script("Câu một. Câu hai.", get_voice("gtts-vi"), cache, engine)
    second = speak_script("Câu một. Câu hai.", get_voice("gtts-vi"), cache, engine)
    assert (first.engine, first.hit, second.hit) == ("fake", False, False)
    assert first.path.name.endswith(".fallback-fake.wav") and len(fake.calls) == 4
