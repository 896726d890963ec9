"""Generated test and bench signals (tones, noise) written through ffmpeg's lavfi sources."""

from __future__ import annotations

import math
from pathlib import Path

from audio._ffmpeg import file_arg, run_ffmpeg


def _amplitude(volume_db: float) -> float:
    return 0.0 if volume_db == -math.inf else 10.0 ** (volume_db / 20.0)


def _write_generated(path: Path, graph: str) -> None:
    """Render a source-only filter graph (output label ``out``) to ``path``; format by suffix."""
    codec = ["-c:a", "pcm_s16le"] if path.suffix.lower() == ".wav" else []
    args = ["-y", "-filter_complex", graph, "-map", "[out]", *codec]
    run_ffmpeg([*args, "-fflags", "+bitexact", "-map_metadata", "-1", file_arg(path)])


def generate_tone(
    path: Path,
    *,
    seconds: float,
    freq: float = 440.0,
    sample_rate: int = 44100,
    channels: int = 1,
    volume_db: float = -20.0,
) -> None:
    """Write a sine of peak ``volume_db`` dBFS (same in every channel); format from the suffix."""
    expr = f"{_amplitude(volume_db):.9f}*sin(2*PI*{freq}*t)"
    exprs = "|".join([expr] * channels)
    run_graph = f"aevalsrc='{exprs}':s={sample_rate}:d={seconds}[out]"
    _write_generated(path, run_graph)


def generate_noise(
    path: Path,
    *,
    seconds: float,
    sample_rate: int = 44100,
    channels: int = 1,
    volume_db: float = -25.0,
    color: str = "white",
    seed: int = 1,
) -> None:
    """Write noise of peak ``volume_db`` dBFS, independent per channel; format from the suffix."""
    amp = _amplitude(volume_db)
    parts = [
        f"anoisesrc=a={amp:.9f}:c={color}:r={sample_rate}:d={seconds}:seed={seed + i}[c{i}]"
        for i in range(channels)
    ]
    if channels == 1:
        graph = parts[0].replace("[c0]", "[out]")
    else:
        inputs = "".join(f"[c{i}]" for i in range(channels))
        graph = ";".join(parts) + f";{inputs}amerge=inputs={channels}[out]"
    _write_generated(path, graph)
