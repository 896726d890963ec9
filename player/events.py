"""The push channel: server-sent events from /player/v1/events, reconnected with backoff and
Last-Event-ID; while it is down, /player/v1/alerts is polled every 5 s."""

import http.client
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from player.link import Link, LinkDown

log = logging.getLogger("player.events")
POLL_S = 5.0
READ_TIMEOUT_S = 45.0  # the server sends a ping comment every 15 s
MAX_BACKOFF_S = 30.0


class Events:
    """Listens for alerts, alert ends and schedule changes and hands them on."""

    def __init__(
        self,
        link: Link,
        on_alert: Callable[[dict[str, Any]], None],
        on_end: Callable[[int], None],
        on_schedule: Callable[[], None],
        on_active: Callable[[set[int]], None],
    ) -> None:
        self.link = link
        self.on_alert, self.on_end = on_alert, on_end
        self.on_schedule, self.on_active = on_schedule, on_active
        self.last_id: str | None = None
        self.connected = False
        self._last_poll = 0.0

    def run(self, stop: threading.Event) -> None:
        """Stay connected until `stop`; poll while the stream is down."""
        backoff = 1.0
        while not stop.is_set():
            try:
                self._stream(stop)
                backoff = 1.0
            except (LinkDown, OSError, http.client.HTTPException, ValueError) as error:
                log.debug("event stream down: %s", error)
            self.connected = False
            end = time.monotonic() + backoff
            while not stop.is_set():
                if time.monotonic() - self._last_poll >= POLL_S:
                    self._poll()
                left = end - time.monotonic()
                if left <= 0:
                    break
                stop.wait(min(left, POLL_S))
            backoff = min(backoff * 2, MAX_BACKOFF_S)

    def _stream(self, stop: threading.Event) -> None:
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.last_id:
            headers["Last-Event-ID"] = self.last_id
        response = self.link.open("GET", "/player/v1/events", headers=headers,
                                  timeout_s=READ_TIMEOUT_S)  # fmt: skip
        try:
            if response.status != 200:
                raise LinkDown(f"events: HTTP {response.status}")
            self.connected = True
            log.info("event stream connected")
            event, event_id = "message", None
            data: list[str] = []
            while not stop.is_set():
                raw = response.readline()
                if not raw:
                    return  # the server closed the stream
                line = raw.decode("utf-8").rstrip("\r\n")
                if not line:
                    if data:
                        self._dispatch(event, "\n".join(data), event_id)
                    event, data, event_id = "message", [], None
                elif line.startswith(":"):
                    continue  # a ping
                else:
                    name, _, value = line.partition(":")
                    value = value.removeprefix(" ")
                    if name == "event":
                        event = value
                    elif name == "data":
                        data.append(value)
                    elif name == "id":
                        event_id = value
        finally:
            response.close()

    def _dispatch(self, event: str, data: str, event_id: str | None) -> None:
        if event_id:
            self.last_id = event_id
        body = json.loads(data)
        if event == "alert":
            self.on_alert(body)
        elif event == "end":
            self.on_end(int(body["alert_id"]))
        elif event == "schedule":
            self.on_schedule()
        elif event == "hello":
            self.on_schedule()  # a (re)connect: check the schedule at once (304 if unchanged)

    def _poll(self) -> None:
        self._last_poll = time.monotonic()
        try:
            answer = self.link.call("GET", "/player/v1/alerts")
        except LinkDown:
            return
        if answer.status != 200:
            return
        alerts = answer.json().get("alerts", [])
        self.on_active({int(a["alert_id"]) for a in alerts})
        for alert in alerts:
            self.on_alert(alert)
