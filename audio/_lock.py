"""One render of a cache key at a time, across threads, processes and machines sharing the
folder: an flock per key, released by the kernel when its holder dies (kill -9 included)."""

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

_LOCK_POLL_S: Final = 0.05  # how often a render waiting for another's item looks again


class Cancelled(Exception):
    """Raised inside workers once the render has been abandoned."""


@contextmanager
def key_lock(path: Path, cancel: threading.Event) -> Iterator[None]:
    """Hold the lock of one cache key: one render of an item at a time, across processes.

    A killed render never blocks the next; waiting gives up when the render is cancelled.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if cancel.wait(_LOCK_POLL_S):
                    raise Cancelled from None
        yield
    finally:
        os.close(fd)  # closing releases the lock
