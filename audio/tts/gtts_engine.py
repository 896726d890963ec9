"""Online Vietnamese speech through gTTS (Google Translate's voice), converted to WAV by ffmpeg.

gTTS needs the internet.  Every request carries a timeout, the temporary MP3 is always removed
(gTTS leaves a 0-byte file behind when it fails), and failures become ``EngineUnavailable``.
With a ``fallback`` engine configured, a failure is answered by the fallback's first voice of
the same language, and the returned ``Speech.engine`` names the engine that actually spoke.
The voice's rate, pitch and word gap are ignored: gTTS offers no such controls.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import os
import tempfile
from pathlib import Path

from audio._ffmpeg import run_ffmpeg
from audio.errors import AudioError
from audio.tts.base import (
    EngineUnavailable,
    Speech,
    SynthesisFailed,
    TTSEngine,
    Voice,
    fallback_voice,
    require_engine,
    require_text,
)
from audio.tts.wav import pcm_to_wav

ENGINE_NAME = "gtts"
DEFAULT_TIMEOUT_S = 8.0
MAX_TIMEOUT_S = 10.0
DEFAULT_SAMPLE_RATE = 24000  # gTTS serves 24 kHz mono MP3; keep it, no resampling
FFMPEG_TIMEOUT_S = 120.0

VOICES: tuple[Voice, ...] = (
    Voice(name="gtts-vi", engine=ENGINE_NAME, language="vi", engine_voice="vi"),
)

log = logging.getLogger(__name__)


def _download_mp3(text: str, lang: str, timeout: float, tmp_dir: Path | None) -> bytes:
    """Fetch MP3 bytes from gTTS via a temporary file that is always removed."""
    try:
        import gtts
        import requests
    except ImportError as exc:
        raise EngineUnavailable(f"gTTS is not installed: {exc}") from exc
    fd, tmp_name = tempfile.mkstemp(prefix="loa-gtts-", suffix=".mp3", dir=tmp_dir)
    os.close(fd)
    try:
        gtts.gTTS(text, lang=lang, timeout=timeout).save(tmp_name)
        return Path(tmp_name).read_bytes()
    except (gtts.tts.gTTSError, requests.RequestException, OSError) as exc:
        raise EngineUnavailable(f"gTTS request failed (network needed): {exc}") from exc
    except (AssertionError, ValueError, RuntimeError) as exc:
        raise SynthesisFailed(f"gTTS rejected the request: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)


def mp3_to_wav(mp3: bytes, sample_rate: int) -> bytes:
    """Decode MP3 bytes to a 16-bit mono WAV at ``sample_rate`` with ffmpeg."""
    args = ["-loglevel", "error", "-f", "mp3", "-i", "pipe:0", "-ac", "1"]
    args += ["-ar", str(sample_rate), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"]
    try:
        done = run_ffmpeg(args, input=mp3, timeout=FFMPEG_TIMEOUT_S)
    except AudioError as exc:
        raise SynthesisFailed(f"ffmpeg failed to decode the gTTS MP3: {exc}") from exc
    if not done.stdout:
        raise SynthesisFailed("ffmpeg decoded no samples from the gTTS MP3")
    return pcm_to_wav(done.stdout, sample_rate)


class GTTSEngine:
    """TTSEngine backed by gTTS, optionally falling back to another engine when offline."""

    name = ENGINE_NAME

    def __init__(
        self,
        fallback: TTSEngine | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        sample_rate: int = DEFAULT_SAMPLE_RATE,
        tmp_dir: Path | None = None,
    ) -> None:
        if not 0 < timeout <= MAX_TIMEOUT_S:
            raise ValueError(f"timeout must be within (0, {MAX_TIMEOUT_S}] s, got {timeout}")
        self.fallback = fallback
        self.timeout = timeout
        self.sample_rate = sample_rate
        self.tmp_dir = tmp_dir

    def version(self) -> str:
        """Return the installed gTTS package version (Google's voice itself is unversioned)."""
        try:
            return importlib.metadata.version("gTTS")
        except importlib.metadata.PackageNotFoundError:
            return "unavailable"

    def voices(self) -> list[Voice]:
        """Return the gTTS voices (listed even when offline)."""
        return list(VOICES)

    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Speak ``text`` with gTTS, or with the fallback engine if gTTS fails."""
        require_engine(voice, self.name)
        spoken = require_text(text)
        try:
            return self._synthesize_online(spoken, voice)
        except (EngineUnavailable, SynthesisFailed) as exc:
            if self.fallback is None:
                raise
            log.warning("gTTS failed (%s); speaking with fallback %s", exc, self.fallback.name)
            return self.fallback.synthesize(spoken, fallback_voice(self.fallback, voice.language))

    def _synthesize_online(self, text: str, voice: Voice) -> Speech:
        """Download from gTTS and convert to WAV."""
        mp3 = _download_mp3(text, voice.engine_voice, self.timeout, self.tmp_dir)
        if not mp3:
            raise SynthesisFailed("gTTS returned an empty MP3")
        wav = mp3_to_wav(mp3, self.sample_rate)
        return Speech(
            wav=wav, sample_rate=self.sample_rate, engine=self.name, engine_version=self.version()
        )
