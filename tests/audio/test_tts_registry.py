"""Engine registry: names, shared instances, voice lookup errors."""

from __future__ import annotations

import pytest

from audio.tts import (
    ENGINES,
    FakeEngine,
    TTSEngine,
    TTSError,
    UnknownVoice,
    get_engine,
    get_voice,
    list_voices,
)


def test_registered_engines() -> None:
    assert set(ENGINES) == {"espeak", "gtts", "fake", "piper", "google", "azure", "fpt", "viettel"}


def test_list_voices_names() -> None:
    names = [voice.name for voice in list_voices()]
    assert names[:5] == ["vi", "vi-central", "vi-south", "gtts-vi", "fake"]
    assert {"google-vi-nu", "azure-vi-hoaimy", "fpt-banmai", "viettel-doanngocle"} <= set(names)
    assert all(voice.language == "vi" for voice in list_voices())


def test_get_voice_details() -> None:
    north = get_voice("vi")
    assert (north.engine, north.engine_voice, north.rate_wpm, north.word_gap_ms) == (
        "espeak",
        "vi+f3",  # chosen with bench/intelligibility.py
        130,
        50,
    )
    assert get_voice("vi-central").engine_voice == "vi-vn-x-central"
    assert get_voice("vi-south").engine_voice == "vi-vn-x-south"
    assert get_voice("gtts-vi").engine == "gtts"


def test_unknown_voice_names_it() -> None:
    with pytest.raises(UnknownVoice, match="vi-hanoi") as caught:
        get_voice("vi-hanoi")
    assert "vi-hanoi" in caught.value.message
    assert isinstance(caught.value, TTSError)


def test_engine_instances_are_shared_and_protocol_conformant() -> None:
    for name in ENGINES:
        engine = get_engine(name)
        assert engine is get_engine(name)
        assert isinstance(engine, TTSEngine)
        assert engine.name == name
    assert isinstance(get_engine("fake"), FakeEngine)


def test_unknown_engine() -> None:
    with pytest.raises(TTSError, match="unknown engine 'festival'"):
        get_engine("festival")


def test_voice_parameters_validated() -> None:
    from audio.tts import Voice

    with pytest.raises(ValueError):
        Voice(name="x", engine="fake", language="vi", engine_voice="sine", pitch=101)
    assert "rate_wpm=130" in get_voice("vi").cache_params()
