"""What every cloud voice shares: its key and URL, the character budget, decoding, fallback.

A subclass only says how to ask its provider for audio (``fetch``).  ``synthesize`` refuses
without a key (EngineNotConfigured) or past the station's budget (BudgetExhausted), counts the
characters of every successful request, decodes the answer (MP3 or WAV) to 16-bit mono WAV
with ffmpeg, and on any EngineUnavailable or SynthesisFailed speaks with the fallback engine
(espeak-ng) when one is given, logging a warning.  The key is scrubbed from every message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from audio._ffmpeg import run_ffmpeg
from audio.errors import AudioError
from audio.tts.base import (
    CharacterBudget,
    EngineNotConfigured,
    EngineUnavailable,
    Speech,
    SynthesisFailed,
    TTSEngine,
    TTSError,
    Voice,
    fallback_voice,
    require_engine,
    require_text,
)
from audio.tts.cloud_http import HttpPolicy
from audio.tts.wav import pcm_to_wav

SAMPLE_RATE = 24000
FFMPEG_TIMEOUT_S = 120.0
REDACTED = "***"

log = logging.getLogger(__name__)


def cloud_voice(engine: str, name: str, engine_voice: str) -> Voice:
    """A Vietnamese voice of a cloud engine: our name, the provider's voice name."""
    return Voice(name=name, engine=engine, language="vi", engine_voice=engine_voice)


@dataclass(frozen=True)
class CloudConfig:
    """Where and how to reach one provider; ``key`` None means not configured."""

    key: str | None = field(default=None, repr=False)
    base_url: str | None = None  # None: the provider's public endpoint
    policy: HttpPolicy = HttpPolicy()


def decode_to_wav(audio: bytes, audio_format: str, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Decode MP3 or WAV bytes to a 16-bit mono WAV at ``sample_rate`` with ffmpeg."""
    if not audio:
        raise SynthesisFailed("the provider returned no audio")
    args = ["-loglevel", "error", "-f", audio_format, "-i", "pipe:0", "-ac", "1"]
    args += ["-ar", str(sample_rate), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"]
    try:
        done = run_ffmpeg(args, input=audio, timeout=FFMPEG_TIMEOUT_S)
    except AudioError as exc:
        raise SynthesisFailed(f"ffmpeg could not decode the provider's {audio_format}") from exc
    if not done.stdout:
        raise SynthesisFailed(f"ffmpeg decoded no samples from the provider's {audio_format}")
    return pcm_to_wav(done.stdout, sample_rate)


def _scrubbed(exc: TTSError, key: str | None) -> TTSError:
    """The same error with the key replaced by ***, should a provider ever echo it."""
    if not key or key not in exc.message:
        return exc
    clean = type(exc)(exc.message.replace(key, REDACTED))
    clean.__cause__ = None
    return clean


class CloudEngine:
    """Base of the cloud engines; subclasses set the class attributes and ``fetch``."""

    name = "cloud"
    api_version = "v1"
    default_url = ""
    audio_format = "wav"  # what ``fetch`` returns: "wav" or "mp3"
    VOICES: tuple[Voice, ...] = ()

    def __init__(
        self,
        config: CloudConfig | None = None,
        *,
        budget: CharacterBudget | None = None,
        fallback: TTSEngine | None = None,
    ) -> None:
        self.config = config or CloudConfig()
        self.budget = budget
        self.fallback = fallback

    @property
    def base_url(self) -> str:
        """The provider's URL without a trailing slash."""
        return (self.config.base_url or self.default_url).rstrip("/")

    def configured(self) -> bool:
        """True when a key is set."""
        return bool(self.config.key)

    def version(self) -> str:
        """The provider's API version (the voices themselves are unversioned)."""
        return f"{self.name}-{self.api_version}"

    def voices(self) -> list[Voice]:
        """The provider's Vietnamese voices (listed whether or not a key is set)."""
        return list(self.VOICES)

    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Speak ``text`` with the provider, or with the fallback engine if that fails."""
        require_engine(voice, self.name)
        spoken = require_text(text)
        try:
            try:
                return self._synthesize_online(spoken, voice)
            except (EngineUnavailable, SynthesisFailed) as exc:
                raise _scrubbed(exc, self.config.key) from None
        except (EngineUnavailable, SynthesisFailed) as exc:
            if self.fallback is None:
                raise
            log.warning(
                "%s failed (%s: %s); speaking with fallback %s",
                self.name,
                exc.code,
                exc.message,
                self.fallback.name,
            )
            return self.fallback.synthesize(spoken, fallback_voice(self.fallback, voice.language))

    def _synthesize_online(self, text: str, voice: Voice) -> Speech:
        key = self.config.key
        if not key:
            raise EngineNotConfigured(f"{self.name}: no key configured")
        if self.budget is not None:
            self.budget.check(self.name, len(text))
        audio = self.fetch(text, voice, key)
        if self.budget is not None:
            self.budget.record(self.name, len(text))
        wav = decode_to_wav(audio, self.audio_format)
        return Speech(
            wav=wav, sample_rate=SAMPLE_RATE, engine=self.name, engine_version=self.version()
        )

    def fetch(self, text: str, voice: Voice, key: str) -> bytes:
        """Ask the provider for the audio of ``text`` (in ``audio_format``)."""
        raise NotImplementedError
