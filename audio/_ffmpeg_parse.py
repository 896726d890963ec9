"""Pure parsing of ffmpeg's output (stderr, ``-progress``, ebur128); starts no processes.

The processes themselves are started by :mod:`audio._ffmpeg`, which re-exports the public
names below.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from audio.errors import FFmpegFailed

LOUDNESS_GATE_LUFS: Final = -70.0  # ebur128 prints this floor when every block is gated out
# stderr markers of input ffmpeg cannot read as audio (as opposed to ffmpeg failing itself)
INPUT_PROBLEMS: Final = (
    "Error opening input",
    "matches no streams",
    "does not contain any stream",
    "Invalid data found",
    "Error while decoding",
    "Could not find codec parameters",  # e.g. a WAV header declaring 0 channels
    "Failed to open codec",
)

_TAIL_LINES: Final = 12
_STREAM_RE = re.compile(
    r"^\s*Stream #0:\d+\S*: Audio: (?P<codec>[\w-]+).*?, (?P<rate>\d+) Hz, (?P<layout>[^,]+)",
    re.MULTILINE,
)
_LAYOUT_CHANNELS: Final = {"mono": 1, "stereo": 2, "downmix": 2, "quad": 4, "hexagonal": 6}
_SUMMARY_RE = {
    "integrated": re.compile(r"^\s*I:\s+(\S+) LUFS", re.MULTILINE),
    "lra": re.compile(r"^\s*LRA:\s+(\S+) LU", re.MULTILINE),
    "peak": re.compile(r"^\s*Peak:\s+(\S+) dBFS", re.MULTILINE),
}


@dataclass(frozen=True)
class AudioInfo:
    """Decoded duration and the format of the first audio stream of a file."""

    duration_s: float
    sample_rate: int
    channels: int
    codec: str


@dataclass(frozen=True)
class LoudnessSummary:
    """The Summary block of ffmpeg ebur128; silence is ``-inf`` for loudness and peak."""

    integrated_lufs: float
    true_peak_dbtp: float
    loudness_range_lu: float


def stderr_tail(stderr: bytes, lines: int = _TAIL_LINES) -> str:
    """The last meaningful lines of ffmpeg's stderr (progress lines dropped)."""
    text = stderr.decode("utf-8", "replace").replace("\r", "\n")
    kept = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("size=")]
    return "\n".join(kept[-lines:])


def exit_failure(returncode: int, stderr: bytes) -> FFmpegFailed:
    """The error for an ffmpeg that exited with ``returncode``, naming its last stderr line."""
    tail = stderr_tail(stderr)
    last = tail.splitlines()[-1] if tail else "no output"
    return FFmpegFailed(
        f"ffmpeg exited with code {returncode}: {last}",
        returncode=returncode,
        stderr_tail=tail,
    )


def parse_audio_stream(stderr: str) -> tuple[int, int, str] | None:
    """(sample_rate, channels, codec) of the first audio stream of input #0, if any."""
    head = stderr.split("Stream mapping:", 1)[0]
    match = _STREAM_RE.search(head)
    if match is None:
        return None
    return int(match["rate"]), _layout_channels(match["layout"].strip()), match["codec"]


def unusable_input(stream: tuple[int, int, str] | None, stderr: str) -> bool:
    """True when a failed decode is the input's fault: no stream, an impossible one, a bad file."""
    if stream is None or stream[0] <= 0 or stream[1] <= 0 or stream[2] == "none":
        return True
    return any(marker in stderr for marker in INPUT_PROBLEMS)


def _layout_channels(layout: str) -> int:
    """Channel count of an ffmpeg layout description ("mono", "5.1(side)", "6 channels")."""
    name = layout.split("(", 1)[0].strip()
    if name in _LAYOUT_CHANNELS:
        return _LAYOUT_CHANNELS[name]
    if count := re.fullmatch(r"(\d+) channels", name):
        return int(count[1])
    if re.fullmatch(r"\d+(\.\d+)+", name):
        return sum(int(part) for part in name.split("."))
    return 2  # unknown named layout: every named layout ffmpeg prints has at least two channels


def parse_out_time(progress: str) -> float:
    """Decoded duration from the last ``out_time_us=`` line of ``-progress`` output (0 if none)."""
    values = re.findall(r"^out_time_us=(\d+)\s*$", progress, re.MULTILINE)
    return int(values[-1]) / 1e6 if values else 0.0


def _db_value(text: str) -> float:
    value = float(text)  # float() understands "-inf" and "nan"; a NaN level means silence
    return -math.inf if math.isnan(value) else value


def parse_ebur128_summary(stderr: str) -> LoudnessSummary:
    """Parse the last ebur128 Summary block; -70 LUFS (the gate floor) becomes ``-inf``."""
    _, found, summary = stderr.rpartition("Summary:")
    if not found:
        raise FFmpegFailed("ebur128 printed no Summary block", stderr_tail=stderr[-2000:])
    values: dict[str, float] = {}
    for key, pattern in _SUMMARY_RE.items():
        match = pattern.search(summary)
        if match is None and key == "peak":
            values[key] = math.nan  # measured without true peak
            continue
        if match is None:
            raise FFmpegFailed(f"ebur128 Summary has no {key} value", stderr_tail=summary[-2000:])
        values[key] = _db_value(match[1])
    integrated = values["integrated"]
    if integrated <= LOUDNESS_GATE_LUFS:
        integrated = -math.inf
    return LoudnessSummary(integrated, values["peak"], max(values["lra"], 0.0))
