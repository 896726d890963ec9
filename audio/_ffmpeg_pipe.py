"""ffmpeg processes fed through stdin (streaming encoders), with an optional live meter.

Both processes are started by ``audio._ffmpeg.start_ffmpeg``; this module feeds and judges them.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from audio._ffmpeg import (
    DEVNULL,
    EBUR128_FILTER,
    NULL_OUTPUT,
    PIPE,
    FFmpegProcess,
    TimeoutExpired,
    start_ffmpeg,
)
from audio._ffmpeg_parse import LoudnessSummary, exit_failure, parse_ebur128_summary
from audio.errors import FFmpegFailed


class FFmpegPipe:
    """An ffmpeg process fed through stdin, optionally with a second one metering its stdout.

    With ``measure_stdout="mp3"`` the encoder must also write its stream to ``pipe:1`` (e.g.
    with the tee muxer); a second ffmpeg decodes that stream with ebur128 while encoding goes
    on, and ``finish()`` returns the loudness of the bytes encoded. Both stderr streams go to
    temp files, so a full pipe can never block either process.
    """

    def __init__(self, args: Sequence[str], *, measure_stdout: str | None = None) -> None:
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish/abort)
        out = PIPE if measure_stdout else DEVNULL
        self._proc = start_ffmpeg(args, stdin=PIPE, stdout=out, stderr=self._err)
        self._meter: FFmpegProcess | None = None
        self._meter_err: IO[bytes] | None = None
        if measure_stdout:
            meter = ["-f", measure_stdout, "-i", "pipe:0", "-af", EBUR128_FILTER, *NULL_OUTPUT]
            self._meter_err = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish/abort)
            try:
                self._meter = start_ffmpeg(
                    meter, stdin=self._proc.stdout, stdout=DEVNULL, stderr=self._meter_err
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
        except TimeoutExpired:
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

    def _processes(self) -> list[tuple[FFmpegProcess, IO[bytes]]]:
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


def _pipe_error(proc: FFmpegProcess, err: IO[bytes]) -> FFmpegFailed:
    err.seek(0)
    return exit_failure(proc.returncode, err.read())


def tee_output(fmt: str, path: Path, *, options: str = "", pipe_options: str = "") -> list[str]:
    """Output args writing one encoded stream both to ``path`` and to stdout (tee muxer)."""
    quoted = "'" + str(path.resolve()).replace("'", "'\\''") + "'"
    file_opts = ":".join(filter(None, [f"f={fmt}", options]))
    pipe_opts = ":".join(filter(None, [f"f={fmt}", options, pipe_options]))
    return ["-f", "tee", f"[{file_opts}]file:{quoted}|[{pipe_opts}]pipe:1"]
