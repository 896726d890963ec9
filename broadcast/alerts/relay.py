"""Live alerts: the operator's recorded chunks go through one transcoder per alert; its MP3 is
fanned out to every listener (devices, the stream feeder) through bounded buffers.

A listener that falls LISTENER_LIMIT chunks behind is dropped (it reconnects), never slowing the
others or the transcoder. Relays live in this process: ingest and listeners meet in one server.
"""

import asyncio
import contextlib
import queue
import threading
from collections import deque
from typing import Final, Protocol

from audio.mic_transcoder import LiveTranscoder
from broadcast.alerts.notify import on_alert_ended
from broadcast.errors import Conflict

LISTENER_LIMIT: Final = 256  # chunks of up to 4 KiB: about a minute of 48 kbit/s MP3


class Listener(Protocol):
    def deliver(self, chunk: bytes | None) -> None:
        """Take one MP3 chunk (None: the stream ended); never block."""


class AsyncListener:
    """A listener read by a coroutine of one event loop."""

    def __init__(self, limit: int = LISTENER_LIMIT) -> None:
        self._loop = asyncio.get_running_loop()
        self._chunks: deque[bytes] = deque()
        self._ready = asyncio.Event()
        self._limit = limit
        self.closed = False
        self.dropped = False

    def deliver(self, chunk: bytes | None) -> None:
        """Called from the transcoder's thread."""
        with contextlib.suppress(RuntimeError):  # the loop has closed
            self._loop.call_soon_threadsafe(self._take, chunk)

    def _take(self, chunk: bytes | None) -> None:
        if self.closed:
            return
        if chunk is None:
            self.closed = True
        elif len(self._chunks) >= self._limit:
            self.closed = self.dropped = True
            self._chunks.clear()
        else:
            self._chunks.append(chunk)
        self._ready.set()

    async def next(self, timeout: float) -> bytes | None:
        """The next chunk; b"" when none came within ``timeout``; None when it ended."""
        if not self._chunks and not self.closed:
            self._ready.clear()
            try:
                await asyncio.wait_for(self._ready.wait(), timeout)
            except TimeoutError:
                return b""
        if self._chunks:
            return self._chunks.popleft()
        return None


class QueueListener:
    """A listener read by a thread (the stream feeder): iterate it for MP3 chunks."""

    def __init__(self, limit: int = LISTENER_LIMIT) -> None:
        self._queue: queue.Queue[bytes | None] = queue.Queue(limit)
        self.dropped = False

    def deliver(self, chunk: bytes | None) -> None:
        """Called from the transcoder's thread."""
        if self.dropped:
            return
        try:
            self._queue.put_nowait(chunk)
        except queue.Full:
            self.dropped = True
            while not self._queue.empty():
                self._queue.get_nowait()
            self._queue.put_nowait(None)

    def __iter__(self) -> "QueueListener":
        return self

    def __next__(self) -> bytes:
        chunk = self._queue.get()
        if chunk is None:
            raise StopIteration
        return chunk


class LiveRelay:
    """One live alert's transcoder and listeners."""

    def __init__(self, alert_id: int) -> None:
        self.alert_id = alert_id
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._transcoder: LiveTranscoder | None = None
        self.next_seq = 0
        self.ended = False
        self.bytes_out = 0

    def _fan_out(self, chunk: bytes | None) -> None:
        with self._lock:
            listeners = list(self._listeners)
            if chunk is None:
                self._listeners.clear()
                self.ended = True
            else:
                self.bytes_out += len(chunk)
        for listener in listeners:
            listener.deliver(chunk)

    @property
    def listening(self) -> int:
        """How many listeners the relay sends to now."""
        with self._lock:
            return len(self._listeners)

    def add(self, listener: Listener) -> None:
        """Start sending MP3 to a listener (ended at once when the relay has ended)."""
        with self._lock:
            if not self.ended:
                self._listeners.append(listener)
                return
        listener.deliver(None)

    def remove(self, listener: Listener) -> None:
        """Stop sending to a listener (it went away)."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def feed(self, seq: int, data: bytes) -> bool:
        """Feed recorded chunk number ``seq`` (from 0); False for a chunk already fed (a retry)."""
        with self._lock:
            if self.ended:
                raise Conflict("buổi phát trực tiếp đã kết thúc", code="live.ended")
            if seq < self.next_seq:
                return False
            if seq > self.next_seq:
                raise Conflict(
                    f"thiếu đoạn ghi âm số {self.next_seq} (nhận được số {seq})", code="live.gap"
                )
            if self._transcoder is None:
                self._transcoder = LiveTranscoder(self._fan_out)
            transcoder = self._transcoder
            self.next_seq += 1
        if not transcoder.write(data):
            self.close()
            raise Conflict("bộ mã hoá phát trực tiếp đã dừng", code="live.failed")
        return True

    def close(self) -> None:
        """End the stream: the transcoder writes what it holds, then every listener ends."""
        with self._lock:
            transcoder, self._transcoder = self._transcoder, None
        if transcoder is not None:
            transcoder.close()
        self._fan_out(None)


_relays: dict[int, LiveRelay] = {}
_relays_lock = threading.Lock()


def live_relay(alert_id: int) -> LiveRelay:
    """The relay of a live alert in this process (made on first use)."""
    with _relays_lock:
        relay = _relays.get(alert_id)
        if relay is None:
            relay = _relays[alert_id] = LiveRelay(alert_id)
        return relay


def close_relay(alert_id: int) -> None:
    """End a live alert's relay, if this process has one."""
    with _relays_lock:
        relay = _relays.pop(alert_id, None)
    if relay is not None:
        relay.close()


def close_relays() -> None:
    """End every live relay of this process (the server is stopping)."""
    with _relays_lock:
        ids = list(_relays)
    for alert_id in ids:
        close_relay(alert_id)


def listen_live(alert_id: int) -> QueueListener:
    """The hook for the stream feeder: an iterator of the live alert's MP3 chunks."""
    listener = QueueListener()
    live_relay(alert_id).add(listener)
    return listener


on_alert_ended(close_relay)
