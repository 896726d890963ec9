"""The per-item processing chain in one ffmpeg run per pass, from a stored measurement.

The source's chain output (downmix, speech filters, conform) was measured once
(``audio._measure``). A pass decodes the source through the same deterministic chain, trims,
applies one gain and, when needed, a 4x-oversampled true-peak limiter, and encodes the output
profile (plus, on request, the 16-bit WAV that was encoded, for streamed renders).

* Predicted items: the gain is linear, so when the measured true peak plus the gain stays the
  encoder's allowance (``OutputProfile.true_peak_allowance_db``: how far that encoder was
  measured to raise true peaks, white noise included) under the ceiling, the item needs no
  limiter and its PCM loudness and peak are known exactly. One run, nothing measured; the
  encoded loudness is the PCM's plus the encoder's offset prior (+-0.25 LU).
* Verified items (nearer the ceiling, or a profile without an allowance: Opus, low-bitrate
  MP3): a loopback decoder in the same run measures what was encoded; another pass follows,
  at most MAX_PASSES in all, while it is more than 0.5 LU off target or over the ceiling (a
  bypassed pass over the ceiling brings the limiter in). The best pass is kept.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio._measure import ChainMeasurement, chain_filters
from audio.loudness import (
    LOUDNESS_TOLERANCE_LU,
    MAX_GAIN_DB,
    MAX_PASSES,
    OVERSAMPLING,
    Loudness,
    LoudnessTarget,
    Normalised,
    from_summary,
    is_silent,
    measure_loudness,
)
from audio.profiles import OutputProfile

_LIMIT_MARGIN_DB: Final = 0.3  # the limiter works this far under the ceiling
_BYPASS_HEADROOM_DB: Final = 1.0  # a verified pass skips the limiter this far under the limit
_METER_STEP_DB: Final = 0.1  # ebur128 prints one decimal
_TP_SAFETY_DB: Final = 0.2
_LIMITED_STEP: Final = 1.5
# Loudness the limiter takes grows with how far peaks go over its limit, and with how dense the
# peaks are: speech through the horn chain, measured here, 0.2-0.5 LU at 3 dB over, 0.5-1.1 at
# 4.4, 0.9-2.1 at 6.2 (espeak-ng vi at 100-170 words a minute and two pitches, Piper en). Prior:
# 0.4 LU more gain per dB over the knee, at most 4 LU, the fit that leaves fewest items more than
# LOUDNESS_TOLERANCE_LU off after one pass (3 of 44, against 19 with 0.8/dB from 2.5 dB); the
# pass's measurement corrects a wrong guess.
_LOSS_KNEE_DB: Final = 2.0
_LOSS_SLOPE: Final = 0.4
_MAX_LOSS_PRIOR_LU: Final = 4.0
_MIN_LIMIT_DB: Final = -24.0
_UPSAMPLER: Final = "aresample={rate}:filter_size=16"  # 4x up and back: half swr's default taps


@dataclass(frozen=True)
class Encoding:
    """The output side of a pass: rate, channels, encoder arguments and what is known of it."""

    sample_rate: int
    channels: int
    encoder_args: Sequence[str]
    offset_lu: float = 0.0  # prior: encoded loudness minus PCM loudness
    allowance_db: float | None = None  # true peak the encoder may add; None: verify every pass

    @classmethod
    def of(cls, profile: OutputProfile) -> Encoding:
        """The encoding of an output profile (its calibrated allowance and loudness offset)."""
        return cls(
            profile.sample_rate,
            profile.channels,
            profile.codec_args(),
            profile.loudness_offset_lu,
            profile.true_peak_allowance_db,
        )


@dataclass(frozen=True)
class _Plan:
    gain_db: float
    limit_db: float
    limited: bool


def _limiter_loss_prior(over_db: float) -> float:
    """Loudness (LU) the limiter is expected to take when peaks go ``over_db`` over its limit."""
    if not math.isfinite(over_db):
        return 0.0
    return min(max(over_db - _LOSS_KNEE_DB, 0.0) * _LOSS_SLOPE, _MAX_LOSS_PRIOR_LU)


def _gain_to_target(measured: ChainMeasurement, target: LoudnessTarget, offset_lu: float) -> float:
    silent = is_silent(measured.integrated_lufs)
    gain = 0.0 if silent else target.integrated_lufs - measured.integrated_lufs - offset_lu
    return min(gain, MAX_GAIN_DB)


def is_predicted(measured: ChainMeasurement, target: LoudnessTarget, encoding: Encoding) -> bool:
    """True when the item's peak after gain stays the encoder's allowance under the ceiling."""
    if encoding.allowance_db is None:
        return False
    peak = measured.true_peak_dbtp + _gain_to_target(measured, target, encoding.offset_lu)
    safe = target.true_peak_dbtp - encoding.allowance_db - _METER_STEP_DB
    return peak <= safe or peak == -math.inf  # NaN (no peak measured): verify


def needs_true_peak(measured: ChainMeasurement, target: LoudnessTarget, encoding: Encoding) -> bool:
    """True when a sample-peak measurement cannot decide the plan: the true peak is needed.

    The sample peak is a lower bound of the true peak: when it already calls for the limiter,
    the true peak would too, and the verified pass measures what was encoded. Otherwise the
    item may be predicted or bypass the limiter, which only the true peak can tell.
    """
    return not measured.peak_is_true and not _first_plan(measured, target, encoding).limited


def _first_plan(measured: ChainMeasurement, target: LoudnessTarget, encoding: Encoding) -> _Plan:
    """Gain to target, where to limit, and whether the limiter is needed at all."""
    gain = _gain_to_target(measured, target, encoding.offset_lu)
    if is_predicted(measured, target, encoding):
        return _Plan(gain, target.true_peak_dbtp, False)
    limit = target.true_peak_dbtp - _LIMIT_MARGIN_DB
    peak = measured.true_peak_dbtp + gain
    limited = not peak <= limit - _BYPASS_HEADROOM_DB
    if limited and not measured.fixed:  # the limiter will cost loudness
        gain = min(gain + _limiter_loss_prior(peak - limit), MAX_GAIN_DB)
    return _Plan(gain, limit, limited)


def _graph(chain: Sequence[str], plan: _Plan, encoding: Encoding, wav: bool) -> str:
    rate = encoding.sample_rate
    limit = max(10 ** (plan.limit_db / 20), 0.0625)
    limiter = [
        _UPSAMPLER.format(rate=rate * OVERSAMPLING),
        f"alimiter=limit={limit:.6f}:attack=5:release=50:level=disabled:latency=1",
        _UPSAMPLER.format(rate=rate),  # back down with the same short filter
    ]
    filters = [
        *chain,
        f"volume={plan.gain_db:.3f}dB",
        *(limiter if plan.limited else []),
        _ffmpeg.conform_filter(rate, encoding.channels, "s16"),
    ]
    return "[0:a]" + ",".join(filters) + (",asplit=2[w][e]" if wav else "[e]")


def _pass(
    src: Path,
    chain: Sequence[str],
    plan: _Plan,
    encoding: Encoding,
    outputs: tuple[Path | None, Path],
    verify: bool,
) -> Loudness | None:
    """One run: chain, trim, gain, limiter, 16-bit; [WAV +] encoded file; measured if verified."""
    wav, encoded = outputs
    args = [*_ffmpeg.SAFE_INPUT_ARGS, "-i", _ffmpeg.file_arg(src), "-filter_complex_threads", "1"]
    args += ["-filter_complex", _graph(chain, plan, encoding, wav is not None)]
    if wav is not None:
        args += ["-map", "[w]", "-c:a", "pcm_s16le", "-f", "wav", "-fflags", "+bitexact"]
        args += ["-map_metadata", "-1", "-y", _ffmpeg.file_arg(wav)]
    args += ["-map", "[e]", *encoding.encoder_args, "-y", _ffmpeg.file_arg(encoded)]
    loopback = verify and _ffmpeg.has_loopback_decoders()
    if loopback:  # what ships, measured as it is encoded
        args += _ffmpeg.loopback_meter_args(0 if wav is None else 1)
    proc = _ffmpeg.run_ffmpeg(args)
    if loopback:
        stderr = proc.stderr.decode("utf-8", "replace")
        return from_summary(_ffmpeg.parse_ebur128_summary(stderr))
    return measure_loudness(encoded) if verify else None  # an older ffmpeg without -dec


def _predicted(measured: ChainMeasurement, plan: _Plan, encoding: Encoding) -> Loudness:
    """Loudness of a predicted pass: the PCM's exact values, plus the encoder's offset prior."""
    lufs = measured.integrated_lufs + plan.gain_db
    lufs = round(lufs + encoding.offset_lu, 1) if math.isfinite(lufs) else lufs
    peak = measured.true_peak_dbtp + plan.gain_db
    return Loudness(lufs, round(peak, 1), measured.loudness_range_lu)


def process_chain(
    src: Path,
    encoded_out: Path,
    measured: ChainMeasurement,
    *,
    target: LoudnessTarget,
    encoding: Encoding,
    pre_filters: Sequence[str] = (),
    wav_out: Path | None = None,
    checkpoint: Callable[[], None] = lambda: None,
) -> Normalised:
    """Process ``src`` into ``encoded_out`` (and ``wav_out``) from its chain measurement."""
    if needs_true_peak(measured, target, encoding):
        raise ValueError("this item's plan needs a true-peak measurement, not a sample peak")
    conform = _ffmpeg.conform_filter(encoding.sample_rate, encoding.channels)
    chain = [*chain_filters(encoding.channels, conform, pre_filters), *measured.trim_filters()]
    verify = not is_predicted(measured, target, encoding)
    plan = _first_plan(measured, target, encoding)
    made: list[tuple[Path | None, Path]] = []
    best: tuple[tuple[bool, float], int, _Plan, Loudness] | None = None
    try:
        for index in range(MAX_PASSES if verify else 1):
            checkpoint()
            outputs = (
                None if wav_out is None else wav_out.with_name(f"{wav_out.stem}.{index}.wav"),
                encoded_out.with_name(f"{encoded_out.stem}.{index}"),
            )
            made.append(outputs)
            loud = _pass(src, chain, plan, encoding, outputs, verify)
            if loud is None:
                best = ((False, 0.0), index, plan, _predicted(measured, plan, encoding))
                break
            error = 0.0 if measured.fixed else target.integrated_lufs - loud.integrated_lufs
            error = error if math.isfinite(error) else 0.0
            over = loud.true_peak_dbtp - target.true_peak_dbtp
            score = (over > 0.05, abs(error))
            if best is None or score < best[0]:
                best = (score, index, plan, loud)
            if over <= 0.05 and abs(error) <= LOUDNESS_TOLERANCE_LU:
                break
            following = _next_plan(plan, loud, error, over, target)
            if following == plan:  # nothing left to change: the gain is at MAX_GAIN_DB
                break
            plan = following
        assert best is not None
        _, index, plan, loud = best
        wav_made, encoded_made = made[index]
        if wav_out is not None and wav_made is not None:
            os.replace(wav_made, wav_out)
        os.replace(encoded_made, encoded_out)
        return Normalised(plan.gain_db, plan.limit_db, len(made), loud, plan.limited, verify)
    finally:
        for wav, encoded in made:
            if wav is not None:
                wav.unlink(missing_ok=True)
            encoded.unlink(missing_ok=True)


def _next_plan(
    plan: _Plan, loud: Loudness, error: float, over: float, target: LoudnessTarget
) -> _Plan:
    """The next pass: correct the gain; over the ceiling, limit (lower)."""
    # with the limiter engaged loudness grows slower than gain: step further
    engaged = loud.true_peak_dbtp > target.true_peak_dbtp - 1.0 and error > 0
    gain = min(plan.gain_db + error * (_LIMITED_STEP if engaged else 1.0), MAX_GAIN_DB)
    if over > 0 and not plan.limited:
        return _Plan(gain, plan.limit_db, True)  # a bypass over the ceiling: limit from now on
    if over > 0:
        return _Plan(gain, max(plan.limit_db - over - _TP_SAFETY_DB, _MIN_LIMIT_DB), True)
    return _Plan(gain, plan.limit_db, plan.limited)
