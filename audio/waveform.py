"""Peak envelopes of audio files, cached as JSON, and pictures of one file or a whole session.

An envelope is the (min, max) sample of equal blocks of the decoded mono signal. It is built
while ffmpeg streams low-rate PCM: blocks start one sample long and are merged pairwise each
time their number reaches ``MAX_BLOCKS``, so memory stays flat for a 60-minute file and the
envelope always holds between ``MAX_BLOCKS / 2`` and ``MAX_BLOCKS`` blocks (fewer for files
shorter than that many samples). A picture reduces envelopes to N buckets; SVG rendering is in
``audio.waveform_svg``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from audio._ffmpeg_read import read_pcm
from audio.importing import sha256_file

ANALYSIS_RATE: Final = 8000  # Hz; enough to see speech and music peaks
MAX_BLOCKS: Final = 8192  # even; halved to 4096 >= the widest picture (4000 buckets)
ENVELOPE_VERSION: Final = 1  # part of the cache file name: bump when the analysis changes
_DIGITS: Final = 5
_KEY_RE: Final = re.compile(r"[0-9A-Za-z_-]{8,128}")


@dataclass(frozen=True)
class Envelope:
    """Min and max sample (-1 … 1) of consecutive blocks of ``block_s`` seconds."""

    duration_s: float
    block_s: float
    mins: tuple[float, ...]
    maxs: tuple[float, ...]

    def peak_range(self, start_s: float, end_s: float) -> tuple[float, float]:
        """(min, max) of the blocks overlapping [start_s, end_s); (0, 0) outside the file."""
        if not self.mins or self.block_s <= 0:
            return 0.0, 0.0
        first = max(0, math.floor(start_s / self.block_s))
        last = min(len(self.mins), max(first + 1, math.ceil(end_s / self.block_s)))
        if first >= last:
            return 0.0, 0.0
        return min(self.mins[first:last]), max(self.maxs[first:last])

    def to_json(self) -> str:
        """The envelope as compact JSON (what the cache stores)."""
        return json.dumps(
            {
                "version": ENVELOPE_VERSION,
                "duration_s": self.duration_s,
                "block_s": self.block_s,
                "mins": self.mins,
                "maxs": self.maxs,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Envelope:
        """Parse ``to_json`` output; ValueError when it is not a valid envelope."""
        try:
            data = json.loads(text)
            env = cls(
                float(data["duration_s"]),
                float(data["block_s"]),
                tuple(float(v) for v in data["mins"]),
                tuple(float(v) for v in data["maxs"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a waveform envelope: {exc}") from exc
        if data.get("version") != ENVELOPE_VERSION or len(env.mins) != len(env.maxs):
            raise ValueError("waveform envelope of another version or with unequal lists")
        return env


class _Reducer:
    """Streams float samples into at most ``max_blocks`` equal blocks of (min, max)."""

    def __init__(self, max_blocks: int) -> None:
        self.max_blocks = max_blocks - max_blocks % 2
        self.block = 1
        self.mins: list[float] = []
        self.maxs: list[float] = []
        self.pending = array("f")

    def feed(self, chunk: bytes) -> None:
        data = array("f")
        data.frombytes(chunk)
        if self.pending:
            data = self.pending + data
        pos = 0
        while len(data) - pos >= self.block:
            part = data[pos : pos + self.block]
            self.mins.append(min(part))
            self.maxs.append(max(part))
            pos += self.block
            if len(self.mins) >= self.max_blocks:
                self._halve()
        self.pending = data[pos:]

    def _halve(self) -> None:
        """Merge neighbouring blocks pairwise; blocks become twice as long."""
        self.mins = [min(a, b) for a, b in zip(self.mins[::2], self.mins[1::2], strict=True)]
        self.maxs = [max(a, b) for a, b in zip(self.maxs[::2], self.maxs[1::2], strict=True)]
        self.block *= 2

    def finish(self, sample_rate: int, duration_s: float) -> Envelope:
        if self.pending:  # the last, partial block
            self.mins.append(min(self.pending))
            self.maxs.append(max(self.pending))
        return Envelope(
            round(duration_s, 6),
            self.block / sample_rate,
            tuple(round(v, _DIGITS) for v in self.mins),
            tuple(round(v, _DIGITS) for v in self.maxs),
        )


def compute_envelope(
    path: Path, *, sample_rate: int = ANALYSIS_RATE, max_blocks: int = MAX_BLOCKS
) -> Envelope:
    """Decode ``path`` (any format ffmpeg reads) and reduce it to a peak envelope."""
    reducer = _Reducer(max_blocks)
    info = read_pcm(path, reducer.feed, sample_rate=sample_rate)
    return reducer.finish(sample_rate, info.duration_s)


def cache_name(key: str) -> str:
    """A file name stem for a cache key: the key itself when it is a safe token, else its hash."""
    if _KEY_RE.fullmatch(key):
        return key
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def cached_envelope(path: Path, cache_dir: Path, key: str | None = None) -> Envelope:
    """The envelope of ``path``, from ``cache_dir`` when known (key: content hash of the file)."""
    cache_file = cache_dir / f"{cache_name(key or sha256_file(path))}.v{ENVELOPE_VERSION}.json"
    try:
        return Envelope.from_json(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        pass  # missing or unreadable: compute again
    envelope = compute_envelope(path)
    _write_atomic(cache_file, envelope.to_json())
    return envelope


def _write_atomic(path: Path, text: str) -> None:
    """Write text to a temporary name in the same folder, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Part:
    """One item of a session picture: its audio envelope, or None while it has no audio yet."""

    duration_s: float
    envelope: Envelope | None = None
    label: str = ""


