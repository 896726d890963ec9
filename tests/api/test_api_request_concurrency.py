"""LOA_REQUEST_CONCURRENCY bounds the requests of a process that hold a database session at
once; the others wait for a turn and are answered, not refused."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import event

from broadcast.config import Settings
from broadcast.db import get_engine

from conftest import make_settings, open_client

REQUESTS = 12


def _most_sessions_at_once(tmp_path: Path, concurrency: int) -> tuple[int, list[int]]:
    """The most connections checked out at once while 12 requests arrive together, and their
    statuses; each checkout lingers 50 ms so that overlapping requests would show."""
    settings = make_settings(tmp_path, request_concurrency=concurrency)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        lock, held, most = threading.Lock(), [0], [0]

        def checkout(*_args: Any) -> None:
            with lock:
                held[0] += 1
                most[0] = max(most[0], held[0])
            time.sleep(0.05)

        def checkin(*_args: Any) -> None:
            with lock:
                held[0] -= 1

        event.listen(engine, "checkout", checkout)
        event.listen(engine, "checkin", checkin)
        try:
            with ThreadPoolExecutor(REQUESTS) as pool:
                answers = list(pool.map(lambda _: client.get("/stations"), range(REQUESTS)))
        finally:
            event.remove(engine, "checkout", checkout)
            event.remove(engine, "checkin", checkin)
    return most[0], [answer.status_code for answer in answers]


def test_requests_beyond_the_limit_wait_for_a_session_and_are_all_answered(
    tmp_path: Path,
) -> None:
    # A request holds its session and, for a moment, a second connection that marks its token
    # used (in a transaction of its own): two connections at most per request let in.
    most, statuses = _most_sessions_at_once(tmp_path / "two", 2)
    assert statuses == [200] * REQUESTS
    assert most <= 2 * 2
    wide, statuses = _most_sessions_at_once(tmp_path / "twelve", REQUESTS)
    assert statuses == [200] * REQUESTS
    assert wide > 2 * 2  # the measure sees overlap when the limit allows it


@pytest.mark.parametrize("value", [0, 41])
def test_a_limit_outside_1_to_40_is_refused(value: int) -> None:
    with pytest.raises(ValidationError, match="request_concurrency"):
        Settings(_env_file=None, request_concurrency=value)  # type: ignore[call-arg]
