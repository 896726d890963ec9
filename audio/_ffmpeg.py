"""The one place that runs ffmpeg (static build of the imageio-ffmpeg wheel) and parses its output.

There is no ffprobe in that wheel: files are probed by decoding them to the null muxer and
reading ``-progress`` (exact decoded duration) and the stream line of stderr.
"""

from __future__ import annotations

import functools
import math
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import imageio_ffmpeg

from audio.errors import AudioRejected, FFmpegFailed

# Demuxers accepted for input files: audio containers only. Playlists (hls, concat), images and
# devices are refused, so an uploaded file can never make ffmpeg read other files or URLs.
ALLOWED_DEMUXERS: Final = "wav,w64,mp3,flac,ogg,mov,matroska,aac,aiff,amr,caf,asf,wv,au,ape"
SAFE_INPUT_ARGS: Final = ("-protocol_whitelist", "file", "-format_whitelist", ALLOWED_DEMUXERS)
NULL_OUTPUT: Final = ("-f", "null", "-")
EBUR128_FILTER: Final = "ebur128=peak=true:framelog=verbose"
LOUDNESS_GATE_LUFS: Final = -70.0  # ebur128 prints this floor when every block is gated out

_BASE_ARGS: Final = ("-hide_banner", "-nostdin")
_TAIL_LINES: Final = 12
_INPUT_PROBLEMS: Final = (
    "Error opening input",
    "matches no streams",
    "does not contain any stream",
    "Invalid data found",
    "Error while decoding",
)
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


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the static ffmpeg from imageio-ffmpeg (the IMAGEIO_FFMPEG_EXE variable overrides)."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def file_arg(path: Path) -> str:
    """A path as an ffmpeg argument: "file:" keeps "06:30.mp3" from reading as protocol "06"."""
    return f"file:{path}"


def stderr_tail(stderr: bytes, lines: int = _TAIL_LINES) -> str:
    """The last meaningful lines of ffmpeg's stderr (progress lines dropped)."""
    text = stderr.decode("utf-8", "replace").replace("\r", "\n")
    kept = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("size=")]
    return "\n".join(kept[-lines:])


def _spawn(
    args: Sequence[str], input: bytes | None, timeout: float | None
) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg without judging its exit code; a timeout becomes FFmpegFailed."""
    cmd = [ffmpeg_exe(), *_BASE_ARGS, *args]
    stdin = None if input is not None else subprocess.DEVNULL
    try:
        return subprocess.run(
            cmd, input=input, stdin=stdin, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        tail = stderr_tail(exc.stderr or b"")
        raise FFmpegFailed(f"ffmpeg timed out after {timeout:g} s", stderr_tail=tail) from None


def _failure(proc: subprocess.CompletedProcess[bytes]) -> FFmpegFailed:
    tail = stderr_tail(proc.stderr)
    last = tail.splitlines()[-1] if tail else "no output"
    return FFmpegFailed(
        f"ffmpeg exited with code {proc.returncode}: {last}",
        returncode=proc.returncode,
        stderr_tail=tail,
    )


def run_ffmpeg(
    args: Sequence[str], *, input: bytes | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with ``args`` (after -hide_banner -nostdin); raise FFmpegFailed on error."""
    proc = _spawn(args, input, timeout)
    if proc.returncode != 0:
        raise _failure(proc)
    return proc


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


@dataclass(frozen=True)
class DecodeReport:
    """What one decoding run learnt: input stream format, output duration, optional loudness."""

    info: AudioInfo
    loudness: LoudnessSummary | None
    log: str = ""  # ffmpeg's stderr, for filters that report there (silencedetect)


def conform_filter(sample_rate: int, channels: int, sample_fmt: str = "fltp") -> str:
    """Filter converting any input to ``sample_rate``/``channels``; downmix never clips."""
    layout = {1: "mono", 2: "stereo"}.get(channels)
    if layout is None:
        raise ValueError(f"channels must be 1 or 2, got {channels}")
    return (
        f"aresample={sample_rate}:rematrix_maxval=1,"
        f"aformat=sample_fmts={sample_fmt}:sample_rates={sample_rate}:channel_layouts={layout}"
    )


def downmix_filter(channels: int) -> str:
    """Filter mixing any input down to ``channels`` (float, never clips), keeping its rate."""
    layout = {1: "mono", 2: "stereo"}.get(channels)
    if layout is None:
        raise ValueError(f"channels must be 1 or 2, got {channels}")
    return f"aresample=rematrix_maxval=1,aformat=sample_fmts=fltp:channel_layouts={layout}"


