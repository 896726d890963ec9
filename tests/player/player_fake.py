"""A small stdlib server that answers the player protocol exactly as the contracts say
(schedule with ETag, files with Range, heartbeat, as-run, events, alerts), for tests and benches.
It can cut a download, corrupt a file, refuse the event stream, and be stopped and restarted on
the same port."""

import hashlib
import json
import queue
import re
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import imageio_ffmpeg

TOKEN = "loa_dev_fake-token-for-tests"
REPORT_KINDS, OUTCOMES = {"item", "session", "alert"}, {"completed", "interrupted", "skipped"}


def tone_mp3(path: Path, seconds: float, freq: int = 440) -> Path:
    """An MP3 of a sine tone, made with the imageio-ffmpeg binary."""
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
               "-f", "lavfi", "-i", f"sine=frequency={freq}:duration={seconds}",
               "-ac", "1", "-ar", "22050", "-b:a", "64k", str(path)]  # fmt: skip
    subprocess.run(command, check=True)
    return path


def iso(value: datetime) -> str:
    """UTC time with a Z, as the server writes it."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Blob:
    """A file the fake serves: its bytes and what the schedule says about them."""

    data: bytes
    duration_s: float

    @property
    def sha256(self) -> str:
        """The content's sha256 (hex)."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class State:
    """Everything the fake knows and records."""

    sessions: list[dict[str, Any]] = field(default_factory=list)
    files: dict[int, Blob] = field(default_factory=dict)
    alerts: dict[int, dict[str, Any]] = field(default_factory=dict)
    alert_audio: dict[int, Blob] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    heartbeats: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    cut_next_download_at: int | None = None  # bytes sent before the connection is cut
    corrupt: set[int] = field(default_factory=set)  # export ids served with wrong bytes
    events_enabled: bool = True
    asrun_enabled: bool = True  # False: the route is not there (404 "Not Found")
    listeners: list["queue.Queue[str]"] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeServer:
    """The fake on 127.0.0.1 (a free port at first start, the same port after a restart)."""

    def __init__(self, ping_s: float = 15.0, now: Callable[[], datetime] | None = None) -> None:
        self.state = State()
        self.now = now  # when set, the schedule holds only the sessions of the coming days
        self.ping_s = ping_s
        self.port = 0
        self.httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """The base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "FakeServer":
        """Listen (again) and serve in a thread."""
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening and drop the event streams (the link is down)."""
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
        with self.state.lock:
            for listener in self.state.listeners:
                listener.put("")  # ends the stream
            self.state.listeners.clear()

    def add_session(
        self, session_id: int, start: datetime, audio: Path, items: list[tuple[str, float]]
    ) -> dict[str, Any]:
        """A ready session whose file is `audio`, with items (title, duration) in order."""
        blob = Blob(audio.read_bytes(), sum(d for _, d in items))
        export_id = 1000 + session_id
        self.state.files[export_id] = blob
        offsets, placed = 0.0, []
        for position, (title, duration) in enumerate(items, start=1):
            placed.append({"position": position, "title": title, "kind": "segment",
                           "bulletin_class": "normal", "start_offset_s": offsets,
                           "duration_s": duration})  # fmt: skip
            offsets += duration
        session = {
            "session_id": session_id, "day": (start + timedelta(hours=7)).date().isoformat(),
            "slot_name": "Thử",
            "start_local": (start + timedelta(hours=7)).replace(tzinfo=None).isoformat(),
            "start_utc": iso(start), "priority": "normal", "total_s": blob.duration_s,
            "ready": True, "reason": None, "reason_text": None, "items": placed,
            "file": {"export_id": export_id, "url": f"/player/v1/files/{export_id}",
                     "size": len(blob.data), "sha256": blob.sha256,
                     "duration_s": blob.duration_s},
        }  # fmt: skip
        with self.state.lock:
            self.state.sessions = [s for s in self.state.sessions if s["session_id"] != session_id]
            self.state.sessions.append(session)
        return session

    def add_alert(self, alert_id: int, audio: Path, duration_s: float, resume: bool = True) -> None:
        """An active emergency alert, pushed to every connected event stream."""
        blob = Blob(audio.read_bytes(), duration_s)
        now = datetime.now(UTC)
        message = {
            "alert_id": alert_id, "kind": "emergency", "title": "Khẩn cấp: bão số 3",
            "zones": [], "resume": resume, "created_at": iso(now),
            "expires_at": iso(now + timedelta(hours=1)),
            "audio": {"url": f"/player/v1/alerts/{alert_id}/audio", "size": len(blob.data),
                      "sha256": blob.sha256, "duration_s": duration_s},
            "stream_url": None,
        }  # fmt: skip
        with self.state.lock:
            self.state.alert_audio[alert_id] = blob
            self.state.alerts[alert_id] = message
            for listener in self.state.listeners:
                listener.put(_sse("alert", message, alert_id))

    def add_live(self, alert_id: int, audio: Path) -> None:
        """An active live alert whose stream repeats `audio` (an MP3 of 1 s) until it ends."""
        now = datetime.now(UTC)
        message = {
            "alert_id": alert_id, "kind": "live", "title": "Phát trực tiếp", "zones": [],
            "resume": True, "created_at": iso(now), "expires_at": iso(now + timedelta(hours=1)),
            "audio": None, "stream_url": f"/player/v1/alerts/{alert_id}/live",
        }  # fmt: skip
        with self.state.lock:
            self.state.alert_audio[alert_id] = Blob(audio.read_bytes(), 1.0)
            self.state.alerts[alert_id] = message
            for listener in self.state.listeners:
                listener.put(_sse("alert", message, alert_id))

    def end_alert(self, alert_id: int) -> None:
        """End an alert: no longer active, and an `end` event on every stream."""
        with self.state.lock:
            self.state.alerts.pop(alert_id, None)
            for listener in self.state.listeners:
                listener.put(_sse("end", {"alert_id": alert_id}))

    def reports(self, kind: str) -> list[dict[str, Any]]:
        """The stored as-run reports of one kind."""
        with self.state.lock:
            return [r for r in self.state.reports.values() if r["kind"] == kind]

    def window(self, days: int = 2) -> list[dict[str, Any]]:
        """The sessions a device gets: all of them, or (with `now`) those of the station's
        local today and the following days."""
        if self.now is None:
            return list(self.state.sessions)
        today = (self.now() + timedelta(hours=7)).date()
        last = today + timedelta(days=days - 1)
        return [s for s in self.state.sessions if today <= date.fromisoformat(s["day"]) <= last]

    def version(self, days: int = 2) -> str:
        """The schedule's version: a hash of its sessions."""
        body = json.dumps(self.window(days), sort_keys=True).encode()
        return hashlib.sha256(body).hexdigest()[:32]


