"""Small helpers to build and inspect 16-bit PCM mono WAV files (stdlib only)."""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from dataclasses import dataclass

SAMPLE_WIDTH = 2  # bytes: 16-bit PCM


@dataclass(frozen=True)
class WavInfo:
    """Format and length of a WAV file."""

    sample_rate: int
    channels: int
    sample_width: int
    frames: int

    @property
    def duration(self) -> float:
        """Duration in seconds."""
        return self.frames / self.sample_rate if self.sample_rate else 0.0


def pcm_to_wav(pcm: bytes, sample_rate: int) -> bytes:
    """Wrap little-endian 16-bit mono PCM samples in a RIFF/WAVE container."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def native_to_little_endian(pcm: bytes) -> bytes:
    """Convert native-endian 16-bit samples to little-endian (a no-op on x86/ARM)."""
    if sys.byteorder == "little":
        return pcm
    samples = array("h", pcm)
    samples.byteswap()
    return samples.tobytes()


def wav_info(wav: bytes) -> WavInfo:
    """Read the header of a WAV file held in memory (raises wave.Error if invalid)."""
    with wave.open(io.BytesIO(wav), "rb") as reader:
        return WavInfo(
            sample_rate=reader.getframerate(),
            channels=reader.getnchannels(),
            sample_width=reader.getsampwidth(),
            frames=reader.getnframes(),
        )


def wav_samples(wav: bytes) -> array[int]:
    """Return the samples of a 16-bit mono WAV file as an array of ints."""
    with wave.open(io.BytesIO(wav), "rb") as reader:
        if reader.getsampwidth() != SAMPLE_WIDTH or reader.getnchannels() != 1:
            raise ValueError("expected 16-bit mono PCM")
        samples = array("h", reader.readframes(reader.getnframes()))
    if sys.byteorder != "little":
        samples.byteswap()
    return samples


def rms(samples: array[int]) -> float:
    """Root mean square of 16-bit samples (0 for silence, 32767 for full-scale square)."""
    if not samples:
        return 0.0
    return math.sqrt(math.fsum(s * s for s in samples) / len(samples))
