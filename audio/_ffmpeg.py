"""The one place that starts ffmpeg processes (static build of the imageio-ffmpeg wheel).

Runs to completion go through :func:`run_ffmpeg` / :func:`decode`; streaming processes
(``_ffmpeg_read``, ``_ffmpeg_pipe``) are started with :func:`start_ffmpeg`, which is also why
``PIPE``, ``DEVNULL``, ``TimeoutExpired`` and ``FFmpegProcess`` are exported from here: no other
module needs ``subprocess``. Parsing the output is done by the pure ``_ffmpeg_parse``.

There is no ffprobe in that wheel: files are probed by decoding them to the null muxer and
reading ``-progress`` (exact decoded duration) and the stream line of stderr.
"""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, TypeAlias

import imageio_ffmpeg

from audio._ffmpeg_parse import LOUDNESS_GATE_LUFS as LOUDNESS_GATE_LUFS
from audio._ffmpeg_parse import (
    AudioInfo,
    LoudnessSummary,
    exit_failure,
    parse_audio_stream,
    parse_ebur128_summary,
    parse_out_time,
    stderr_tail,
    unusable_input,
)
from audio.errors import AudioRejected, FFmpegFailed

# Demuxers accepted for input files: audio containers only. Playlists (hls, concat), images and
# devices are refused, so an uploaded file can never make ffmpeg read other files or URLs.
ALLOWED_DEMUXERS: Final = "wav,w64,mp3,flac,ogg,mov,matroska,aac,aiff,amr,caf,asf,wv,au,ape"
SAFE_INPUT_ARGS: Final = ("-protocol_whitelist", "file", "-format_whitelist", ALLOWED_DEMUXERS)
NULL_OUTPUT: Final = ("-f", "null", "-")
EBUR128_FILTER: Final = "ebur128=peak=true:framelog=verbose"

# For the streams and the wait() of a process from start_ffmpeg.
PIPE: Final = subprocess.PIPE
DEVNULL: Final = subprocess.DEVNULL
TimeoutExpired = subprocess.TimeoutExpired
FFmpegProcess: TypeAlias = subprocess.Popen[bytes]
StdStream: TypeAlias = int | IO[bytes] | None  # PIPE, DEVNULL, a binary file or None (inherit)

_BASE_ARGS: Final = ("-hide_banner", "-nostdin")


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the static ffmpeg from imageio-ffmpeg (the IMAGEIO_FFMPEG_EXE variable overrides)."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def file_arg(path: Path) -> str:
    """A path as an ffmpeg argument: "file:" keeps "06:30.mp3" from reading as protocol "06"."""
    return f"file:{path}"


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
    return exit_failure(proc.returncode, proc.stderr)


def run_ffmpeg(
    args: Sequence[str], *, input: bytes | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with ``args`` (after -hide_banner -nostdin); raise FFmpegFailed on error."""
    proc = _spawn(args, input, timeout)
    if proc.returncode != 0:
        raise _failure(proc)
    return proc


def start_ffmpeg(
    args: Sequence[str], *, stdin: StdStream, stdout: StdStream, stderr: StdStream
) -> FFmpegProcess:
    """Start ffmpeg with ``args`` (after -hide_banner -nostdin); the caller waits and judges it."""
    return subprocess.Popen(
        [ffmpeg_exe(), *_BASE_ARGS, *args], stdin=stdin, stdout=stdout, stderr=stderr
    )


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
    stream = parse_audio_stream(stderr)
    if proc.returncode != 0:
        if unusable_input(stream, stderr):
            raise AudioRejected("not_audio", f"ffmpeg cannot decode {path.name} as audio")
        raise _failure(proc)
    if stream is None:
        raise AudioRejected("not_audio", f"no audio stream in {path.name}")
    duration = parse_out_time(proc.stdout.decode("ascii", "replace"))
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
