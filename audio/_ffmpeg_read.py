"""Streaming decode: ffmpeg writes raw mono float PCM to a pipe that is read in chunks.

Memory stays flat whatever the length of the file: each chunk is handed to a callback and
dropped. stderr goes to a temp file, so a full pipe can never block ffmpeg. The process is
started by ``audio._ffmpeg.start_ffmpeg``; this module only reads and judges it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from audio._ffmpeg import DEVNULL, PIPE, SAFE_INPUT_ARGS, conform_filter, file_arg, start_ffmpeg
from audio._ffmpeg_parse import AudioInfo, exit_failure, parse_audio_stream, unusable_input
from audio.errors import AudioRejected

BYTES_PER_SAMPLE: Final = 4  # f32le


def _pcm_args(path: Path, sample_rate: int) -> list[str]:
    """Decode the first audio stream to mono 32-bit float PCM on stdout."""
    return [
        *SAFE_INPUT_ARGS,
        "-i",
        file_arg(path),
        "-map",
        "0:a:0",
        "-vn",
        "-sn",
        "-dn",
        "-af",
        conform_filter(sample_rate, 1, "flt"),
        "-f",
        "f32le",
        "-c:a",
        "pcm_f32le",
        "pipe:1",
    ]


def read_pcm(
    path: Path,
    on_chunk: Callable[[bytes], None],
    *,
    sample_rate: int,
    chunk_seconds: float = 1.0,
) -> AudioInfo:
    """Decode ``path`` to mono f32le at ``sample_rate``, calling ``on_chunk`` for each chunk.

    Returns the input stream's format and the decoded duration. Raises AudioRejected
    ("empty"/"not_audio") for unusable input, FFmpegFailed when ffmpeg itself fails.
    """
    if path.stat().st_size == 0:
        raise AudioRejected("empty", f"{path.name} is an empty file")
    chunk_bytes = max(1, round(sample_rate * chunk_seconds)) * BYTES_PER_SAMPLE
    samples = 0
    with tempfile.TemporaryFile() as err:
        proc = start_ffmpeg(_pcm_args(path, sample_rate), stdin=DEVNULL, stdout=PIPE, stderr=err)
        assert proc.stdout is not None
        try:
            while chunk := proc.stdout.read(chunk_bytes):
                usable = len(chunk) - len(chunk) % BYTES_PER_SAMPLE
                samples += usable // BYTES_PER_SAMPLE
                on_chunk(chunk[:usable])
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        err.seek(0)
        stderr_bytes = err.read()
    return _report(path, proc.returncode, stderr_bytes, samples / sample_rate)


def _report(path: Path, returncode: int, stderr_bytes: bytes, duration_s: float) -> AudioInfo:
    """Judge a finished decode like ``_ffmpeg.decode`` does; return the input's format."""
    stderr = stderr_bytes.decode("utf-8", "replace")
    stream = parse_audio_stream(stderr)
    if returncode != 0:
        if unusable_input(stream, stderr):
            raise AudioRejected("not_audio", f"ffmpeg cannot decode {path.name} as audio")
        raise exit_failure(returncode, stderr_bytes)
    if stream is None:
        raise AudioRejected("not_audio", f"no audio stream in {path.name}")
    if duration_s <= 0.0:
        raise AudioRejected("empty", f"no audio samples could be decoded from {path.name}")
    return AudioInfo(duration_s, stream[0], stream[1], stream[2])
