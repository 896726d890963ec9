"""A deterministic, offline engine for tests: a sine tone lasting 0.3 s per word at 130 wpm.

Like httpx's MockTransport it lives beside the real interface.  It records every call in
``calls`` and can be told to fail with a given ``TTSError``.  Duration scales with
``130 / voice.rate_wpm`` and the tone's pitch follows ``voice.pitch``, so voice parameters
have audible (and measurable) effects just as with a real engine.
"""

from __future__ import annotations

import math
from array import array

from audio.tts.base import Speech, TTSError, Voice, require_engine, require_text
from audio.tts.wav import native_to_little_endian, pcm_to_wav

ENGINE_NAME = "fake"
FAKE_VERSION = "fake-1"
SAMPLE_RATE = 22050
SECONDS_PER_WORD = 0.3
REFERENCE_WPM = 130
AMPLITUDE = 0.5  # of full scale: RMS about -9 dBFS, clearly not silence

VOICES: tuple[Voice, ...] = (
    Voice(name="fake", engine=ENGINE_NAME, language="vi", engine_voice="sine"),
)


def tone_pcm(seconds: float, frequency: int, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Return native-endian 16-bit PCM of a sine tone (whole-Hz frequency, tiled per second)."""
    frames = max(1, round(seconds * sample_rate))
    peak = AMPLITUDE * 32767
    step = 2 * math.pi * frequency / sample_rate
    second = array("h", (round(peak * math.sin(step * i)) for i in range(sample_rate)))
    repeats, rest = divmod(frames, sample_rate)
    return (second * repeats + second[:rest]).tobytes()


class FakeEngine:
    """TTSEngine producing tones instead of speech; deterministic and instant."""

    name = ENGINE_NAME

    def __init__(
        self,
        *,
        seconds_per_word: float = SECONDS_PER_WORD,
        sample_rate: int = SAMPLE_RATE,
        fail_with: TTSError | None = None,
    ) -> None:
        self.seconds_per_word = seconds_per_word
        self.sample_rate = sample_rate
        self.fail_with = fail_with
        self.calls: list[tuple[str, Voice]] = []

    def version(self) -> str:
        """Return "fake-1"."""
        return FAKE_VERSION

    def voices(self) -> list[Voice]:
        """Return the single "fake" voice (language "vi")."""
        return list(VOICES)

    def duration_for(self, text: str, voice: Voice) -> float:
        """Seconds of audio that ``synthesize`` produces for ``text``."""
        words = len(text.split())
        return words * self.seconds_per_word * REFERENCE_WPM / voice.rate_wpm

    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Return a WAV tone whose length is proportional to the number of words."""
        require_engine(voice, self.name)
        self.calls.append((text, voice))
        if self.fail_with is not None:
            raise self.fail_with
        spoken = require_text(text)
        frequency = 110 + round(4.4 * voice.pitch)  # pitch 50 -> 330 Hz
        pcm = tone_pcm(self.duration_for(spoken, voice), frequency, self.sample_rate)
        wav = pcm_to_wav(native_to_little_endian(pcm), self.sample_rate)
        return Speech(
            wav=wav, sample_rate=self.sample_rate, engine=self.name, engine_version=FAKE_VERSION
        )
