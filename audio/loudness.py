"""Loudness (ITU-R BS.1770 / EBU R128) measured with ffmpeg's ebur128 filter.

Convention for silence: a file whose every 400 ms block falls under the absolute gate (ebur128
prints -70.0 LUFS) has ``integrated_lufs == float("-inf")``; digital silence also has
``true_peak_dbtp == float("-inf")``. Use :func:`is_silent` rather than comparing numbers.
ebur128 prints one decimal, so values are exact to ±0.05 at best.

:func:`normalise_file` brings one file to a target: gain = target - measured (at most +30 dB),
then a sample-peak limiter run at 4x the output rate (its peaks are then true peaks). Each pass
is measured in the same ffmpeg run (ebur128 at the end of the chain); the best pass is encoded
by the caller's encoder and *that* file is measured, since encoding (LAME at 128k) shifts
loudness by up to -0.5 LU and true peak by up to +2 dB on noisy material. Passes continue, at
most MAX_PASSES in all, while the shipped file is more than 0.5 LU off or over the ceiling.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg

GATING_BLOCK_S: Final = 0.4  # BS.1770 block: shorter clips have no integrated loudness
MAX_GAIN_DB: Final = 30.0
LOUDNESS_TOLERANCE_LU: Final = 0.5
MAX_PASSES: Final = 3
OVERSAMPLING: Final = 4
_PREDICTED_TOLERANCE_LU: Final = 0.25  # a pass not yet encoded must land closer than this
_LIMIT_MARGIN_DB: Final = 0.3  # first pass: limiter ceiling this far under the true-peak target
_TP_SAFETY_DB: Final = 0.2  # extra room taken when a pass overshoots the ceiling
_MIN_LIMIT_DB: Final = -24.0  # alimiter's lowest limit (0.0625)

Encoder = Callable[[Path, Path], None]  # (normalised WAV, encoded file to write)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoudnessTarget:
    """Programme loudness to reach and the true-peak ceiling not to exceed."""

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
    """What normalise_file kept: its settings and the loudness of the encoded file."""

    gain_db: float
    limit_db: float
    passes: int
    loudness: Loudness


@dataclass
class _Attempt:
    """One pass: settings, its WAV (measured in-chain) and, once encoded, the encoded file."""

    gain_db: float
    limit_db: float
    wav: Path
    wav_loudness: Loudness
    encoded: Path | None = None
    encoded_loudness: Loudness | None = None

    def expected(self, offset: tuple[float, float]) -> tuple[float, float]:
        """(LUFS, dBTP) of the encoded file: measured, or predicted from the WAV + offset."""
        if self.encoded_loudness is not None:
            return self.encoded_loudness.integrated_lufs, self.encoded_loudness.true_peak_dbtp
        wav = self.wav_loudness
        return wav.integrated_lufs + offset[0], wav.true_peak_dbtp + offset[1]

    def remove(self) -> None:
        self.wav.unlink(missing_ok=True)
        if self.encoded is not None:
            self.encoded.unlink(missing_ok=True)


def _next_settings(
    attempts: list[_Attempt], offset: tuple[float, float], target: LoudnessTarget, fixed: bool
) -> tuple[float, float] | None:
    """Gain and limit for another pass, or None when the last pass is good enough.

    The gain moves by error / slope, the slope (LU per dB) being observed between the last two
    passes and kept within 0.5..1: a limiter makes loudness grow slower than gain, and the
    floor bounds a step to twice the error.
    """
    last = attempts[-1]
    lufs, peak = last.expected(offset)
    error = 0.0 if fixed else target.integrated_lufs - lufs
    tolerance = LOUDNESS_TOLERANCE_LU if last.encoded else _PREDICTED_TOLERANCE_LU
    gain, limit = last.gain_db, last.limit_db
    if abs(error) > tolerance:
        slope = 1.0
        if len(attempts) > 1 and abs(last.gain_db - attempts[-2].gain_db) > 0.1:
            rise = lufs - attempts[-2].expected(offset)[0]
            slope = min(max(rise / (last.gain_db - attempts[-2].gain_db), 0.5), 1.0)
        gain = min(gain + error / slope, MAX_GAIN_DB)
    if peak > target.true_peak_dbtp:
        limit = max(limit - (peak - target.true_peak_dbtp) - _TP_SAFETY_DB, _MIN_LIMIT_DB)
    if abs(gain - last.gain_db) < 0.05 and abs(limit - last.limit_db) < 0.05:
        return None
    return gain, limit


def _limit_pass(
    src: Path, wav: Path, gain_db: float, limit_db: float, rate: int, channels: int
) -> _Attempt:
    """Gain, oversampled limiter, output rate/channels, 16-bit WAV, measured on the way out."""
    limit = max(10 ** (limit_db / 20), 0.0625)
    chain = [
        _ffmpeg.conform_filter(rate, channels),
        f"volume={gain_db:.3f}dB",
        f"aresample={rate * OVERSAMPLING}",
        f"alimiter=limit={limit:.6f}:attack=5:release=50:level=disabled:latency=1",
        _ffmpeg.conform_filter(rate, channels, "s16"),
    ]
    output = ["-c:a", "pcm_s16le", "-sample_fmt", "s16", "-f", "wav", "-fflags", "+bitexact"]
    report = _ffmpeg.decode(
        src,
        filters=chain,
        measure=True,
        output=[*output, "-map_metadata", "-1", "-y", _ffmpeg.file_arg(wav)],
    )
    assert report.loudness is not None
    measured = from_summary(report.loudness)
    log.debug("%s: gain %.2f dB, limit %.2f dB -> WAV %s", src.name, gain_db, limit_db, measured)
    return _Attempt(gain_db, limit_db, wav, measured)


def _encode(attempt: _Attempt, encoded: Path, encode: Encoder) -> tuple[float, float]:
    """Encode an attempt, measure the result; returns the (LUFS, dB) offset encoded - WAV."""
    encode(attempt.wav, encoded)
    attempt.encoded, attempt.encoded_loudness = encoded, measure_loudness(encoded)
    log.debug("%s: encoded -> %s", attempt.wav.name, attempt.encoded_loudness)
    deltas = (
        attempt.encoded_loudness.integrated_lufs - attempt.wav_loudness.integrated_lufs,
        attempt.encoded_loudness.true_peak_dbtp - attempt.wav_loudness.true_peak_dbtp,
    )
    return (
        deltas[0] if math.isfinite(deltas[0]) else 0.0,
        max(deltas[1], 0.0) if math.isfinite(deltas[1]) else 0.0,
    )


def _source_loudness(src: Path, conform: str) -> tuple[float, bool]:
    """Source loudness as it will be output, and True when passes cannot correct loudness.

    Silence has nothing to correct; a clip shorter than one 400 ms gating block is measured
    padded with silence to 400 ms, and its gain is then kept (its passes measure -inf).
    """
    report = _ffmpeg.decode(src, filters=[conform], measure=True)
    assert report.loudness is not None
    lufs = report.loudness.integrated_lufs
    if report.info.duration_s >= GATING_BLOCK_S:
        return lufs, is_silent(lufs)
    pad = f"apad=whole_dur={GATING_BLOCK_S}"
    padded = _ffmpeg.decode(src, filters=[conform, pad], measure=True).loudness
    assert padded is not None
    return padded.integrated_lufs, True


def normalise_file(
    src: Path,
    wav_out: Path,
    encoded_out: Path,
    *,
    target: LoudnessTarget,
    sample_rate: int,
    channels: int,
    encode: Encoder,
    encoder_offset_lu: float = 0.0,
    checkpoint: Callable[[], None] = lambda: None,
) -> Normalised:
    """Normalise ``src`` to ``target`` into ``wav_out`` and ``encode`` it into ``encoded_out``.

    ``encoder_offset_lu`` is the expected loudness change caused by ``encode`` (a prior used to
    judge passes not yet encoded); the first encoded pass replaces it by the measured change.
    """
    source_lufs, fixed = _source_loudness(src, _ffmpeg.conform_filter(sample_rate, channels))
    gain = gain_to_target(source_lufs, target, MAX_GAIN_DB)
    if not is_silent(source_lufs):  # aim the WAV so that the *encoded* file lands on target
        gain = min(gain - encoder_offset_lu, MAX_GAIN_DB)
    settings = (gain, target.true_peak_dbtp - _LIMIT_MARGIN_DB)
    attempts: list[_Attempt] = []
    offset = (encoder_offset_lu, 0.0)
    try:
        while True:
            checkpoint()
            wav = wav_out.with_name(f"{wav_out.stem}.{len(attempts)}{wav_out.suffix}")
            attempts.append(_limit_pass(src, wav, *settings, sample_rate, channels))
            following = _next_settings(attempts, offset, target, fixed)
            if following is not None and len(attempts) < MAX_PASSES:
                settings = following
                continue
            best = min(attempts, key=lambda a: _score(a, offset, target, fixed))
            if best.encoded is None:
                name = f"{encoded_out.stem}.{attempts.index(best)}{encoded_out.suffix}"
                offset = _encode(best, encoded_out.with_name(name), encode)
            over, error = _score(best, offset, target, fixed)
            if len(attempts) == MAX_PASSES or (not over and error <= LOUDNESS_TOLERANCE_LU):
                break
            following = _next_settings(attempts, offset, target, fixed)
            if following is None:
                break
            settings = following
        best = min(
            (a for a in attempts if a.encoded_loudness),
            key=lambda a: _score(a, offset, target, fixed),
        )
        assert best.encoded is not None and best.encoded_loudness is not None
        os.replace(best.wav, wav_out)
        os.replace(best.encoded, encoded_out)
        return Normalised(best.gain_db, best.limit_db, len(attempts), best.encoded_loudness)
    finally:
        for attempt in attempts:
            attempt.remove()


def _score(
    attempt: _Attempt, offset: tuple[float, float], target: LoudnessTarget, fixed: bool
) -> tuple[bool, float]:
    """Sort key: under the true-peak ceiling first, then closest to target (expected values)."""
    lufs, peak = attempt.expected(offset)
    over = peak > target.true_peak_dbtp + 0.05
    return over, 0.0 if fixed else abs(target.integrated_lufs - lufs)
