"""One station's live feed: what plays when, paced in real time into its encoders.

A thread builds the stream chunk by chunk on a stream clock (50 ms of PCM each): a pre-emption
first, else the current airing, else silence, so receivers stay connected and items follow each
other with no gap. An airing starts when the stream clock reaches its start (joining late from
the right offset) and cuts an older one; when a file ends the next due airing starts in the same
chunk. Switching a source is swapping its decoder.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from audio.pcm_stream import BYTES_PER_S, Decoder, silence

log = logging.getLogger(__name__)

CHUNK_S = 0.05
CHUNK_BYTES = int(BYTES_PER_S * CHUNK_S)  # 2400 bytes: one atomic pipe write
JOIN_LATE_S = 0.5  # an airing joined later than this starts from where it would be
RESYNC_S = 2.0  # a stream clock further behind the wall clock is moved forward


def utc_now() -> datetime:
    """The real clock (UTC)."""
    return datetime.now(UTC)


def rehearsal_clock(start: datetime | None) -> Callable[[], datetime]:
    """The real clock, or one that reads `start` now and runs on from there (a rehearsal)."""
    if start is None:
        return utc_now
    origin, began = start.astimezone(UTC), time.monotonic()
    return lambda: origin + timedelta(seconds=time.monotonic() - began)


@dataclass(frozen=True)
class Airing:
    """A file due on the stream at a time (a station's exported session)."""

    key: str
    start: datetime
    path: Path
    duration_s: float
    title: str
    session_id: int | None = None

    @property
    def end(self) -> datetime:
        """When the airing ends if it plays from its start."""
        return self.start + timedelta(seconds=self.duration_s)


class Sink(Protocol):
    """Where the PCM goes (an encoder)."""

    def write(self, chunk: bytes) -> None: ...

    def close(self) -> None: ...


@dataclass
class _Playing:
    decoder: Decoder
    kind: str  # "session", "alert" or "live"
    title: str
    airing: Airing | None = None
    played_s: float = 0.0


@dataclass
class FeederStatus:
    """What the feed is doing now."""

    on_air: bool
    kind: str | None
    title: str | None
    session_id: int | None
    played_s: float
    outputs: dict[str, bool] = field(default_factory=dict)


class StationFeeder:
    """The live feed of one station: a real-time thread writing PCM to its sinks."""

    def __init__(
        self, station_id: int, sinks: Sequence[Sink], now: Callable[[], datetime] = utc_now
    ) -> None:
        self.station_id = station_id
        self.now = now
        self.sinks = list(sinks)
        self._lock = threading.Lock()
        self._airings: list[Airing] = []
        self._done: set[str] = set()
        self._current: _Playing | None = None
        self._preempt: _Playing | None = None
        self._interrupted: tuple[Airing, float] | None = None
        self._resume = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"stream-{station_id}", daemon=True)

    def start(self) -> None:
        """Start the real-time thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread, its decoders and its sinks."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        with self._lock:
            for playing in (self._current, self._preempt):
                if playing is not None:
                    playing.decoder.close()
            self._current = self._preempt = None
        for sink in self.sinks:
            sink.close()

    def set_airings(self, airings: Sequence[Airing]) -> None:
        """Replace the airings the feed knows (the current one keeps playing)."""
        with self._lock:
            self._airings = sorted(airings, key=lambda a: (a.start, a.key))

    def preempt(self, audio_path: Path, resume: bool, title: str | None = None) -> None:
        """Interrupt what plays at once, play the file, then resume it (or go silent)."""
        playing = _Playing(Decoder(audio_path), "alert", title or audio_path.stem)
        self._take_over(playing, resume)

    def preempt_stream(self, url: str, resume: bool = True, title: str | None = None) -> None:
        """Interrupt what plays with a live source (HTTP URL) until it ends or end_preempt()."""
        self._take_over(_Playing(Decoder(url), "live", title or "Phát trực tiếp"), resume)

    def preempt_chunks(
        self, chunks: Iterator[bytes], resume: bool = True, title: str | None = None
    ) -> None:
        """Interrupt what plays with MP3 pieces handed over in this process until they end."""
        self._take_over(_Playing(Decoder(chunks), "live", title or "Phát trực tiếp"), resume)

    def end_preempt(self) -> None:
        """End a running pre-emption now (then resume or go silent as it asked)."""
        with self._lock:
            if self._preempt is not None:
                self._preempt.decoder.close()
                self._after_preempt()

    def _take_over(self, playing: _Playing, resume: bool) -> None:
        with self._lock:
            if self._current is not None:
                current = self._current
                current.decoder.close()
                if current.airing is not None:
                    self._interrupted = (current.airing, current.played_s)
                self._current = None
            if self._preempt is not None:
                self._preempt.decoder.close()
            self._preempt, self._resume = playing, resume
        log.info("station %s stream pre-empted by %s", self.station_id, playing.title)

    def status(self) -> FeederStatus:
        """What is on the stream now."""
        with self._lock:
            playing = self._preempt or self._current
            outputs = {
                getattr(s, "name", str(i)): bool(getattr(s, "running", True))
                for i, s in enumerate(self.sinks)
            }
            if playing is None:
                return FeederStatus(False, None, None, None, 0.0, outputs)
            session = playing.airing.session_id if playing.airing is not None else None
            return FeederStatus(
                True, playing.kind, playing.title, session, playing.played_s, outputs
            )

    def _after_preempt(self) -> None:
        """The pre-emption ended: resume the interrupted airing from where it stopped, or not."""
        self._preempt = None
        interrupted, self._interrupted = self._interrupted, None
        if interrupted is None:
            return
        airing, played_s = interrupted
        if self._resume and played_s < airing.duration_s:
            decoder = Decoder(airing.path, played_s)
            self._current = _Playing(decoder, "session", airing.title, airing, played_s)
        else:
            self._done.add(airing.key)

    def _due(self, at: datetime, newer_than: datetime | None) -> Airing | None:
        due = None
        for airing in self._airings:
            if airing.start > at:
                break
            if airing.key in self._done or at >= airing.end:
                continue
            if newer_than is None or airing.start > newer_than:
                due = airing
        return due

    def _source(self, at: datetime) -> _Playing | None:
        """The source of the next bytes at stream time `at` (switching when due)."""
        if self._preempt is not None:
            return self._preempt
        current = self._current
        newer = self._due(at, current.airing.start if current and current.airing else None)
        if newer is None or (current is not None and current.airing is None):
            return current
        if current is not None:
            current.decoder.close()
            if current.airing is not None:
                self._done.add(current.airing.key)
        offset = (at - newer.start).total_seconds()
        offset = offset if offset > JOIN_LATE_S else 0.0
        self._current = _Playing(Decoder(newer.path, offset), "session", newer.title, newer, offset)
        log.info("station %s stream plays %s from %.1f s", self.station_id, newer.key, offset)
        return self._current

    def _ended(self, playing: _Playing) -> None:
        playing.decoder.close()
        if playing is self._preempt:
            self._after_preempt()
        elif playing is self._current:
            if playing.airing is not None:
                self._done.add(playing.airing.key)
            self._current = None

    def next_chunk(self, at: datetime) -> bytes:
        """The PCM chunk for stream time `at`."""
        buf = bytearray()
        with self._lock:
            while len(buf) < CHUNK_BYTES:
                playing = self._source(at)
                if playing is None:
                    break
                need = CHUNK_BYTES - len(buf)
                data = playing.decoder.read(need)
                playing.played_s += len(data) / BYTES_PER_S
                buf += data
                if len(data) < need:
                    self._ended(playing)
        return bytes(buf) + silence(CHUNK_BYTES - len(buf))

    def _run(self) -> None:
        start_mono, start_utc, k = time.monotonic(), self.now(), 0
        while not self._stop.is_set():
            delay = start_mono + k * CHUNK_S - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            elif delay < -RESYNC_S:
                log.warning("station %s stream %.1f s late: resync", self.station_id, -delay)
                start_mono, start_utc, k = time.monotonic(), self.now(), 0
            try:
                chunk = self.next_chunk(start_utc + timedelta(seconds=k * CHUNK_S))
            except Exception:  # a broken source never stops the stream: silence instead
                log.exception("station %s stream source failed", self.station_id)
                chunk = silence(CHUNK_BYTES)
            for sink in self.sinks:
                sink.write(chunk)
            k += 1