def decode(
    path: Path,
    *,
    filters: Sequence[str] = (),
    measure: bool = False,
    output: Sequence[str] = NULL_OUTPUT,
    max_seconds: float | None = None,
    timeout: float | None = None,
    true_peak: bool = True,
) -> DecodeReport:
    """Decode the first audio stream of ``path`` through ``filters`` (+ ebur128) into ``output``.

    ``true_peak=False`` meters the sample peak instead of the (costly, 4x oversampled) true
    peak: the summary's "true_peak_dbtp" is then the sample peak.
    """
    if path.stat().st_size == 0:
        raise AudioRejected("empty", f"{path.name} is an empty file")
    meter = EBUR128_FILTER if true_peak else EBUR128_FILTER.replace("peak=true", "peak=sample")
    chain = [*filters, meter] if measure else list(filters)
    args = [*SAFE_INPUT_ARGS, "-i", file_arg(path), "-map", "0:a:0", "-vn", "-sn", "-dn"]
    if chain:
        args += ["-af", ",".join(chain)]
    if max_seconds is not None:
        args += ["-t", f"{max_seconds:.3f}"]
    args += ["-progress", "pipe:1", "-nostats", *output]
    proc = _spawn(args, None, timeout)
    stderr = proc.stderr.decode("utf-8", "replace")
    stream = _parse_audio_stream(stderr)
    if proc.returncode != 0:
        if stream is None or any(marker in stderr for marker in _INPUT_PROBLEMS):
            raise AudioRejected("not_audio", f"ffmpeg cannot decode {path.name} as audio")
        raise _failure(proc)
    if stream is None:
        raise AudioRejected("not_audio", f"no audio stream in {path.name}")
    duration = _parse_out_time(proc.stdout.decode("ascii", "replace"))
    if duration <= 0.0:
        raise AudioRejected("empty", f"no audio samples could be decoded from {path.name}")
    info = AudioInfo(duration, stream[0], stream[1], stream[2])
    return DecodeReport(info, parse_ebur128_summary(stderr) if measure else None, stderr)


@functools.cache
def has_loopback_decoders() -> bool:
    """True when this ffmpeg has ``-dec`` (7.1 and later; unnumbered git builds are recent)."""
    first = run_ffmpeg(["-version"]).stdout.decode("utf-8", "replace").partition("\n")[0]
    match = re.search(r"version n?(\d+)\.(\d+)", first)
    return match is None or (int(match[1]), int(match[2])) >= (7, 1)


def loopback_meter_args(output_index: int) -> list[str]:
    """Args measuring output file ``output_index`` (stream 0) as encoded, in the same run.

    A loopback decoder (``-dec``, ffmpeg >= 7.1) decodes the encoder's packets: the same samples
    as decoding the written file (checked for MP3, Opus and WAV), without a second process.
    Its ebur128 Summary is the last one in stderr: read it with :func:`parse_ebur128_summary`.
    """
    graph = f"[dec:0]{EBUR128_FILTER},asetnsamples=n=65536[meter]"  # few frames to the null muxer
    return ["-dec", f"{output_index}:0", "-filter_complex", graph, "-map", "[meter]", *NULL_OUTPUT]


def probe(path: Path) -> AudioInfo:
    """Decode the whole file to null; raise AudioRejected ("empty"/"not_audio") if unusable."""
    return decode(path).info


def _parse_audio_stream(stderr: str) -> tuple[int, int, str] | None:
    """(sample_rate, channels, codec) of the first audio stream of input #0, if any."""
    head = stderr.split("Stream mapping:", 1)[0]
    match = _STREAM_RE.search(head)
    if match is None:
        return None
    return int(match["rate"]), _layout_channels(match["layout"].strip()), match["codec"]


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


def _parse_out_time(progress: str) -> float:
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


_MOVED: Final = {
    "generate_noise": "audio._ffmpeg_gen",
    "generate_tone": "audio._ffmpeg_gen",
    "FFmpegPipe": "audio._ffmpeg_pipe",
    "tee_output": "audio._ffmpeg_pipe",
}


def __getattr__(name: str) -> object:
    """Names that moved to audio._ffmpeg_gen / audio._ffmpeg_pipe, still importable from here."""
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
