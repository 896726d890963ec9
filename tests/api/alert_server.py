"""The app on a real port (uvicorn in a thread) and a device's event stream read in a thread:
what the push channel tests need, since the test client cannot read an endless response."""

import json
import queue
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import uvicorn

from api.main import create_app
from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.models.accounts import Role

from factories import add_user, bearer

WAIT_S = 60.0  # generous: the machine may be busy; the figures are printed, not asserted


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running app: its URL, an admin's and an approver's clients."""

    url: str
    settings: Settings
    admin: httpx.Client
    approver: httpx.Client

    def post(self, path: str, body: Any = None, status: int = 201, approver: bool = False) -> Any:
        client = self.approver if approver else self.admin
        answer = client.post(path, json=body)
        assert answer.status_code == status, answer.text
        return answer.json() if answer.content else None

    def device(self, station_id: int, name: str, zone: str) -> dict[str, str]:
        body = {"station_id": station_id, "name": name, "kind": "ip_receiver", "zone": zone}
        return bearer(self.post("/devices", body)["token"])


@contextmanager
def running_app(settings: Settings) -> Iterator[Server]:
    """The app on a free loopback port until the block ends (then shut down and joined)."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=5,  # as `loa serve`: open streams are cut, not awaited
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + WAIT_S
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    engine = get_engine(settings.db_url)
    admin = bearer(add_user(engine, "quantri", Role.ADMIN)[1])
    approver = bearer(add_user(engine, "duyet", Role.APPROVER)[1])
    with (
        httpx.Client(base_url=url, headers=admin, timeout=WAIT_S) as admin_client,
        httpx.Client(base_url=url, headers=approver, timeout=WAIT_S) as approver_client,
    ):
        try:
            yield Server(url, settings, admin_client, approver_client)
        finally:
            server.should_exit = True
            thread.join(WAIT_S)
    assert not thread.is_alive(), "the server did not shut down"


@dataclass
class Event:
    name: str
    data: Any
    event_id: str | None
    at: float  # time.monotonic() when it was read


@dataclass
class EventStream:
    """A device's /player/v1/events read by a thread into a queue of events."""

    url: str
    headers: dict[str, str]
    events: "queue.Queue[Event | None]" = field(default_factory=queue.Queue)
    comments: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _response: Any = None

    def _read(self) -> None:
        try:
            with (
                httpx.Client(timeout=httpx.Timeout(WAIT_S, read=None)) as client,
                client.stream("GET", self.url + "/player/v1/events", headers=self.headers) as r,
            ):
                assert r.status_code == 200, r.read()
                self._response = r
                name, data, ident = "message", "", None
                for line in r.iter_lines():
                    if self._stop.is_set():
                        return
                    if line.startswith(":"):
                        self.comments.append(line)
                    elif line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        data += line[6:]
                    elif line.startswith("id: "):
                        ident = line[4:]
                    elif line == "" and data:
                        self.events.put(Event(name, json.loads(data), ident, time.monotonic()))
                        name, data, ident = "message", "", None
        except Exception:  # noqa: BLE001 (closed from the test's thread, or the server went)
            pass
        finally:
            self.events.put(None)

    def next(self, wanted: str, timeout: float = WAIT_S) -> Event:
        """The next event named ``wanted`` (others before it are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            event = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            assert event is not None, "the event stream ended"
            if event.name == wanted:
                return event

    def drain(self) -> list[Event]:
        """Every event read so far and not taken."""
        taken: list[Event] = []
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return taken
            if event is not None:
                taken.append(event)


@contextmanager
def event_stream(server: Server, headers: dict[str, str]) -> Iterator[EventStream]:
    """A device's event stream, open for the block (its hello already read)."""
    stream = EventStream(server.url, headers)
    reader = threading.Thread(target=stream._read, name="sse-reader", daemon=True)
    reader.start()
    stream.next("hello")
    try:
        yield stream
    finally:
        stream._stop.set()
        if stream._response is not None:
            stream._response.close()  # the server sees the client go and ends the stream
        reader.join(WAIT_S)
