"""The one place that runs ffmpeg (static build of the imageio-ffmpeg wheel) and parses its output.

There is no ffprobe in that wheel: files are probed by decoding them to the null muxer and
reading ``-progress`` (exact decoded duration) and the stream line of stderr.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Final

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


def conform_filter(sample_rate: int, channels: int, sample_fmt: str = "fltp") -> str:
    """Filter converting any input to ``sample_rate``/``channels``; downmix never clips."""
    layout = {1: "mono", 2: "stereo"}.get(channels)
    if layout is None:
        raise ValueError(f"channels must be 1 or 2, got {channels}")
    return (
        f"aresample={sample_rate}:rematrix_maxval=1,"
        f"aformat=sample_fmts={sample_fmt}:sample_rates={sample_rate}:channel_layouts={layout}"
    )


def decode(
    path: Path,
    *,
    filters: Sequence[str] = (),
    measure: bool = False,
    output: Sequence[str] = NULL_OUTPUT,
    max_seconds: float | None = None,
    timeout: float | None = None,
) -> DecodeReport:
    """Decode the first audio stream of ``path`` through ``filters`` (+ ebur128) into ``output``."""
    if path.stat().st_size == 0:
        raise AudioRejected("empty", f"{path.name} is an empty file")
    chain = [*filters, EBUR128_FILTER] if measure else list(filters)
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
    return DecodeReport(info, parse_ebur128_summary(stderr) if measure else None)


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
    value = float(text)  # float() understands "-inf" and "nan"
    return -math.inf if math.isnan(value) else value


def parse_ebur128_summary(stderr: str) -> LoudnessSummary:
    """Parse the last ebur128 Summary block; -70 LUFS (the gate floor) becomes ``-inf``."""
    _, found, summary = stderr.rpartition("Summary:")
    if not found:
        raise FFmpegFailed("ebur128 printed no Summary block", stderr_tail=stderr[-2000:])
    values: dict[str, float] = {}
    for key, pattern in _SUMMARY_RE.items():
        match = pattern.search(summary)
        if match is None:
            raise FFmpegFailed(f"ebur128 Summary has no {key} value", stderr_tail=summary[-2000:])
        values[key] = _db_value(match[1])
    integrated = values["integrated"]
    if integrated <= LOUDNESS_GATE_LUFS:
        integrated = -math.inf
    return LoudnessSummary(integrated, values["peak"], max(values["lra"], 0.0))


class FFmpegPipe:
    """An ffmpeg process fed through stdin, optionally with a second one metering its stdout.

    With ``measure_stdout="mp3"`` the encoder must also write its stream to ``pipe:1`` (e.g.
    with the tee muxer); a second ffmpeg decodes that stream with ebur128 while encoding goes
    on, and ``finish()`` returns the loudness of the bytes encoded. Both stderr streams go to
    temp files, so a full pipe can never block either process.
    """

    def __init__(self, args: Sequence[str], *, measure_stdout: str | None = None) -> None:
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish/abort)
        out = subprocess.PIPE if measure_stdout else subprocess.DEVNULL
        self._proc = subprocess.Popen(
            [ffmpeg_exe(), *_BASE_ARGS, *args], stdin=subprocess.PIPE, stdout=out, stderr=self._err
        )
        self._meter: subprocess.Popen[bytes] | None = None
        self._meter_err: IO[bytes] | None = None
        if measure_stdout:
            meter = ["-f", measure_stdout, "-i", "pipe:0", "-af", EBUR128_FILTER, *NULL_OUTPUT]
            self._meter_err = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish/abort)
            try:
                self._meter = subprocess.Popen(
                    [ffmpeg_exe(), *_BASE_ARGS, *meter],
                    stdin=self._proc.stdout,
                    stdout=subprocess.DEVNULL,
                    stderr=self._meter_err,
                )
            except BaseException:
                self.abort()
                raise
            assert self._proc.stdout is not None
            self._proc.stdout.close()  # the meter now holds the only read end

    def write(self, data: bytes) -> None:
        """Send bytes to ffmpeg's stdin; raise FFmpegFailed if ffmpeg has died."""
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(data)
        except (BrokenPipeError, ValueError):
            self._proc.wait()
            raise _pipe_error(self._proc, self._err) from None

    def finish(self, timeout: float | None = None) -> LoudnessSummary | None:
        """Close stdin, wait for ffmpeg (and the meter); raise FFmpegFailed if one failed."""
        assert self._proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._proc.stdin.close()
        try:
            for proc, err in self._processes():
                proc.wait(timeout)
                if proc.returncode != 0:
                    raise _pipe_error(proc, err)
            loudness = None
            if self._meter_err is not None:
                self._meter_err.seek(0)
                loudness = parse_ebur128_summary(self._meter_err.read().decode("utf-8", "replace"))
        except subprocess.TimeoutExpired:
            raise FFmpegFailed(f"ffmpeg did not finish within {timeout:g} s") from None
        finally:
            self.abort()
        return loudness

    def abort(self) -> None:
        """Kill ffmpeg and the meter (if still running) and release pipes and temp files."""
        for proc, err in self._processes():
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            err.close()
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._proc.stdin.close()

    def _processes(self) -> list[tuple[subprocess.Popen[bytes], IO[bytes]]]:
        pairs = [(self._proc, self._err)]
        if self._meter is not None and self._meter_err is not None:
            pairs.append((self._meter, self._meter_err))
        return pairs

    def __enter__(self) -> FFmpegPipe:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.abort()


def _pipe_error(proc: subprocess.Popen[bytes], err: IO[bytes]) -> FFmpegFailed:
    err.seek(0)
    tail = stderr_tail(err.read())
    last = tail.splitlines()[-1] if tail else "no output"
    code = proc.returncode
    return FFmpegFailed(
        f"ffmpeg exited with code {code}: {last}", returncode=code, stderr_tail=tail
    )


def tee_output(fmt: str, path: Path, *, options: str = "", pipe_options: str = "") -> list[str]:
    """Output args writing one encoded stream both to ``path`` and to stdout (tee muxer)."""
    quoted = "'" + str(path.resolve()).replace("'", "'\\''") + "'"
    file_opts = ":".join(filter(None, [f"f={fmt}", options]))
    pipe_opts = ":".join(filter(None, [f"f={fmt}", options, pipe_options]))
    return ["-f", "tee", f"[{file_opts}]file:{quoted}|[{pipe_opts}]pipe:1"]


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
