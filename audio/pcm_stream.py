"""Live PCM streaming: decoders (file or URL to raw PCM) and restartable encoders (Icecast, HLS).

The live format is signed 16-bit mono PCM at 24 kHz; a stream writer decodes sources into it and
feeds one encoder per output. Encoders are written without blocking: a stalled or dead encoder
drops audio and is restarted with backoff, so one output never holds up another.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from audio._ffmpeg import (
    DEVNULL,
    PIPE,
    SAFE_INPUT_ARGS,
    FFmpegProcess,
    TimeoutExpired,
    file_arg,
    start_ffmpeg,
)

log = logging.getLogger(__name__)

RATE: Final = 24000
BYTES_PER_S: Final = RATE * 2  # s16le mono
PCM_ARGS: Final = ("-f", "s16le", "-ar", str(RATE), "-ac", "1")
LIVE_PROTOCOLS: Final = "http,https,tcp,tls,crypto"
STALL_S: Final = 5.0  # an encoder that takes nothing for this long is restarted
LIVE_BUFFER_BYTES: Final = BYTES_PER_S * 2  # a live source runs at most 2 s behind


def silence(size: int) -> bytes:
    """`size` bytes of silent PCM."""
    return bytes(size)


class Decoder:
    """An ffmpeg process decoding a file (from `offset_s`) or a live URL to PCM on its stdout.

    A file is read on demand (ffmpeg decodes far faster than real time). A live source is read
    by a thread into a buffer, so a stalled link gives silence instead of holding up the stream.
    """

    def __init__(self, source: Path | str | Iterator[bytes], offset_s: float = 0.0) -> None:
        chunks = None if isinstance(source, Path | str) else source
        if isinstance(source, Path):
            seek = ["-ss", f"{offset_s:.3f}"] if offset_s > 0 else []
            inputs = [*SAFE_INPUT_ARGS, *seek, "-i", file_arg(source)]
        elif isinstance(source, str):
            inputs = ["-protocol_whitelist", LIVE_PROTOCOLS, "-i", source]
        else:  # MP3 pieces handed over by this process (a live relay)
            inputs = ["-protocol_whitelist", "pipe", "-f", "mp3", "-i", "pipe:0"]
        args = ["-loglevel", "error", *inputs, "-vn", *PCM_ARGS, "-c:a", "pcm_s16le", "pipe:1"]
        stdin = DEVNULL if chunks is None else PIPE
        self.process: FFmpegProcess = start_ffmpeg(args, stdin=stdin, stdout=PIPE, stderr=DEVNULL)
        self._live: bytearray | None = None
        self._ended = threading.Event()
        self._lock = threading.Lock()
        if not isinstance(source, Path):
            self._live = bytearray()
            threading.Thread(target=self._pump, name="live-source", daemon=True).start()
        if chunks is not None:
            threading.Thread(
                target=self._feed, args=(chunks,), name="live-feed", daemon=True
            ).start()

    def _feed(self, chunks: Iterator[bytes]) -> None:
        """Hand the pieces to ffmpeg's stdin; closing it ends the decoder."""
        stdin = self.process.stdin
        try:
            for chunk in chunks:
                if stdin is None or self._ended.is_set():
                    break
                stdin.write(chunk)
                stdin.flush()
        except (OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError, ValueError):
                if stdin is not None:
                    stdin.close()

    def _pump(self) -> None:
        out = self.process.stdout
        try:
            while out is not None and (data := os.read(out.fileno(), 4096)):
                with self._lock:
                    assert self._live is not None
                    del self._live[: max(0, len(self._live) + len(data) - LIVE_BUFFER_BYTES)]
                    self._live += data
        except (OSError, ValueError):
            pass
        self._ended.set()

    def read(self, size: int) -> bytes:
        """Up to `size` bytes (fewer only at the end of the source); a live underrun is silence."""
        if self._live is None:
            out = self.process.stdout
            return out.read(size) if out is not None else b""
        with self._lock:
            data = bytes(self._live[:size])
            del self._live[:size]
        if len(data) == size or self._ended.is_set():
            return data
        return data + silence(size - len(data))

    def close(self) -> None:
        """Stop the process and reap it."""
        with contextlib.suppress(OSError):
            self.process.kill()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process.wait()


