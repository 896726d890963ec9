"""Keeping in step with the server: schedule (ETag), files ahead, bounded cache, heartbeats and
the as-run outbox. Every network step tolerates a missing server; the cache keeps playing."""

import logging
import shutil
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from player import AGENT_VERSION
from player.clock import Clock, iso, parse_utc
from player.link import ChecksumError, Link, LinkDown
from player.store import Store

log = logging.getLogger("player.sync")
SCHEDULE_EVERY_S = 60.0
HEARTBEAT_EVERY_S = 30.0
OUTBOX_EVERY_S = 5.0
BAD_RETRY_S = 600.0
BATCH = 500
CLOCK_WARN_S = 5.0


def session_key(session: dict[str, Any]) -> str:
    """A session's identity for the restart-safe state: its id and start."""
    return f"{session['session_id']}@{session['start_utc']}"


def session_length(session: dict[str, Any]) -> float:
    """A session's length in seconds (its file's when known)."""
    file = session.get("file") or {}
    return float(file.get("duration_s") or session.get("total_s") or 0.0)


class Syncer:
    """The schedule copy, the session files and the link-side chores."""

    def __init__(
        self, link: Link, store: Store, clock: Clock, days: int = 2, cache_max_mb: float = 2000
    ) -> None:
        self.link, self.store, self.clock = link, store, clock
        self.days, self.cache_max = days, int(cache_max_mb * 1024 * 1024)
        self.lock = threading.Lock()
        self.etag, self.schedule = store.load_schedule()
        self.bad: dict[str, float] = {}  # sha256 → when its download failed the checksum
        self.playing: dict[str, Any] | None = None  # what the heartbeat says is playing
        self.volume = 7
        self.wake = threading.Event()  # set by the push channel when the schedule changed
        self.online = True  # until a request fails (logs the first failure of an outage)
        self._refusal = ""  # the last refusal of the outbox (logged once, not every 5 s)

    def sessions(self) -> list[dict[str, Any]]:
        """The sessions of the last schedule received, by start."""
        with self.lock:
            found = list((self.schedule or {}).get("sessions", []))
        return sorted(found, key=lambda s: s["start_utc"])

    def cached(self, sha256: str) -> Path:
        """Where a session file lives in the cache."""
        return self.store.files / f"{sha256}.mp3"

    def _schedule_path(self) -> str:
        """The schedule's address: the coming days, or those of a simulated clock (from the
        day before its UTC date, so that any station time zone's today is covered)."""
        if not self.clock.simulated:
            return f"/player/v1/schedule?days={self.days}"
        first = self.clock.now().date() - timedelta(days=1)
        return f"/player/v1/schedule?from={first.isoformat()}&days={min(self.days + 1, 14)}"

    def sync_schedule(self) -> bool:
        """Fetch the schedule with If-None-Match; True when it changed."""
        headers = {"If-None-Match": self.etag} if self.etag else {}
        answer = self.link.call("GET", self._schedule_path(), headers=headers)
        self.online = True
        if answer.status == 304:
            return False
        if answer.status != 200:
            log.error("schedule refused: HTTP %d %s", answer.status, answer.body[:200])
            return False
        body = answer.json()
        self._read_volume()
        with self.lock:
            self.etag, self.schedule = answer.headers.get("etag"), body
        self.store.save_schedule(self.etag, body)
        log.info("schedule %s: %d sessions", body.get("version"), len(body.get("sessions", [])))
        return True

    def _read_volume(self) -> None:
        """The device's volume setting (1-10) from /player/v1/me, for the heartbeat."""
        me = self.link.call("GET", "/player/v1/me")
        if me.status == 200:
            self.volume = int(me.json().get("volume") or self.volume)

    def fetch_files(self) -> None:
        """Download every ready, coming session's file not yet cached, soonest first, within
        the cache's cap; a checksum failure is remembered (the session will not play)."""
        now = self.clock.now()
        used = sum(p.stat().st_size for p in self.store.files.glob("*.mp3"))
        for session in self.sessions():
            file = session.get("file")
            end = parse_utc(session["start_utc"]) + timedelta(seconds=session_length(session))
            if not session.get("ready") or not file or end < now:
                continue
            target = self.cached(file["sha256"])
            if target.exists():
                continue
            if time.monotonic() - self.bad.get(file["sha256"], -BAD_RETRY_S) < BAD_RETRY_S:
                continue
            if used + file["size"] > self.cache_max:
                log.warning("cache full (%d MB): session %s not fetched ahead",
                            self.cache_max >> 20, session["session_id"])  # fmt: skip
                break
            try:
                self.link.download(file["url"], target, file["sha256"], file["size"])
            except ChecksumError as error:
                log.error("session %s: %s", session["session_id"], error)
                self.bad[file["sha256"]] = time.monotonic()
                continue
            used += file["size"]
            self.bad.pop(file["sha256"], None)
            log.info("cached session %s (%d bytes)", session["session_id"], file["size"])

    def prune(self, keep: set[str]) -> None:
        """Delete cached files no session of the schedule names any more (and stale parts)."""
        named = {(s.get("file") or {}).get("sha256") for s in self.sessions()} | keep
        for path in self.store.files.iterdir():
            if path.name.split(".")[0] not in named:
                path.unlink(missing_ok=True)
                log.info("removed %s from the cache", path.name)
        day_ago = time.time() - 86400
        for path in self.store.alerts.iterdir():
            if path.stat().st_mtime < day_ago:
                path.unlink(missing_ok=True)

    def heartbeat(self) -> None:
        """Tell the server this player is alive, what it plays and how its clock stands."""
        beat = {
            "playing": self.playing,
            "volume": self.volume,
            "free_disk_mb": shutil.disk_usage(self.store.root).free >> 20,
            "agent_version": AGENT_VERSION,
            "clock": iso(self.clock.now()),
        }
        sent = time.monotonic()
        answer = self.link.call("POST", "/player/v1/heartbeat", beat)
        self.online = True
        if answer.status != 200:
            log.warning("heartbeat refused: HTTP %d %s", answer.status, answer.body[:200])
            return
        server = parse_utc(answer.json()["server_time"])
        offset = (self.clock.now() - server).total_seconds() - (time.monotonic() - sent) / 2
        if abs(offset) > CLOCK_WARN_S and not self.clock.accelerated:
            log.warning("this clock is %.0f s off the server's: sessions play off time; "
                        "check NTP (systemd-timesyncd)", offset)  # fmt: skip

    def flush_outbox(self) -> int:
        """Send queued as-run reports in batches; the number the server took. A report the
        server refuses for good (422, or 404/409 of a domain error) is dropped, not resent."""
        done = 0
        while batch := self.store.outbox.pending(BATCH):
            answer = self.link.call("POST", "/player/v1/asrun", {"reports": batch})
            self.online = True
            if answer.status == 200:
                self.store.outbox.sent([r["id"] for r in batch])
                done += len(batch)
                continue
            refusal = f"HTTP {answer.status} {answer.body[:200]!r}"
            level = logging.DEBUG if refusal == self._refusal else logging.WARNING
            log.log(level, "as-run refused: %s", refusal)
            self._refusal = refusal
            if not _refused_for_good(answer):
                break  # the route is missing or the token refused: keep everything
            kept = 0
            for report in batch if len(batch) > 1 else []:  # find the ones refused
                single = self.link.call("POST", "/player/v1/asrun", {"reports": [report]})
                if single.status == 200 or _refused_for_good(single):
                    self.store.outbox.sent([report["id"]])
                    done += single.status == 200
                else:
                    kept += 1
            if len(batch) == 1:
                self.store.outbox.sent([batch[0]["id"]])
            if kept:
                break
        return done

    def run_schedule(self, stop: threading.Event, keep: Any) -> None:
        """Loop: schedule, files ahead, prune; again every minute or when told it changed."""
        while not stop.is_set():
            wait = SCHEDULE_EVERY_S
            was_online = self.online
            try:
                self.sync_schedule()
                if not was_online:
                    log.info("server reachable")
                self.fetch_files()
                self.prune(keep())
            except LinkDown as error:
                level = logging.WARNING if was_online else logging.DEBUG  # once per outage
                log.log(level, "server unreachable, playing from the cache: %s", error)
                self.online = False
                wait = 10.0
            except OSError as error:
                log.error("cache: %s", error)
            if self.wake.wait(self.clock.real_s(wait, 0.5)):
                self.wake.clear()

    def run_reports(self, stop: threading.Event) -> None:
        """Loop: a heartbeat every 30 s and the outbox whenever it holds reports."""
        next_beat = 0.0
        while not stop.is_set():
            try:
                if time.monotonic() >= next_beat:
                    next_beat = time.monotonic() + self.clock.real_s(HEARTBEAT_EVERY_S, 0.5)
                    self.heartbeat()
                if len(self.store.outbox):
                    self.flush_outbox()
            except LinkDown as error:
                level = logging.WARNING if self.online else logging.DEBUG  # once per outage
                log.log(level, "server unreachable, reports wait in the outbox: %s", error)
                self.online = False
            stop.wait(self.clock.real_s(OUTBOX_EVERY_S, 0.2))


def _refused_for_good(answer: Any) -> bool:
    """A refusal that resending will not change (a route not there yet is not one)."""
    if answer.status == 422:
        return True
    return answer.status in (404, 409) and b'"Not Found"' not in answer.body
