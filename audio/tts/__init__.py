"""Text-to-speech engines (espeak-ng offline, gTTS online, a fake for tests) and a WAV cache."""

from audio.tts.base import (
    EngineUnavailable,
    Speech,
    SynthesisFailed,
    TTSEngine,
    TTSError,
    UnknownVoice,
    Voice,
)
from audio.tts.cache import CachedSpeech, SpeechCache
from audio.tts.espeak import EspeakEngine
from audio.tts.fake import FakeEngine
from audio.tts.gtts_engine import GTTSEngine
from audio.tts.registry import ENGINES, default_voice, get_engine, get_voice, list_voices

__all__ = [
    "default_voice",
    "ENGINES",
    "CachedSpeech",
    "EngineUnavailable",
    "EspeakEngine",
    "FakeEngine",
    "GTTSEngine",
    "Speech",
    "SpeechCache",
    "SynthesisFailed",
    "TTSEngine",
    "TTSError",
    "UnknownVoice",
    "Voice",
    "get_engine",
    "get_voice",
    "list_voices",
]
