"""The per-item processing chain in two ffmpeg runs: chain + measure, then gain/limit/encode.

Run 1 decodes the source once: downmix, the preset's filters (high-pass, compression) at the
source's own rate, conform (output rate), ebur128 + silencedetect, writing the result as a
float WAV beside the output. Run 2 reads that WAV: trim, gain, 4x-oversampled limiter (skipped
when the sample peak leaves it idle), 16-bit, split into the processed WAV and the encoded file
of the output profile; a loopback decoder in the same run measures what was encoded (the same
samples as decoding the file). Another run 2 follows, at most MAX_PASSES in all, only while
the encoded file is more than 0.5 LU off target or over the true-peak ceiling (a bypassed pass
over the ceiling makes every later pass limited). The best pass is kept.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio._trim import silencedetect_filter, trim_bounds, trim_filter
from audio.loudness import (
    GATING_BLOCK_S,
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

_LIMIT_MARGIN_DB: Final = 0.3
_TP_SAFETY_DB: Final = 0.2
_LIMITED_STEP: Final = 1.5
# Loudness the limiter takes grows with how far the sample peak after gain goes over its limit
# (espeak speech through the horn chain, measured here: 0.7 LU at 4.3 dB over, 1.4 at 5.0,
# 2.1 at 7.4). Prior for the first pass: 0.8 LU more gain per dB over the knee, at most 4 LU;
# the encoded file is measured and a second pass corrects a wrong guess.
_LOSS_KNEE_DB: Final = 2.5
_LOSS_SLOPE: Final = 0.8
_MAX_LOSS_PRIOR_LU: Final = 4.0
_MIN_LIMIT_DB: Final = -24.0
# A pass skips the limiter (and its 4x resampling, a third of the pass's CPU) when the chain's
# sample peak after gain is this far under the limit. Only a fast path: the shipped file is
# still measured for true peak, and a bypassed pass over the ceiling brings the limiter back.
_BYPASS_HEADROOM_DB: Final = 2.0
_UPSAMPLER: Final = "aresample={rate}:filter_size=16"  # 4x up and back: half swr's default taps


@dataclass(frozen=True)
class _Measured:
    lufs: float
    fixed: bool  # silence or a clip shorter than one gating block: keep the first gain
    trim: list[str]
    sample_peak: float = -math.inf


def _measure_chain(
    src: Path,
    pre_wav: Path,
    conform: str,
    channels: int,
    pre: Sequence[str],
    trim_db: float | None,
) -> _Measured:
    """Run 1: source through conform + chain into a float WAV, measured (and trim found)."""
    detect = [] if trim_db is None else [silencedetect_filter(trim_db)]
    output = ["-c:a", "pcm_f32le", "-f", "wav", "-y", _ffmpeg.file_arg(pre_wav)]
    # speech filters run at the source's own rate, before resampling: sources are mostly
    # TTS and phone audio at 8-24 kHz, so this is up to 5x fewer samples to filter
    chain = [_ffmpeg.downmix_filter(channels), *pre, conform] if pre else [conform]
    chain += detect
    report = _ffmpeg.decode(src, filters=chain, measure=True, output=output, true_peak=False)
    assert report.loudness is not None
    duration, lufs = report.info.duration_s, report.loudness.integrated_lufs
    peak = report.loudness.true_peak_dbtp  # the sample peak (true_peak=False)
    trim: list[str] = []
    if detect:
        start, end = trim_bounds(report.log, duration)
        trim = trim_filter(start, end, duration)
        if trim:
            cut = _ffmpeg.decode(pre_wav, filters=trim, measure=True, true_peak=False).loudness
            assert cut is not None
            lufs, duration = cut.integrated_lufs, end - start
    if duration >= GATING_BLOCK_S:
        return _Measured(lufs, is_silent(lufs), trim, peak)
    pad = f"apad=whole_dur={GATING_BLOCK_S}"
    padded = _ffmpeg.decode(pre_wav, filters=[*trim, pad], measure=True).loudness
    assert padded is not None
    return _Measured(padded.integrated_lufs, True, trim)


def _limiter_loss_prior(over_db: float) -> float:
    """Loudness (LU) the limiter is expected to take when peaks go ``over_db`` over its limit."""
    if not math.isfinite(over_db):
        return 0.0
    return min(max(over_db - _LOSS_KNEE_DB, 0.0) * _LOSS_SLOPE, _MAX_LOSS_PRIOR_LU)


def _limiter_idle(measured: _Measured, gain_db: float, limit_db: float) -> bool:
    """True when the sample peak after gain is well under the limit: the limiter would idle."""
    peak = measured.sample_peak
    return math.isfinite(peak) and peak + gain_db <= limit_db - _BYPASS_HEADROOM_DB


def _pass(
    pre_wav: Path,
    outputs: tuple[Path, Path],
    gain_db: float,
    limit_db: float,
    rate: int,
    channels: int,
    trim: Sequence[str],
    encoder_args: Sequence[str],
    limited: bool = True,
) -> Loudness:
    """Run 2: trim, gain, oversampled limiter, 16-bit; WAV + encoded file; encoded measured."""
    limit = max(10 ** (limit_db / 20), 0.0625)
    limiter = [
        _UPSAMPLER.format(rate=rate * OVERSAMPLING),
        f"alimiter=limit={limit:.6f}:attack=5:release=50:level=disabled:latency=1",
        _UPSAMPLER.format(rate=rate),  # back down with the same short filter
    ]
    chain = [
        *trim,
        f"volume={gain_db:.3f}dB",
        *(limiter if limited else []),
        _ffmpeg.conform_filter(rate, channels, "s16"),
        "asplit=2[w][e]",
    ]
    wav, encoded = outputs
    args = [*_ffmpeg.SAFE_INPUT_ARGS, "-i", _ffmpeg.file_arg(pre_wav)]
    # one thread per ffmpeg: items already run in parallel, one worker per core
    args += ["-filter_complex_threads", "1", "-filter_complex", "[0:a]" + ",".join(chain)]
    args += ["-map", "[w]", "-c:a", "pcm_s16le", "-f", "wav", "-fflags", "+bitexact"]
    args += ["-map_metadata", "-1", "-y", _ffmpeg.file_arg(wav)]
    args += ["-map", "[e]", *encoder_args, "-y", _ffmpeg.file_arg(encoded)]
    if not _ffmpeg.has_loopback_decoders():  # an older ffmpeg: measure the file afterwards
        _ffmpeg.run_ffmpeg(args)
        return measure_loudness(encoded)
    args += _ffmpeg.loopback_meter_args(1)  # what ships, measured as it is encoded
    proc = _ffmpeg.run_ffmpeg(args)
    return from_summary(_ffmpeg.parse_ebur128_summary(proc.stderr.decode("utf-8", "replace")))


def process_chain(
    src: Path,
    wav_out: Path,
    encoded_out: Path,
    *,
    target: LoudnessTarget,
    sample_rate: int,
    channels: int,
    encoder_args: Sequence[str],
    pre_filters: Sequence[str] = (),
    trim_threshold_db: float | None = None,
    encoder_offset_lu: float = 0.0,
    checkpoint: Callable[[], None] = lambda: None,
) -> Normalised:
    """Process ``src`` into ``wav_out`` (16-bit) and ``encoded_out`` (``encoder_args``)."""
    conform = _ffmpeg.conform_filter(sample_rate, channels)
    pre_wav = wav_out.with_name(f"{wav_out.stem}.pre.wav")
    made: list[tuple[Path, Path]] = []
    try:
        measured = _measure_chain(src, pre_wav, conform, channels, pre_filters, trim_threshold_db)
        gain = 0.0 if is_silent(measured.lufs) else target.integrated_lufs - measured.lufs
        gain = min(gain - (0.0 if is_silent(measured.lufs) else encoder_offset_lu), MAX_GAIN_DB)
        limit = target.true_peak_dbtp - _LIMIT_MARGIN_DB
        if not measured.fixed:  # the limiter will cost loudness
            gain = min(gain + _limiter_loss_prior(measured.sample_peak + gain - limit), MAX_GAIN_DB)
        best: tuple[tuple[bool, float], int, float, float, Loudness] | None = None
        forced = False
        for index in range(MAX_PASSES):
            checkpoint()
            names = (f"{wav_out.stem}.{index}.wav", f"{encoded_out.stem}.{index}")
            outputs = (wav_out.with_name(names[0]), encoded_out.with_name(names[1]))
            made.append(outputs)
            limited = forced or not _limiter_idle(measured, gain, limit)
            args = (gain, limit, sample_rate, channels, measured.trim, encoder_args, limited)
            loud = _pass(pre_wav, outputs, *args)
            error = 0.0 if measured.fixed else target.integrated_lufs - loud.integrated_lufs
            if not math.isfinite(error):
                error = 0.0
            over = loud.true_peak_dbtp - target.true_peak_dbtp
            score = (over > 0.05, abs(error))
            if best is None or score < best[0]:
                best = (score, index, gain, limit, loud)
            if over <= 0.05 and abs(error) <= LOUDNESS_TOLERANCE_LU:
                break
            # with the limiter engaged loudness grows slower than gain: step further
            engaged = loud.true_peak_dbtp > target.true_peak_dbtp - 1.0 and error > 0
            gain = min(gain + error * (_LIMITED_STEP if engaged else 1.0), MAX_GAIN_DB)
            if over > 0 and not limited:
                forced = True  # the bypass was wrong: limit from now on, at the same limit
            elif over > 0:
                limit = max(limit - over - _TP_SAFETY_DB, _MIN_LIMIT_DB)
        assert best is not None
        _, index, gain, limit, loud = best
        os.replace(made[index][0], wav_out)
        os.replace(made[index][1], encoded_out)
        return Normalised(gain, limit, len(made), loud)
    finally:
        pre_wav.unlink(missing_ok=True)
        for wav, encoded in made:
            wav.unlink(missing_ok=True)
            encoded.unlink(missing_ok=True)
