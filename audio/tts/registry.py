"""Registry of speech engines by name, with one shared instance per engine."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from audio.tts.azure_speech import AzureSpeechEngine
from audio.tts.base import TTSEngine, TTSError, UnknownVoice, Voice
from audio.tts.cloud_engine import CloudEngine
from audio.tts.espeak import EspeakEngine
from audio.tts.fake import FakeEngine
from audio.tts.fpt_ai import FptAiEngine
from audio.tts.google_cloud import GoogleCloudEngine
from audio.tts.gtts_engine import GTTSEngine
from audio.tts.piper_engine import PiperEngine
from audio.tts.viettel_ai import ViettelAiEngine

# Cloud voices: the shared instances below have no key (their voices are listed, not usable);
# callers build a configured instance with CloudConfig, a budget and a fallback.
CLOUD_ENGINES: dict[str, type[CloudEngine]] = {
    "google": GoogleCloudEngine,
    "azure": AzureSpeechEngine,
    "fpt": FptAiEngine,
    "viettel": ViettelAiEngine,
}
ENGINES: dict[str, Callable[[], TTSEngine]] = {
    "espeak": EspeakEngine,
    "gtts": GTTSEngine,  # no fallback: callers wanting one build GTTSEngine(fallback=...)
    "fake": FakeEngine,
    "piper": PiperEngine,  # voices from LOA_PIPER_VOICES_DIR; none when it is unset
    **CLOUD_ENGINES,
}

FALLBACK_VOICE = "vi"
log = logging.getLogger(__name__)

_instances: dict[str, TTSEngine] = {}
_instances_lock = threading.Lock()


def get_engine(name: str) -> TTSEngine:
    """Return the shared engine instance registered as ``name``; TTSError if unknown."""
    with _instances_lock:
        engine = _instances.get(name)
        if engine is None:
            factory = ENGINES.get(name)
            if factory is None:
                known = ", ".join(sorted(ENGINES))
                raise TTSError(f"unknown engine {name!r} (known: {known})")
            engine = _instances[name] = factory()
        return engine


def list_voices() -> list[Voice]:
    """Return every voice of every registered engine (gTTS voices even when offline)."""
    return [voice for name in ENGINES for voice in get_engine(name).voices()]


def get_voice(name: str) -> Voice:
    """Return the voice called ``name``; UnknownVoice naming it if there is none."""
    voices = list_voices()
    for voice in voices:
        if voice.name == name:
            return voice
    available = ", ".join(voice.name for voice in voices)
    raise UnknownVoice(f"unknown voice {name!r} (available: {available})")


def default_voice(engine: str, preferred: str) -> Voice:
    """The preferred voice when `engine` offers it, else that engine's first voice."""
    if engine not in ENGINES:
        raise TTSError(f"unknown engine {engine!r} (known: {', '.join(sorted(ENGINES))})")
    voices = get_engine(engine).voices()
    if not voices:  # e.g. Piper without a voices directory: keep the offline espeak voice
        log.warning("engine %s offers no voice; using espeak %s", engine, FALLBACK_VOICE)
        return get_voice(FALLBACK_VOICE)
    return next((v for v in voices if v.name == preferred), voices[0])


def reset_engines() -> None:
    """Forget the cached engine instances (for tests that patch ENGINES)."""
    with _instances_lock:
        _instances.clear()
