"""Smoke test with real offline ASR (viet-asr): espeak `vi` must say something recognisable."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

import pytest
import vietasr

from audio.text import normalize_for_speech, normalize_with_pauses
from audio.tts import SpeechCache, get_voice, speak_script
from audio.tts.wav import native_to_little_endian, pcm_to_wav
from bench.intelligibility import cer, clean

SENTENCES = (
    "Đề nghị người dân không thả rông gia súc trên các tuyến đường.",
    "Trạm y tế khám sức khỏe miễn phí cho người cao tuổi.",
    "Trân trọng cảm ơn bà con đã lắng nghe.",
)
NOISE_CER = 0.9  # silence, noise or another language scores above this


@pytest.fixture(scope="module")
def asr() -> vietasr.Pipeline:
    return vietasr.Pipeline.preset("transcribe")


def test_cer_helper() -> None:
    assert clean("Ủy ban, Nhân dân!") == "ủy ban nhân dân"
    assert cer("một hai ba", "một hai ba") == 0.0
    assert cer("một hai", "") == 1.0
    assert cer("ab", "ac") == 0.5


def test_espeak_vi_is_intelligible(asr: vietasr.Pipeline, tmp_path: Path) -> None:
    voice = get_voice("vi")
    cache = SpeechCache(tmp_path)
    scores = []
    for sentence in SENTENCES:
        path = speak_script(sentence, voice, cache, normalize=normalize_with_pauses).path
        scores.append(cer(normalize_for_speech(sentence), asr.transcribe(path).text))
    assert sum(scores) / len(scores) < NOISE_CER, scores
    assert max(scores) < 1.0, scores


@pytest.mark.parametrize("kind", ["silence", "noise"])
def test_silence_or_noise_would_fail_the_threshold(
    asr: vietasr.Pipeline, tmp_path: Path, kind: str
) -> None:
    rng = random.Random(3)
    samples = array(
        "h", (0 if kind == "silence" else rng.randint(-8000, 8000) for _ in range(44100))
    )
    path = tmp_path / f"{kind}.wav"
    path.write_bytes(pcm_to_wav(native_to_little_endian(samples.tobytes()), 22050))
    assert cer(normalize_for_speech(SENTENCES[0]), asr.transcribe(path).text) > NOISE_CER
