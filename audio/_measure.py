"""Measure an item's chain output once and store it: loudness, true peak, trim bounds.

The chain (downmix, the preset's speech filters at the source's rate, conform to the output
rate) is deterministic, so what one run measures here is exactly what a later encoding run
feeds to its gain and limiter. Measurements are kept as small JSON files keyed by the source's
content hash, the chain, the output rate and channels and MEASURE_VERSION; an import measures
once and every later render of that audio reads the result instead of decoding it again.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio._trim import silencedetect_filter, trim_bounds, trim_filter
from audio.loudness import GATING_BLOCK_S, is_silent

MEASURE_VERSION: Final = 1  # bump when the chain or the meter changes


@dataclass(frozen=True)
class ChainMeasurement:
    """What the chain output of one source measures (after the silence trim, if any)."""

    integrated_lufs: float  # -inf for silence; short clips are measured padded to 400 ms
    true_peak_dbtp: float  # 4x oversampled (ebur128 prints one decimal: exact to +-0.05)
    loudness_range_lu: float
    duration_s: float  # of the kept part
    fixed: bool  # silence or a clip shorter than one gating block: its gain is not corrected
    trim_start_s: float = 0.0
    trim_end_s: float | None = None  # None: nothing trimmed
    # False: ``true_peak_dbtp`` holds the sample peak, a lower bound of the true peak (a third
    # cheaper to meter), taken when the item is sure to need the limiter (see audio.chain)
    peak_is_true: bool = True

    def trim_filters(self) -> list[str]:
        """atrim filters cutting the silence found at both ends (none when nothing is cut)."""
        if self.trim_end_s is None:
            return []
        return trim_filter(self.trim_start_s, self.trim_end_s, math.inf)


def chain_filters(channels: int, conform: str, pre: Sequence[str]) -> list[str]:
    """Downmix, the speech filters at the source's own rate, then conform (output rate)."""
    # sources are mostly TTS and phone audio at 8-24 kHz: filtering before resampling is up to
    # 5x fewer samples to filter
    return [_ffmpeg.downmix_filter(channels), *pre, conform] if pre else [conform]


def measure_chain(
    src: Path,
    *,
    sample_rate: int,
    channels: int,
    pre_filters: Sequence[str] = (),
    trim_threshold_db: float | None = None,
    true_peak: bool = True,
) -> ChainMeasurement:
    """Decode ``src`` through the chain and measure it (one run; more only to trim or pad)."""
    conform = _ffmpeg.conform_filter(sample_rate, channels)
    chain = chain_filters(channels, conform, pre_filters)
    detect = [] if trim_threshold_db is None else [silencedetect_filter(trim_threshold_db)]
    report = _ffmpeg.decode(src, filters=[*chain, *detect], measure=True, true_peak=true_peak)
    assert report.loudness is not None
    loud, duration = report.loudness, report.info.duration_s
    start, end, cut = 0.0, None, []
    if detect:
        found = trim_bounds(report.log, duration)
        cut = trim_filter(*found, duration)
        if cut:
            (start, end), duration = found, found[1] - found[0]
            loud = _loudness(src, [*chain, *cut], true_peak)
    if duration >= GATING_BLOCK_S:
        fixed = is_silent(loud.integrated_lufs)
    else:
        loud = _loudness(src, [*chain, *cut, f"apad=whole_dur={GATING_BLOCK_S}"], true_peak)
        fixed = True
    return ChainMeasurement(
        loud.integrated_lufs,
        loud.true_peak_dbtp,
        loud.loudness_range_lu,
        duration,
        fixed,
        start,
        end,
        true_peak,
    )


def _loudness(src: Path, filters: Sequence[str], true_peak: bool) -> _ffmpeg.LoudnessSummary:
    report = _ffmpeg.decode(src, filters=filters, measure=True, true_peak=true_peak)
    assert report.loudness is not None
    return report.loudness


def measurement_key(source_sha: str, chain: Sequence[str], trim_threshold_db: float | None) -> str:
    """Store key of one source measured through one chain (filters include the output rate)."""
    trim = "-" if trim_threshold_db is None else f"{trim_threshold_db:g}"
    spec = f"m{MEASURE_VERSION}|{source_sha}|{'|'.join(chain)}|{trim}"
    return hashlib.sha256(spec.encode()).hexdigest()[:40]


def load_measurement(folder: Path, key: str) -> ChainMeasurement | None:
    """The stored measurement, or None when missing or unreadable."""
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return ChainMeasurement(**data)
    except (OSError, ValueError, TypeError):
        return None


def save_measurement(folder: Path, key: str, measured: ChainMeasurement) -> None:
    """Store a measurement (temp name + os.replace; json keeps -inf as -Infinity)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = asdict(measured)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".part")
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(name, folder / f"{key}.json")