def _sse(event: str, data: Any, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data)}\n\n"


def _check_report(report: Any) -> str | None:
    """Why a report breaks contract A (None when it is valid)."""
    if not isinstance(report, dict) or not 8 <= len(str(report.get("id", ""))) <= 64:
        return "id"
    if report.get("kind") not in REPORT_KINDS or report.get("outcome") not in OUTCOMES:
        return "kind/outcome"
    if report["kind"] in ("item", "session") and not isinstance(report.get("session_id"), int):
        return "session_id"
    if report["kind"] == "item" and not isinstance(report.get("position"), int):
        return "position"
    if report["kind"] == "alert" and not isinstance(report.get("alert_id"), int):
        return "alert_id"
    if not isinstance(report.get("played_s"), int | float) or report["played_s"] < 0:
        return "played_s"
    for name in ("started_at", "ended_at"):
        datetime.fromisoformat(str(report.get(name)).replace("Z", "+00:00"))
    return None


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              kind: str = "application/json") -> None:  # fmt: skip
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body or status not in (204, 304):
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode())

    def _authorised(self) -> bool:
        state = self.server_fake.state
        with state.lock:
            state.requests.append((self.command, self.path, dict(self.headers.items())))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._json(401, {"error": "token không hợp lệ", "code": "token.invalid"})
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802
        if not self._authorised():
            return
        fake, state = self.server_fake, self.server_fake.state
        path = self.path.split("?")[0]
        if path == "/player/v1/me":
            self._json(200, {"id": 1, "station_id": 1, "volume": 6})
        elif path == "/player/v1/schedule":
            days = int(re.search(r"days=(\d+)", self.path)[1]) if "days=" in self.path else 2
            with state.lock:
                version, sessions = fake.version(days), fake.window(days)
            etag = f'"{version}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, headers={"ETag": etag})
                return
            body = {"station_id": 1, "timezone": "Asia/Ho_Chi_Minh", "start": "2026-01-01",
                    "end": "2026-01-02", "version": version, "sessions": sessions}  # fmt: skip
            self._send(200, json.dumps(body).encode(), {"ETag": etag})
        elif match := re.fullmatch(r"/player/v1/files/(\d+)", path):
            blob = state.files.get(int(match[1]))
            if blob is None:
                self._json(404, {"error": "không có", "code": "not_found"})
                return
            data = blob.data
            if int(match[1]) in state.corrupt:
                data = data[:-10] + b"x" * 10
            self._ranged(data, blob.sha256)
        elif match := re.fullmatch(r"/player/v1/alerts/(\d+)/audio", path):
            blob = state.alert_audio.get(int(match[1]))
            if blob is None:
                self._json(404, {"error": "không có", "code": "not_found"})
                return
            self._ranged(blob.data, blob.sha256)
        elif match := re.fullmatch(r"/player/v1/alerts/(\d+)/live", path):
            self._live(int(match[1]))
        elif path == "/player/v1/alerts":
            with state.lock:
                active = list(state.alerts.values())
            self._json(200, {"alerts": active})
        elif path == "/player/v1/events" and state.events_enabled:
            self._events()
        else:
            self._json(404, {"detail": "Not Found"})

    def _ranged(self, data: bytes, sha256: str) -> None:
        state = self.server_fake.state
        start = 0
        if match := re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", "")):
            start = int(match[1])
            if start >= len(data):
                self._send(416, headers={"Content-Range": f"bytes */{len(data)}"})
                return
        part = data[start:]
        self.send_response(206 if start else 200)
        self.send_header("ETag", f'"{sha256}"')
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Content-Length", str(len(part)))
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        with state.lock:
            cut, state.cut_next_download_at = state.cut_next_download_at, None
        if cut is not None:
            self.wfile.write(part[:cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(part)

    def _live(self, alert_id: int) -> None:
        state = self.server_fake.state
        blob = state.alert_audio.get(alert_id)
        if blob is None or alert_id not in state.alerts:
            self._json(404, {"error": "không có", "code": "not_found"})
            return
        self.send_response(200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            while alert_id in state.alerts:
                self.wfile.write(blob.data)
                self.wfile.flush()
                time.sleep(0.9)
        except OSError:
            pass

    def _events(self) -> None:
        state, fake = self.server_fake.state, self.server_fake
        listener: queue.Queue[str] = queue.Queue()
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        with state.lock:
            state.listeners.append(listener)
            active = list(state.alerts.values())
        hello = {"server_time": iso(datetime.now(UTC)), "schedule_version": fake.version()}
        try:
            self.wfile.write(_sse("hello", hello).encode())
            for alert in active:
                self.wfile.write(_sse("alert", alert, alert["alert_id"]).encode())
            self.wfile.flush()
            while True:
                try:
                    message = listener.get(timeout=fake.ping_s)
                except queue.Empty:
                    message = ": ping\n\n"
                if not message:
                    break
                self.wfile.write(message.encode())
                self.wfile.flush()
        except OSError:
            pass
        finally:
            self.close_connection = True
            with state.lock:
                if listener in state.listeners:
                    state.listeners.remove(listener)

    def do_POST(self) -> None:  # noqa: N802
        if not self._authorised():
            return
        state = self.server_fake.state
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path == "/player/v1/heartbeat":
            with state.lock:
                state.heartbeats.append(body)
            self._json(200, {"server_time": iso(datetime.now(UTC)), "next_heartbeat_s": 30})
        elif self.path == "/player/v1/asrun" and state.asrun_enabled:
            reports = body.get("reports")
            if not isinstance(reports, list) or not 1 <= len(reports) <= 500:
                self._json(422, {"error": "reports", "field": "reports", "code": "invalid"})
                return
            for report in reports:
                if (wrong := _check_report(report)) is not None:
                    self._json(422, {"error": wrong, "field": wrong, "code": "invalid"})
                    return
            with state.lock:
                fresh = [r for r in reports if r["id"] not in state.reports]
                state.reports.update((r["id"], r) for r in fresh)
            self._json(200, {"accepted": len(fresh), "duplicates": len(reports) - len(fresh)})
        else:
            self._json(404, {"detail": "Not Found"})
