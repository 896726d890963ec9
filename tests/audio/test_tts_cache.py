"""SpeechCache: hits skip the engine, keys follow voice parameters, writes are atomic."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest

from audio.tts import FakeEngine, Speech, SpeechCache, TTSError, Voice, get_voice
from audio.tts.wav import wav_info

TEXT = "thông báo lịch tiêm chủng"


class CountingEngine:
    """Wraps an engine and counts synthesize calls."""

    def __init__(self, inner: FakeEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0

    def version(self) -> str:
        return self.inner.version()

    def voices(self) -> list[Voice]:
        return self.inner.voices()

    def synthesize(self, text: str, voice: Voice) -> Speech:
        self.calls += 1
        return self.inner.synthesize(text, voice)


@pytest.fixture
def engine() -> CountingEngine:
    return CountingEngine(FakeEngine())


def test_second_call_is_hit_without_synthesis(tmp_path: Path, engine: CountingEngine) -> None:
    cache = SpeechCache(tmp_path)
    voice = get_voice("fake")
    first = cache.synthesize(TEXT, voice, engine)
    second = cache.synthesize(TEXT, voice, engine)
    assert (first.hit, second.hit) == (False, True)
    assert engine.calls == 1
    assert (cache.misses, cache.hits) == (1, 1)
    assert first.path == second.path == tmp_path / first.key[:2] / f"{first.key}.wav"
    assert second.engine == "fake" and second.engine_version == "fake-1"
    assert second.sample_rate == 22050 == wav_info(second.path.read_bytes()).sample_rate


def test_hit_survives_a_new_cache_instance(tmp_path: Path, engine: CountingEngine) -> None:
    SpeechCache(tmp_path).synthesize(TEXT, get_voice("fake"), engine)
    again = SpeechCache(tmp_path).synthesize(TEXT, get_voice("fake"), engine)
    assert again.hit and engine.calls == 1


def test_voice_parameters_change_key(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    voice = get_voice("vi")
    keys = {
        cache.key_for(TEXT, voice),
        cache.key_for(TEXT, dataclasses.replace(voice, rate_wpm=150)),
        cache.key_for(TEXT, dataclasses.replace(voice, pitch=60)),
        cache.key_for(TEXT, dataclasses.replace(voice, word_gap_ms=0)),
        cache.key_for(TEXT, get_voice("vi-south")),
        cache.key_for(TEXT, get_voice("gtts-vi")),
        cache.key_for(TEXT + ".", voice),
    }
    assert len(keys) == 7
    renamed = dataclasses.replace(voice, name="alias")
    assert cache.key_for(TEXT, renamed) == cache.key_for(TEXT, voice)


def test_key_uses_nfc_text(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    voice = get_voice("vi")
    decomposed = unicodedata.normalize("NFD", TEXT)
    assert decomposed != TEXT
    assert cache.key_for(decomposed, voice) == cache.key_for(TEXT, voice)
    assert len(cache.key_for(TEXT, voice)) == 64


def test_writes_are_atomic(tmp_path: Path, engine: CountingEngine) -> None:
    cache = SpeechCache(tmp_path)
    for words in range(1, 6):
        cache.synthesize(" ".join(["một"] * words), get_voice("fake"), engine)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.endswith(".tmp")]
    assert len([p for p in files if p.suffix == ".wav"]) == 5


def test_failed_synthesis_leaves_nothing(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    failing = FakeEngine(fail_with=TTSError("boom"))
    with pytest.raises(TTSError, match="boom"):
        cache.synthesize(TEXT, get_voice("fake"), failing)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert cache.misses == 0


def test_engine_must_match_voice(tmp_path: Path, engine: CountingEngine) -> None:
    with pytest.raises(TTSError, match="cannot speak"):
        SpeechCache(tmp_path).synthesize(TEXT, get_voice("vi"), engine)


def test_default_engine_comes_from_registry(tmp_path: Path) -> None:
    cached = SpeechCache(tmp_path).synthesize("xin chào", get_voice("vi"))
    assert cached.engine == "espeak" and cached.sample_rate == 22050
    assert wav_info(cached.path.read_bytes()).frames > 0


class FallingBackEngine(CountingEngine):
    """Poses as gTTS but answers with the fake engine, like GTTSEngine(fallback=...) offline."""

    def synthesize(self, text: str, voice: Voice) -> Speech:
        self.calls += 1
        return self.inner.synthesize(text, get_voice("fake"))


def test_fallback_audio_is_not_served_as_hit(tmp_path: Path) -> None:
    engine = FallingBackEngine(FakeEngine())
    engine.name = "gtts"
    cache = SpeechCache(tmp_path)
    first = cache.synthesize(TEXT, get_voice("gtts-vi"), engine)
    second = cache.synthesize(TEXT, get_voice("gtts-vi"), engine)
    assert first.engine == "fake" and not first.hit and not second.hit
    assert engine.calls == 2
    assert first.path.name == f"{first.key}.fallback-fake.wav"
    assert not cache.path_for(first.key).exists()
