"""The tests' Celery brokers (a real RabbitMQ and Redis on loopback) and `loa worker` processes
running Celery workers on them: each test has a queue of its own, deleted when it ends."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from select import select as readable
from urllib.parse import urlsplit

import pytest
from job_waits import WAIT_S
from kombu import Connection

from broadcast.config import Settings

import databases

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {
    "rabbitmq": os.environ.get("LOA_TEST_RABBITMQ_URL") or "amqp://guest:guest@127.0.0.1:5672//",
    "redis": os.environ.get("LOA_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0",
}
HOW_TO_START = {
    "rabbitmq": "apt-get install rabbitmq-server && systemctl start rabbitmq-server "
    "(or name another one in LOA_TEST_RABBITMQ_URL)",
    "redis": "apt-get install redis-server && systemctl start redis-server "
    "(or name another one in LOA_TEST_REDIS_URL)",
}


def require_broker(kind: str) -> str:
    """The broker's URL; the test fails (never skips) when it does not answer."""
    url = BROKERS[kind]
    parts = urlsplit(url)
    port = parts.port or (5672 if kind == "rabbitmq" else 6379)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=3).close()
    except OSError as exc:
        pytest.fail(f"{kind} is not reachable at {url} ({exc}): {HOW_TO_START[kind]}")
    return url


@contextmanager
def own_queue(kind: str) -> Iterator[dict[str, str]]:
    """Settings of a queue of this test's own on the broker; the queue is deleted at the end."""
    url = require_broker(kind)
    name = f"loa-test-{os.getpid()}-{secrets.token_hex(3)}"
    try:
        yield {"queue_broker_url": url, "queue_name": name}
    finally:
        drop_queue(url, name)


def drop_queue(url: str, name: str) -> None:
    """Delete a queue and what goes with it (RabbitMQ: its exchange; Redis: the keys under
    its name, unacknowledged messages too)."""
    with Connection(url) as conn:
        channel = conn.default_channel
        if conn.transport.driver_type == "redis":
            keys = list(channel.client.scan_iter(match=f"{name}:*"))
            if keys:
                channel.client.delete(*keys)
        else:
            channel.queue_delete(name)
            channel.exchange_delete(name)


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def celery_workers(
    settings: Settings, count: int, logs: Path, **env: str
) -> Iterator[list[subprocess.Popen[str]]]:
    """`count` `loa worker` processes (Celery, one job at a time) on the settings' broker and
    database, each ready; every process of each (its pool too) killed at the end."""
    values = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir),
        "LOA_DATABASE_URL": databases.env_url(settings.data_dir),
        "LOA_TTS_ENGINE": "espeak",
        "LOA_QUEUE_BROKER_URL": settings.queue_broker_url or "",
        "LOA_QUEUE_NAME": settings.queue_name,
        "LOA_QUEUE_REPUBLISH_SECONDS": str(settings.queue_republish_seconds),
        "LOA_JOB_LEASE_SECONDS": str(settings.job_lease_seconds),
        "LOA_TEMP_MAX_AGE_SECONDS": "600",
        **env,
    }
    procs: list[subprocess.Popen[str]] = []
    try:
        for i in range(count):
            with open(logs / f"worker-{i}.log", "w") as log:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "broadcast", "worker"],
                        cwd=ROOT,
                        env=values,
                        stdout=subprocess.PIPE,
                        stderr=log,
                        text=True,
                        start_new_session=True,  # its process group: the worker and its pool
                    )
                )
        for proc in procs:
            _wait_ready(proc)
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # pool processes left behind


def _wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        ready, _w, _x = readable([proc.stdout], [], [], deadline - time.monotonic())
        line = proc.stdout.readline() if ready else ""
        if "sẵn sàng" in line:
            return
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"worker {proc.pid} not ready (exit {proc.poll()})")


def owner(procs: list[subprocess.Popen[str]], worker: str | None) -> subprocess.Popen[str]:
    """The `loa worker` process whose pool process is a job's worker ("host:pid")."""
    pid = int((worker or ":0").rpartition(":")[2])
    group = os.getpgid(pid)
    return next(proc for proc in procs if proc.pid == group)
