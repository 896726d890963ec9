"""Text-to-speech engines (espeak-ng and Piper offline, gTTS and cloud voices online, a fake for
tests), a WAV cache, and prosody: scripts spoken sentence by sentence with exact pauses."""

from audio.tts.base import (
    AuthRejected,
    BudgetExhausted,
    CharacterBudget,
    EngineNotConfigured,
    EngineUnavailable,
    QuotaExhausted,
    ServiceTimeout,
    Speech,
    SynthesisFailed,
    TTSEngine,
    TTSError,
    UnknownVoice,
    Voice,
)
from audio.tts.cache import CachedSpeech, SpeechCache
from audio.tts.cloud_engine import CloudConfig, CloudEngine
from audio.tts.cloud_http import HttpPolicy
from audio.tts.espeak import EspeakEngine
from audio.tts.fake import FakeEngine
from audio.tts.gtts_engine import GTTSEngine
from audio.tts.piper_engine import PiperEngine
from audio.tts.registry import (
    CLOUD_ENGINES,
    ENGINES,
    default_voice,
    get_engine,
    get_voice,
    list_voices,
    reset_engines,
)
from audio.tts.speak import speak_script

__all__ = [
    "AuthRejected",
    "BudgetExhausted",
    "CharacterBudget",
    "CLOUD_ENGINES",
    "CloudConfig",
    "CloudEngine",
    "EngineNotConfigured",
    "HttpPolicy",
    "QuotaExhausted",
    "ServiceTimeout",
    "default_voice",
    "ENGINES",
    "CachedSpeech",
    "EngineUnavailable",
    "EspeakEngine",
    "FakeEngine",
    "GTTSEngine",
    "PiperEngine",
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
    "reset_engines",
    "speak_script",
]