def icecast_args(url: str) -> list[str]:
    """Encoder arguments: PCM on stdin to a low-bandwidth MP3 (mono 24 kHz 48 kbit/s) HTTP PUT."""
    return [
        *("-c:a", "libmp3lame", "-b:a", "48k", "-write_xing", "0", "-id3v2_version", "0"),
        *(
            "-content_type",
            "audio/mpeg",
            "-method",
            "PUT",
            "-chunked_post",
            "0",
            "-flush_packets",
            "1",
        ),
        *("-f", "mp3", url),
    ]


def hls_args(folder: Path, segment_s: float = 2.0, list_size: int = 6) -> list[str]:
    """Encoder arguments: AAC in MPEG-TS segments, a bounded playlist written atomically."""
    return [
        *("-c:a", "aac", "-b:a", "48k", "-f", "hls", "-hls_time", f"{segment_s:g}"),
        *("-hls_list_size", str(list_size), "-hls_start_number_source", "epoch"),
        *("-hls_flags", "delete_segments+temp_file+omit_endlist"),
        *("-hls_segment_filename", str(folder / "seg-%d.ts")),
        str(folder / "index.m3u8"),
    ]


class Encoder:
    """One long-lived ffmpeg encoding PCM from stdin to an output; restarted with backoff."""

    def __init__(self, name: str, output_args: Sequence[str], max_backoff_s: float = 30.0) -> None:
        self.name = name
        self.output_args = list(output_args)
        self.max_backoff_s = max_backoff_s
        self.process: FFmpegProcess | None = None
        self.restarts = 0  # starts after the first one
        self.dropped_bytes = 0
        self._backoff_s = 0.5
        self._next_start = 0.0
        self._last_write = self._started_at = 0.0
        self._starts = 0

    @property
    def running(self) -> bool:
        """True while the encoder process is alive."""
        return self.process is not None and self.process.poll() is None

    def _start(self, now: float) -> None:
        args = ["-loglevel", "error", *PCM_ARGS, "-i", "pipe:0", *self.output_args]
        self.process = start_ffmpeg(args, stdin=PIPE, stdout=DEVNULL, stderr=DEVNULL)
        assert self.process.stdin is not None
        os.set_blocking(self.process.stdin.fileno(), False)
        self._last_write = self._started_at = now
        self._starts += 1
        self.restarts = self._starts - 1
        if self.restarts:
            log.info("stream encoder %s restarted (%d)", self.name, self.restarts)

    def _lost(self, now: float, why: str) -> None:
        log.warning("stream encoder %s lost (%s); retry in %.1f s", self.name, why, self._backoff_s)
        self.close()
        self._next_start = now + self._backoff_s
        self._backoff_s = min(self._backoff_s * 2, self.max_backoff_s)

    def write(self, chunk: bytes) -> None:
        """Hand one PCM chunk (<= 4096 bytes, written atomically) to the encoder, never blocking."""
        now = time.monotonic()
        if self.process is not None and self.process.poll() is not None:
            self._lost(now, f"exit {self.process.returncode}")
        if self.process is None:
            if now < self._next_start:
                self.dropped_bytes += len(chunk)
                return
            self._start(now)
        assert self.process is not None and self.process.stdin is not None
        try:
            os.write(self.process.stdin.fileno(), chunk)
        except BlockingIOError:
            self.dropped_bytes += len(chunk)
            if now - self._last_write > STALL_S:
                self._lost(now, "stalled")
            return
        except (BrokenPipeError, OSError) as exc:
            self._lost(now, type(exc).__name__)
            return
        if now - self._started_at > 10.0:
            self._backoff_s = 0.5  # connected for a while: the next loss retries quickly
        self._last_write = now

    def close(self) -> None:
        """Stop the process (end of input, then kill if it lingers)."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=2)
        except TimeoutExpired:
            process.kill()
            process.wait()
