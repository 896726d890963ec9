"""Content-addressed on-disk cache of synthesised speech.

Layout: ``<root>/<key[:2]>/<key>.wav`` plus a ``<key>.json`` sidecar recording the engine,
its version and the sample rate.  Files are written to a temporary name and moved into place
with ``os.replace``, so a reader never sees a partial file; the WAV is moved last, so its
presence means the entry is complete.

The key covers the NFC-normalised text, the engine name and ``Voice.cache_params()``; it does
not cover the engine version, which is recorded in the sidecar instead.  When an engine answers
with a fallback (``Speech.engine`` differs from ``voice.engine``), the audio is written to
``<key>.fallback-<engine>.wav`` and never served as a hit, so the preferred engine is retried.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import unicodedata
import wave
from dataclasses import dataclass
from pathlib import Path

from audio.tts.base import Speech, TTSEngine, TTSError, Voice
from audio.tts.wav import wav_info

KEY_SCHEME = "loa-tts-cache-v1"


@dataclass(frozen=True)
class CachedSpeech:
    """A synthesised WAV file on disk and where it came from."""

    path: Path
    key: str
    hit: bool
    engine: str
    engine_version: str
    sample_rate: int


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


class SpeechCache:
    """Synthesise through an engine only when the same text and voice were not cached yet."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0
        self._counter_lock = threading.Lock()

    def key_for(self, text: str, voice: Voice) -> str:
        """Return the sha256 hex key of NFC ``text`` + engine + voice parameters."""
        normalised = unicodedata.normalize("NFC", text)
        material = "\n".join([KEY_SCHEME, voice.engine, voice.cache_params(), normalised])
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def path_for(self, key: str) -> Path:
        """Return the WAV path of ``key`` (whether or not it exists)."""
        return self.root / key[:2] / f"{key}.wav"

    def synthesize(self, text: str, voice: Voice, engine: TTSEngine | None = None) -> CachedSpeech:
        """Return the cached WAV for ``text`` and ``voice``, synthesising it on a miss."""
        key = self.key_for(text, voice)
        path = self.path_for(key)
        if path.is_file():
            try:
                entry = self._load_entry(path, key, voice)
            except (OSError, EOFError, wave.Error):
                pass  # vanished or unreadable entry: synthesise again and overwrite it
            else:
                self._count(hit=True)
                return entry
        if engine is None:
            from audio.tts.registry import get_engine

            engine = get_engine(voice.engine)
        elif engine.name != voice.engine:
            raise TTSError(f"engine {engine.name!r} cannot speak {voice.engine!r} voice")
        speech = engine.synthesize(unicodedata.normalize("NFC", text), voice)
        self._count(hit=False)
        return self._store(path, key, speech, voice)

    def _count(self, *, hit: bool) -> None:
        with self._counter_lock:
            if hit:
                self.hits += 1
            else:
                self.misses += 1

    def _store(self, path: Path, key: str, speech: Speech, voice: Voice) -> CachedSpeech:
        """Write the WAV and its sidecar; fallback audio goes to a never-hit name."""
        if speech.engine != voice.engine:
            path = path.with_name(f"{key}.fallback-{speech.engine}.wav")
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "engine": speech.engine,
            "engine_version": speech.engine_version,
            "sample_rate": speech.sample_rate,
            "voice": voice.name,
            "params": voice.cache_params(),
        }
        write_atomic(path.with_suffix(".json"), json.dumps(meta, sort_keys=True).encode())
        write_atomic(path, speech.wav)
        return CachedSpeech(
            path=path,
            key=key,
            hit=False,
            engine=speech.engine,
            engine_version=speech.engine_version,
            sample_rate=speech.sample_rate,
        )

    def _load_entry(self, path: Path, key: str, voice: Voice) -> CachedSpeech:
        """Describe an existing entry from its sidecar, or its WAV header if that is missing."""
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            engine = str(meta["engine"])
            version = str(meta["engine_version"])
            sample_rate = int(meta["sample_rate"])
        except (OSError, ValueError, KeyError, TypeError):
            engine, version = voice.engine, "unknown"
            sample_rate = wav_info(path.read_bytes()[:4096]).sample_rate
        return CachedSpeech(
            path=path,
            key=key,
            hit=True,
            engine=engine,
            engine_version=version,
            sample_rate=sample_rate,
        )
