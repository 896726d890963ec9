"""Engine-neutral types for text-to-speech: voices, results, the engine protocol, errors.

Engines receive text that is already normalised spoken Vietnamese; they never rewrite it.

Exception tree::

    TTSError                  base class; ``.message`` the human-readable reason, ``.code``
    ├── UnknownVoice          no such voice name / engine voice / engine name
    ├── EngineUnavailable     the engine cannot run here: library or ffmpeg missing, network down
    │    ├── EngineNotConfigured   a cloud voice without its key          voice.not_configured
    │    ├── AuthRejected          the provider refused the key (401/403)  voice.auth_rejected
    │    ├── QuotaExhausted        the provider's quota answer (429)       voice.quota_exhausted
    │    ├── BudgetExhausted       the station's monthly character budget  voice.budget_exhausted
    │    └── ServiceTimeout        the provider did not answer in time     voice.timeout
    └── SynthesisFailed       the engine ran but produced no usable audio (empty text, 0 samples)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


class TTSError(Exception):
    """Base class of every text-to-speech error."""

    code = "speech.failed"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownVoice(TTSError):
    """The requested voice (or engine) does not exist."""


class EngineUnavailable(TTSError):
    """The engine cannot be used on this machine right now (missing library, no network)."""


class EngineNotConfigured(EngineUnavailable):
    """A cloud engine has no key in the settings."""

    code = "voice.not_configured"


class AuthRejected(EngineUnavailable):
    """The provider refused the key."""

    code = "voice.auth_rejected"


class QuotaExhausted(EngineUnavailable):
    """The provider answered that its quota or rate limit is used up."""

    code = "voice.quota_exhausted"


class BudgetExhausted(EngineUnavailable):
    """The station has used its monthly character budget for this engine."""

    code = "voice.budget_exhausted"


class ServiceTimeout(EngineUnavailable):
    """The provider did not answer within the timeout."""

    code = "voice.timeout"


class SynthesisFailed(TTSError):
    """The engine was available but did not produce audio for this text."""


PAUSE_FIELDS = ("comma_pause_ms", "sentence_pause_ms", "heading_pause_ms", "paragraph_pause_ms")
MAX_PAUSE_MS = 5000


@dataclass(frozen=True)
class Voice:
    """A named voice of one engine with the parameters that shape its audio."""

    name: str
    engine: str
    language: str
    engine_voice: str
    rate_wpm: int = 130
    pitch: int = 50
    word_gap_ms: int = 50
    # Silence inserted between synthesised chunks (audio/tts/speak.py); not part of the audio
    # of any one chunk, hence not in cache_params().
    comma_pause_ms: int = 250
    sentence_pause_ms: int = 550
    heading_pause_ms: int = 800
    paragraph_pause_ms: int = 1000
    max_phrase_words: int = 0  # longer clauses are cut into phrases with a comma pause; 0 = never

    def __post_init__(self) -> None:
        if self.rate_wpm <= 0:
            raise ValueError(f"rate_wpm must be positive, got {self.rate_wpm}")
        if not 0 <= self.pitch <= 100:
            raise ValueError(f"pitch must be within 0..100, got {self.pitch}")
        if self.word_gap_ms < 0:
            raise ValueError(f"word_gap_ms must be >= 0, got {self.word_gap_ms}")
        if not 0 <= self.max_phrase_words <= 100:
            raise ValueError(f"max_phrase_words must be within 0..100, got {self.max_phrase_words}")
        for name in PAUSE_FIELDS:
            value = getattr(self, name)
            if not 0 <= value <= MAX_PAUSE_MS:
                raise ValueError(f"{name} must be within 0..{MAX_PAUSE_MS}, got {value}")

    def cache_params(self) -> str:
        """Return a stable string of every parameter that can change the audio (not the name)."""
        return (
            f"engine={self.engine};language={self.language};engine_voice={self.engine_voice};"
            f"rate_wpm={self.rate_wpm};pitch={self.pitch};word_gap_ms={self.word_gap_ms}"
        )


@dataclass(frozen=True)
class Speech:
    """Synthesised audio: a complete RIFF/WAVE file, 16-bit PCM mono."""

    wav: bytes
    sample_rate: int
    engine: str  # the engine that actually spoke (a fallback reports its own name)
    engine_version: str

    def __repr__(self) -> str:
        return (
            f"Speech(wav=<{len(self.wav)} bytes>, sample_rate={self.sample_rate}, "
            f"engine={self.engine!r}, engine_version={self.engine_version!r})"
        )


class CharacterBudget(Protocol):
    """Characters a cloud engine may still send this month (for one station)."""

    def check(self, engine: str, characters: int) -> None:
        """Raise BudgetExhausted when sending ``characters`` more would pass the budget."""
        ...

    def record(self, engine: str, characters: int) -> None:
        """Count ``characters`` sent to ``engine``."""
        ...


@runtime_checkable
class TTSEngine(Protocol):
    """What every speech engine provides."""

    name: str

    def version(self) -> str:
        """Return the engine version recorded alongside generated audio."""
        ...

    def voices(self) -> list[Voice]:
        """Return the voices this engine offers (without needing the engine to be usable)."""
        ...

    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Speak already-normalised ``text`` with ``voice``; raise a ``TTSError`` on failure."""
        ...


def require_text(text: str) -> str:
    """Return ``text`` stripped, raising SynthesisFailed("empty text") when nothing is left."""
    stripped = text.strip()
    if not stripped:
        raise SynthesisFailed("empty text")
    if "\x00" in stripped:
        raise SynthesisFailed("text contains a NUL character")
    return stripped


def require_engine(voice: Voice, engine_name: str) -> None:
    """Raise UnknownVoice when ``voice`` belongs to another engine."""
    if voice.engine != engine_name:
        raise UnknownVoice(
            f"voice {voice.name!r} belongs to engine {voice.engine!r}, not {engine_name!r}"
        )


def fallback_voice(fallback: TTSEngine, language: str) -> Voice:
    """The fallback engine's first voice for ``language``; UnknownVoice when it has none."""
    for candidate in fallback.voices():
        if candidate.language == language:
            return candidate
    raise UnknownVoice(f"fallback engine {fallback.name!r} has no {language!r} voice")