@dataclass(frozen=True)
class Picture:
    """What a waveform picture shows: (min, max) per bucket, markers and parts without audio."""

    duration_s: float
    peaks: tuple[tuple[float, float], ...]
    markers: tuple[tuple[float, str], ...] = ()
    placeholders: tuple[tuple[float, float], ...] = field(default=())


def asset_picture(
    envelope: Envelope, buckets: int, markers: Sequence[tuple[float, str]] = ()
) -> Picture:
    """The picture of one file in ``buckets`` buckets, with optional (offset s, label) markers."""
    picture = session_picture([Part(envelope.duration_s, envelope)], buckets)
    return Picture(picture.duration_s, picture.peaks, tuple(markers))


def session_picture(parts: Sequence[Part], buckets: int, gap_s: float = 0.0) -> Picture:
    """Items laid end to end (``gap_s`` of silence between them), each marked where it starts."""
    if buckets < 1:
        raise ValueError("a picture needs at least one bucket")
    spans: list[tuple[float, float, Part]] = []
    clock = 0.0
    for part in parts:
        length = max(0.0, part.duration_s)
        if spans:
            clock += gap_s
        spans.append((clock, clock + length, part))
        clock += length
    total = clock
    lows, highs = [0.0] * buckets, [0.0] * buckets
    if total > 0:
        for start, end, part in spans:
            if part.envelope is not None and end > start:
                _paint(lows, highs, total, start, end, part.envelope)
    markers = tuple((start, part.label) for start, _end, part in spans)
    holes = tuple((start, end) for start, end, part in spans if part.envelope is None)
    return Picture(total, tuple(zip(lows, highs, strict=True)), markers, holes)


def _paint(
    lows: list[float], highs: list[float], total: float, start: float, end: float, env: Envelope
) -> None:
    """Merge one item's peaks into the buckets it overlaps; its time is scaled to its span."""
    count = len(lows)
    step = total / count
    scale = env.duration_s / (end - start)
    first = min(count - 1, math.floor(start / step))
    last = min(count, max(first + 1, math.ceil(end / step)))
    for index in range(first, last):
        lo_s, hi_s = max(start, index * step), min(end, (index + 1) * step)
        if hi_s <= lo_s:
            continue
        low, high = env.peak_range((lo_s - start) * scale, (hi_s - start) * scale)
        lows[index] = min(lows[index], low)
        highs[index] = max(highs[index], high)
