"""Live-stream test support: a real Icecast server (Debian's icecast2) per test.

Test modules load it with ``pytest_plugins = ["stream_support"]``; the ``icecast`` fixture
starts /usr/bin/icecast2 with its own config on a free loopback port (it drops to `nobody`, with a
log directory `nobody` owns) and stops it after the test. Listeners are in stream_listener.py.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from broadcast.stream import LocalIcecast


@pytest.fixture
def icecast(tmp_path: Path) -> Iterator[LocalIcecast]:
    """A running icecast2 on a free loopback port, stopped after the test."""
    with LocalIcecast(tmp_path / "icecast", password="test-source") as server:
        yield server
