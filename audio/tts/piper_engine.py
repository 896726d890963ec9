"""Offline neural speech with Piper (``piper-tts``) from local voice files.

A Piper voice is a model ``<name>.onnx`` with its config ``<name>.onnx.json``.  Every such pair
in the voices directory (``LOA_PIPER_VOICES_DIR``, or the ``voices_dir`` given) becomes a voice
named ``piper-<name>``; its language comes from the config.  Piper is imported lazily, so the
service starts without it; a missing package or a broken model gives ``EngineUnavailable``.
The voice's ``rate_wpm`` scales Piper's phoneme length (130 wpm = the model's own pace);
pitch and word gap have no Piper equivalent and are ignored.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import threading
import wave
from pathlib import Path
from typing import Any

from audio.tts.base import (
    EngineUnavailable,
    Speech,
    SynthesisFailed,
    UnknownVoice,
    Voice,
    require_engine,
    require_text,
)
from audio.tts.wav import wav_info

ENGINE_NAME = "piper"
VOICES_DIR_ENV = "LOA_PIPER_VOICES_DIR"
REFERENCE_WPM = 130  # rate_wpm at which Piper speaks at the model's own pace


def config_path_for(model: Path) -> Path:
    """The config file Piper expects beside a model: ``<model>.json``."""
    return model.with_name(model.name + ".json")


def voice_from_model(model: Path) -> Voice:
    """A Voice for a local Piper model; language from its config (e.g. "vi_VN" -> "vi")."""
    config = json.loads(config_path_for(model).read_text(encoding="utf-8"))
    code = str(config.get("language", {}).get("code") or config.get("espeak", {}).get("voice"))
    language = code.replace("-", "_").split("_")[0].lower() or "und"
    name = model.name.removesuffix(".onnx")
    return Voice(
        name=f"piper-{name}", engine=ENGINE_NAME, language=language, engine_voice=str(model)
    )


def discover_voices(directory: Path) -> list[Voice]:
    """Every readable ``*.onnx`` + ``*.onnx.json`` pair in ``directory``, sorted by name."""
    voices = []
    for model in sorted(directory.glob("*.onnx")):
        if not config_path_for(model).is_file():
            continue
        try:
            voices.append(voice_from_model(model))
        except (OSError, ValueError, AttributeError):
            continue  # an unreadable config is not a voice
    return voices


class PiperEngine:
    """TTSEngine backed by Piper voice files; models load once and are reused."""

    name = ENGINE_NAME

    def __init__(self, voices_dir: Path | None = None) -> None:
        env_dir = os.environ.get(VOICES_DIR_ENV)
        self.voices_dir = voices_dir or (Path(env_dir) if env_dir else None)
        self._loaded: dict[str, Any] = {}
        self._lock = threading.Lock()

    def version(self) -> str:
        """Return the installed piper-tts version, e.g. "1.3.0"."""
        try:
            return importlib.metadata.version("piper-tts")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def voices(self) -> list[Voice]:
        """Voices found in the configured directory (none when it is unset or missing)."""
        if self.voices_dir is None or not self.voices_dir.is_dir():
            return []
        return discover_voices(self.voices_dir)

    def _model(self, voice: Voice) -> Any:
        """The loaded PiperVoice of ``voice``; call with the lock held."""
        model = Path(voice.engine_voice)
        loaded = self._loaded.get(str(model))
        if loaded is not None:
            return loaded
        if not model.is_file() or not config_path_for(model).is_file():
            raise UnknownVoice(f"Piper voice file {model} (voice {voice.name!r}) not found")
        try:
            from piper import PiperVoice
        except ImportError as exc:
            raise EngineUnavailable(f"piper-tts is not installed: {exc}") from exc
        try:
            loaded = PiperVoice.load(model, config_path=config_path_for(model))
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EngineUnavailable(f"cannot load Piper voice {model}: {exc}") from exc
        self._loaded[str(model)] = loaded
        return loaded

    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Speak ``text`` with a Piper voice file and return a 16-bit mono WAV."""
        require_engine(voice, self.name)
        spoken = require_text(text)
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=REFERENCE_WPM / voice.rate_wpm)
        buffer = io.BytesIO()
        with self._lock:
            model = self._model(voice)
            try:
                with wave.open(buffer, "wb") as out:
                    model.synthesize_wav(spoken, out, syn_config=config)
            except Exception as exc:
                raise SynthesisFailed(f"Piper failed on voice {voice.name!r}: {exc}") from exc
        wav = buffer.getvalue()
        info = wav_info(wav)
        if info.frames == 0:
            raise SynthesisFailed(f"Piper produced no audio for voice {voice.name!r}")
        return Speech(wav, info.sample_rate, self.name, self.version())
