"""A live transcoder: WebM/Ogg Opus chunks from a browser's MediaRecorder in, MP3 out, as it comes.

One ffmpeg process fed through stdin; a reader thread hands each piece of MP3 it writes to a
callback (a fan-out), and None once ffmpeg has ended.
"""

import contextlib
import tempfile
import threading
from collections.abc import Callable
from typing import IO, Final

from audio._ffmpeg import PIPE, FFmpegProcess, TimeoutExpired, start_ffmpeg
from audio.profiles import LOW_BANDWIDTH_PROFILE, OutputProfile

# A browser records WebM (Chromium) or Ogg (Firefox) with Opus inside; nothing else is read.
LIVE_INPUT_ARGS: Final = (
    "-protocol_whitelist",
    "pipe",
    "-format_whitelist",
    "matroska,webm,ogg",
    "-fflags",
    "+nobuffer",
    "-probesize",
    "32768",
    "-analyzeduration",
    "0",
)
READ_SIZE: Final = 4096


class LiveTranscoder:
    """ffmpeg turning a recorded stream into MP3 (mono 24 kHz 48 kbit/s by default)."""

    def __init__(
        self,
        on_mp3: Callable[[bytes | None], None],
        profile: OutputProfile = LOW_BANDWIDTH_PROFILE,
    ) -> None:
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        args = [*LIVE_INPUT_ARGS, "-i", "pipe:0", "-map", "0:a:0", "-vn"]
        args += [*profile.codec_args(), "-flush_packets", "1", "pipe:1"]
        self._proc: FFmpegProcess = start_ffmpeg(args, stdin=PIPE, stdout=PIPE, stderr=self._err)
        self._on_mp3 = on_mp3
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="live-mp3", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stdout = self._proc.stdout
        assert stdout is not None
        try:
            while chunk := stdout.read1(READ_SIZE):  # type: ignore[attr-defined]
                self._on_mp3(chunk)
        finally:
            self._on_mp3(None)

    def write(self, data: bytes) -> bool:
        """Feed recorded bytes; False when ffmpeg has gone (the stream cannot go on)."""
        with self._lock:
            stdin = self._proc.stdin
            if stdin is None or stdin.closed or self._proc.poll() is not None:
                return False
            try:
                stdin.write(data)
                stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                return False
            return True

    def close(self, timeout: float = 5.0) -> None:
        """End the input, let ffmpeg write what it holds, then stop it."""
        with self._lock:
            stdin = self._proc.stdin
            if stdin is not None and not stdin.closed:
                with contextlib.suppress(OSError):
                    stdin.close()
        try:
            self._proc.wait(timeout)
        except TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._err.close()

    @property
    def running(self) -> bool:
        """Whether ffmpeg still runs."""
        return self._proc.poll() is None
