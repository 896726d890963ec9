"""Speak a whole script: plan chunks, synthesise each through the cache, join with exact pauses.

Each chunk (a clause or sentence of spoken text) is a separate speech-cache entry, so editing
one sentence re-synthesises only that sentence.  The engine's own leading and trailing silence
is trimmed from each chunk and the voice's pause is inserted as exact digital silence.  The
joined WAV is itself cached under ``<root>/joined/``, keyed by the chunk keys and the pauses.
"""

from __future__ import annotations

import hashlib
import json
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

from audio.tts.base import SynthesisFailed, TTSEngine, Voice
from audio.tts.cache import CachedSpeech, SpeechCache, write_atomic
from audio.tts.prosody import Boundary, Chunk, engine_text, limit_phrases, plan_chunks
from audio.tts.wav import native_to_little_endian, pcm_to_wav, wav_samples

JOIN_SCHEME = "loa-joined-v1"
SILENCE_THRESHOLD = 100  # |sample| at or below this counts as silence (about -50 dBFS)
TRIM_MARGIN_MS = 10  # engine audio kept around the voiced part, so decays are not cut


def pause_ms(voice: Voice, boundary: Boundary) -> int:
    """Milliseconds of silence the voice puts after a chunk ending at ``boundary``."""
    return {
        Boundary.NONE: 0,
        Boundary.CLAUSE: voice.comma_pause_ms,
        Boundary.SENTENCE: voice.sentence_pause_ms,
        Boundary.HEADING: voice.heading_pause_ms,
        Boundary.PARAGRAPH: voice.paragraph_pause_ms,
    }[boundary]


def trim_silence(samples: array[int], sample_rate: int) -> array[int]:
    """Drop leading and trailing silence, keeping a short margin of the original audio."""
    start = next((i for i, s in enumerate(samples) if abs(s) > SILENCE_THRESHOLD), None)
    if start is None:
        return array("h")
    end = len(samples) - next(
        i for i, s in enumerate(reversed(samples)) if abs(s) > SILENCE_THRESHOLD
    )
    margin = round(sample_rate * TRIM_MARGIN_MS / 1000)
    return samples[max(0, start - margin) : min(len(samples), end + margin)]


def resample(samples: array[int], source_rate: int, target_rate: int) -> array[int]:
    """Linear-interpolation resampling (used only when a fallback engine's rate differs)."""
    if source_rate == target_rate or not samples:
        return samples
    count = max(1, round(len(samples) * target_rate / source_rate))
    step = source_rate / target_rate
    last = len(samples) - 1
    out = array("h")
    for i in range(count):
        pos = i * step
        j = min(int(pos), last)
        frac = pos - j
        nxt = samples[min(j + 1, last)]
        out.append(round(samples[j] * (1 - frac) + nxt * frac))
    return out


def joined_key(chunk_keys: list[str], pauses: list[int]) -> str:
    """Key of a joined WAV: the scheme, each chunk key and each pause length, in order."""
    parts = [JOIN_SCHEME] + [f"{key}+{ms}" for key, ms in zip(chunk_keys, pauses, strict=True)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def joined_path(cache: SpeechCache, key: str) -> Path:
    """Where the joined WAV of ``key`` lives in the cache."""
    return cache.root / "joined" / key[:2] / f"{key}.wav"


def _load_joined(path: Path, key: str) -> CachedSpeech | None:
    """The cached joined WAV described by its sidecar, or None when missing or unreadable."""
    try:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with wave.open(str(path), "rb"):
            pass
        return CachedSpeech(
            path=path,
            key=key,
            hit=True,
            engine=str(meta["engine"]),
            engine_version=str(meta["engine_version"]),
            sample_rate=int(meta["sample_rate"]),
        )
    except (OSError, ValueError, KeyError, TypeError, EOFError, wave.Error):
        return None


def _join(parts: list[CachedSpeech], pauses: list[int], sample_rate: int) -> bytes:
    """One WAV: each part trimmed and resampled to ``sample_rate``, then its pause as zeros."""
    out = array("h")
    for part, ms in zip(parts, pauses, strict=True):
        samples = trim_silence(wav_samples(part.path.read_bytes()), part.sample_rate)
        out += resample(samples, part.sample_rate, sample_rate)
        out += array("h", bytes(2 * round(sample_rate * ms / 1000)))
    if not out:
        raise SynthesisFailed("the engine produced only silence")
    return pcm_to_wav(native_to_little_endian(out.tobytes()), sample_rate)


def _store_joined(
    cache: SpeechCache, key: str, voice: Voice, parts: list[CachedSpeech], pauses: list[int]
) -> CachedSpeech:
    """Join the parts and write the WAV and its sidecar; fallback audio is never a hit later."""
    fallback = next((p.engine for p in parts if p.engine != voice.engine), None)
    engine = fallback or voice.engine
    version = "+".join(dict.fromkeys(p.engine_version for p in parts))
    sample_rate = parts[0].sample_rate
    path = joined_path(cache, key)
    if fallback is not None:
        path = path.with_name(f"{key}.fallback-{fallback}.wav")
    path.parent.mkdir(parents=True, exist_ok=True)
    wav = _join(parts, pauses, sample_rate)
    meta = {"engine": engine, "engine_version": version, "sample_rate": sample_rate}
    write_atomic(path.with_suffix(".json"), json.dumps(meta, sort_keys=True).encode())
    write_atomic(path, wav)
    synthesized = any(not p.hit for p in parts)
    return CachedSpeech(path, key, not synthesized, engine, version, sample_rate)


def speak_chunks(
    chunks: list[Chunk], voice: Voice, cache: SpeechCache, engine: TTSEngine | None = None
) -> CachedSpeech:
    """Synthesise planned chunks through the cache and join them; ``hit`` means no synthesis."""
    if not chunks:
        raise SynthesisFailed("empty text")
    chunks = limit_phrases(chunks, voice.max_phrase_words)
    texts = [engine_text(chunk) for chunk in chunks]
    pauses = [pause_ms(voice, chunk.boundary) for chunk in chunks]
    key = joined_key([cache.key_for(text, voice) for text in texts], pauses)
    existing = _load_joined(joined_path(cache, key), key)
    if existing is not None:
        return existing
    parts = [cache.synthesize(text, voice, engine) for text in texts]
    return _store_joined(cache, key, voice, parts, pauses)


def speak_script(
    script: str,
    voice: Voice,
    cache: SpeechCache,
    engine: TTSEngine | None = None,
    normalize: Callable[[str], str] = str,
) -> CachedSpeech:
    """Speak a written script (or spoken text, with the default identity ``normalize``)."""
    return speak_chunks(plan_chunks(script, normalize), voice, cache, engine)
