"""Full render: stream processed items (raw PCM) into ONE encoder process, with flat memory.

Used when cached items cannot be joined frame by frame (crossfades, non-MP3 profiles, gaps too
short for the encoder delay). Items are written in order as each becomes ready; gaps are
zeros; a crossfade holds back the end of the previous item (only ``crossfade_s`` of it) and
mixes it linearly with the start of the next. A second ffmpeg measures the encoded stream.
"""

from __future__ import annotations

import wave
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio._ffmpeg_pipe import FFmpegPipe, tee_output
from audio._items import Processed
from audio.errors import AudioError
from audio.playlist import AudioItem
from audio.profiles import OutputProfile

CHUNK_SECONDS: Final = 10
ENCODE_SHARE: Final = 0.98  # fraction of progress given to items + encoding; the rest: finishing

ProgressFn = Callable[[float, str], None]


def result(item: AudioItem, future: Future[Processed]) -> Processed:
    """The processed item; its AudioError, if any, is tagged with the item's ref."""
    try:
        return future.result()
    except AudioError as exc:
        exc.ref = exc.ref or item.ref
        raise


def raise_first_failure(items: Sequence[AudioItem], futures: Sequence[Future[Processed]]) -> None:
    """Fail fast: re-raise the error of the first item already known to have failed."""
    for item, future in zip(items, futures, strict=True):
        if future.done() and not future.cancelled() and future.exception() is not None:
            result(item, future)


def crossfade(tail: bytes, head: bytes, channels: int) -> bytes:
    """Linear crossfade of two equally long s16le blocks (tail fades out, head fades in)."""
    a, b = array("h", tail), array("h", head)
    frames = len(a) // channels
    out = array("h", bytes(len(a) * 2))
    for index in range(len(a)):
        frac = (index // channels) / frames
        value = int(a[index] * (1.0 - frac) + b[index] * frac)
        out[index] = max(-32768, min(32767, value))
    return out.tobytes()


@dataclass(frozen=True)
class Streamed:
    """What encoding the session produced, besides the file itself."""

    processed: list[Processed]
    offsets_s: list[float]
    frames: int
    loudness: _ffmpeg.LoudnessSummary


class _Writer:
    """Feeds PCM to the encoder, holding back the tail an upcoming crossfade will overlap."""

    def __init__(self, encoder: FFmpegPipe, profile: OutputProfile) -> None:
        self.encoder, self.width = encoder, 2 * profile.channels
        self.channels, self.rate = profile.channels, profile.sample_rate
        self.held = b""
        self.position = 0  # frames written or held

    def silence(self, seconds: float) -> None:
        self.flush()
        data = bytes(round(seconds * self.rate) * self.width)
        self.encoder.write(data)
        self.position += len(data) // self.width

    def flush(self) -> None:
        if self.held:
            self.encoder.write(self.held)
            self.held = b""

    def item(self, wav: Path, xfade_in_s: float, hold_s: float, on: Callable[[float], None]) -> int:
        """Write one item; returns the frame where it starts."""
        with wave.open(str(wav), "rb") as reader:
            found = (reader.getframerate(), reader.getnchannels(), reader.getsampwidth())
            if found != (self.rate, self.channels, 2):
                raise AudioError(f"processed item {wav.name} has format {found}, not the profile's")
            total = reader.getnframes()
            overlap = min(round(xfade_in_s * self.rate), total, len(self.held) // self.width)
            start = self.position - overlap
            if overlap:
                keep = len(self.held) - overlap * self.width
                self.encoder.write(self.held[:keep])
                mixed = crossfade(self.held[keep:], reader.readframes(overlap), self.channels)
                self.encoder.write(mixed)
                self.held = b""
            else:
                self.flush()
            hold = min(round(hold_s * self.rate), total - overlap)
            sent, step = overlap, self.rate * CHUNK_SECONDS
            while sent < total - hold:
                data = reader.readframes(min(step, total - hold - sent))
                if not data:
                    break
                self.encoder.write(data)
                sent += len(data) // self.width
                on(sent / total)
            self.held = reader.readframes(hold) if hold else b""
            self.position = start + total
            return start


def stream_session(
    items: Sequence[AudioItem],
    futures: Sequence[Future[Processed]],
    tmp_out: Path,
    profile: OutputProfile,
    gap_s: float,
    progress: ProgressFn,
) -> Streamed:
    """Encode the processed items in order (gaps, crossfades) into ``tmp_out``, measured."""
    rate, n = profile.sample_rate, len(items)
    pcm_in = ["-f", "s16le", "-ar", str(rate), "-ac", str(profile.channels), "-i", "pipe:0"]
    mp3 = profile.codec == "mp3"
    tee = tee_output(
        profile.container,
        tmp_out,
        options="id3v2_version=0" if mp3 else "",
        pipe_options="write_xing=0" if mp3 else "",
    )
    args = [*pcm_in, *profile.encoder_args(), "-map", "0:a", *tee]
    done: list[Processed] = []
    offsets: list[float] = []
    with FFmpegPipe(args, measure_stdout=profile.container) as encoder:
        writer = _Writer(encoder, profile)
        for i, (item, future) in enumerate(zip(items, futures, strict=True)):
            progress(ENCODE_SHARE * i / n, f"Đang chuẩn hoá mục {i + 1}/{n}: {item.title}")
            raise_first_failure(items[i:], futures[i:])
            processed = result(item, future)
            if i and not item.crossfade_s and item.gap(gap_s):
                writer.silence(item.gap(gap_s))
            hold = items[i + 1].crossfade_s if i + 1 < n else 0.0
            message = f"Đang ghép mục {i + 1}/{n}: {item.title}"

            def on_chunk(fraction: float, i: int = i, message: str = message) -> None:
                progress(ENCODE_SHARE * (i + fraction) / n, message)

            xfade = item.crossfade_s if i else 0.0
            if processed.wav is None:
                raise AudioError(f"processed item {processed.encoded.name} has no PCM to stream")
            offsets.append(writer.item(processed.wav, xfade, hold, on_chunk) / rate)
            done.append(processed)
        writer.flush()
        progress(ENCODE_SHARE, "Đang hoàn tất tệp âm thanh")
        loudness = encoder.finish()
    assert loudness is not None
    return Streamed(done, offsets, writer.position, loudness)
