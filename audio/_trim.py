"""Silence trim at both ends: found by silencedetect in a measuring pass, applied with atrim."""

from __future__ import annotations

import re

_SILENCE_START = re.compile(r"silence_start: (-?[\d.]+)")
_SILENCE_END = re.compile(r"silence_end: (-?[\d.]+)")


def silencedetect_filter(threshold_db: float, min_s: float = 0.2) -> str:
    """silencedetect filter used by the measuring pass to find silence at both ends."""
    return f"silencedetect=n={threshold_db:g}dB:d={min_s:g}"


def trim_bounds(stderr: str, duration_s: float, keep_s: float = 0.1) -> tuple[float, float]:
    """(start, end) seconds of audible audio from silencedetect output; keeps ``keep_s`` pads."""
    starts = [float(v) for v in _SILENCE_START.findall(stderr)]
    ends = [float(v) for v in _SILENCE_END.findall(stderr)]
    start, end = 0.0, duration_s
    if starts and starts[0] <= 0.01 and ends:
        start = max(ends[0] - keep_s, 0.0)
    trailing = len(starts) > len(ends) or (ends and ends[-1] >= duration_s - 0.05)
    if starts and trailing:  # silence running to the end of the file
        end = min(starts[-1] + keep_s, duration_s)
    if end - start < 0.05:  # all silent: leave it whole, loudness will refuse or keep it
        return 0.0, duration_s
    return start, end


def trim_filter(start: float, end: float, duration_s: float) -> list[str]:
    """atrim filters for (start, end), or nothing when the whole file is kept."""
    if start <= 0.0 and end >= duration_s:
        return []
    return [f"atrim=start={start:.4f}:end={end:.4f}", "asetpts=N/SR/TB"]
