"""Loudness (ITU-R BS.1770 / EBU R128) measured with ffmpeg's ebur128 filter.

Convention for silence: a file whose every 400 ms block falls under the absolute gate (ebur128
prints -70.0 LUFS) has ``integrated_lufs == float("-inf")``; digital silence also has
``true_peak_dbtp == float("-inf")``. Use :func:`is_silent` rather than comparing numbers.
ebur128 prints one decimal, so values are exact to ±0.05 at best.

Processing to a target (gain, 4x-oversampled true-peak limiter, measured on the encoded
file) lives in ``audio.chain``; this module holds the target, the measurements and the meter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg

GATING_BLOCK_S: Final = 0.4  # BS.1770 block: shorter clips have no integrated loudness
MAX_GAIN_DB: Final = 30.0
LOUDNESS_TOLERANCE_LU: Final = 0.5
MAX_PASSES: Final = 3
OVERSAMPLING: Final = 4


@dataclass(frozen=True)
class LoudnessTarget:
    """Session loudness to reach and the true-peak ceiling not to exceed."""

    integrated_lufs: float = -16.0
    true_peak_dbtp: float = -1.5

    def __post_init__(self) -> None:
        if not -40.0 <= self.integrated_lufs <= -5.0:
            raise ValueError(f"integrated_lufs out of range: {self.integrated_lufs}")
        if not -12.0 <= self.true_peak_dbtp <= 0.0:
            raise ValueError(f"true_peak_dbtp out of range: {self.true_peak_dbtp}")


@dataclass(frozen=True)
class Loudness:
    """Measured integrated loudness, true peak and loudness range of one file."""

    integrated_lufs: float
    true_peak_dbtp: float
    loudness_range_lu: float


def from_summary(summary: _ffmpeg.LoudnessSummary) -> Loudness:
    """Convert an ebur128 summary parsed by ``audio._ffmpeg`` to a Loudness."""
    return Loudness(summary.integrated_lufs, summary.true_peak_dbtp, summary.loudness_range_lu)


def measure_loudness(path: Path) -> Loudness:
    """Measure a whole file with ``ebur128=peak=true`` (silence gives ``-inf``, see module doc)."""
    report = _ffmpeg.decode(path, measure=True)
    assert report.loudness is not None
    return from_summary(report.loudness)


def is_silent(integrated_lufs: float) -> bool:
    """True when nothing in the file rises above the -70 LUFS absolute gate."""
    return math.isinf(integrated_lufs) or integrated_lufs <= _ffmpeg.LOUDNESS_GATE_LUFS


def gain_to_target(measured_lufs: float, target: LoudnessTarget, max_gain_db: float) -> float:
    """Gain in dB that brings ``measured_lufs`` to the target, capped at ``max_gain_db``."""
    if is_silent(measured_lufs):
        return 0.0
    return min(target.integrated_lufs - measured_lufs, max_gain_db)


@dataclass(frozen=True)
class Normalised:
    """What audio.chain kept: gain, limit, passes run and the loudness of the encoded file.

    ``verified``: the loudness was measured on the encoded stream; otherwise it is the PCM's
    (exact) plus the encoder's offset prior, and the true peak is the PCM's.
    """

    gain_db: float
    limit_db: float
    passes: int
    loudness: Loudness
    limited: bool = True
    verified: bool = True
