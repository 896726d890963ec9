"""The main loop: each session at its start from the cache, late joins, alerts pre-empting
the current playback and the session resuming after them; as-run reports into the outbox."""

import logging
import queue
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from player.clock import Clock, parse_utc
from player.config import Config
from player.events import Events
from player.link import ChecksumError, Link, LinkDown, file_sha256
from player.playout import Output, Playback
from player.reports import Span, alert_report, session_reports
from player.store import Store
from player.sync import Syncer, session_key, session_length

log = logging.getLogger("player.agent")
LATE_GRACE_S = 2.0  # a start missed by less than this plays from the beginning
TICK_S = 0.1


class Agent:
    """Plays the schedule; owns the threads that sync, report and listen."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.clock = Clock(config.time_scale, config.time_origin)
        self.link = Link(config.server, config.token)
        self.store = Store(config.cache)
        self.syncer = Syncer(self.link, self.store, self.clock, config.days, config.cache_max_mb)
        self.output = Output(config.output, config.ffmpeg)
        self.events = Events(self.link, self._alert, self._end, self.syncer.wake.set,
                             self._active)  # fmt: skip
        self.stop = threading.Event()
        self.nudge = threading.Event()
        self.tick = TICK_S if not self.clock.accelerated else 0.005
        self.alerts: queue.Queue[dict[str, Any]] = queue.Queue()
        self.ended: set[int] = set()
        self.playing_alert: int | None = None
        self.playing_sha: str | None = None
        self.since = self.store.since(self.clock.now())

    # -- push channel callbacks (other threads) --
    def _alert(self, alert: dict[str, Any]) -> None:
        if not self.store.is_done("alerts", str(alert["alert_id"])):
            self.alerts.put(alert)
            self.nudge.set()

    def _end(self, alert_id: int) -> None:
        self.ended.add(alert_id)
        self.nudge.set()

    def _active(self, active: set[int]) -> None:
        if self.playing_alert is not None and self.playing_alert not in active:
            self._end(self.playing_alert)

    def shutdown(self) -> None:
        """Ask the loop to stop (signal handlers call this)."""
        self.stop.set()
        self.nudge.set()
        self.syncer.wake.set()

    def run(self) -> None:
        """Play until --until or a signal; then send what the outbox holds, once."""
        threads = [
            threading.Thread(target=self.syncer.run_schedule, args=(self.stop, self._keep)),
            threading.Thread(target=self.syncer.run_reports, args=(self.stop,)),
            threading.Thread(target=self.events.run, args=(self.stop,)),
        ]
        for thread in threads:
            thread.daemon = True
            thread.start()
        log.info("player started: server %s, cache %s, output %s", self.config.server,
                 self.config.cache, self.config.output)  # fmt: skip
        while not self._stopping():
            alert = self._next_alert()
            if alert is not None:
                self._play_alert(alert)
                continue
            session, wait = self._due()
            if session is not None:
                self._play_session(session)
            else:
                self.nudge.wait(self.clock.real_s(min(wait, 1.0), 0.01))
                self.nudge.clear()
        self.shutdown()
        try:
            self.syncer.flush_outbox()
        except LinkDown:
            log.info("%d as-run reports stay queued for the next start", len(self.store.outbox))
        log.info("player stopped")

    def _stopping(self) -> bool:
        until = self.config.until
        if until is not None and self.clock.now() >= until:
            self.stop.set()
        return self.stop.is_set()

    def _keep(self) -> set[str]:
        return {self.playing_sha} if self.playing_sha else set()

    def _next_alert(self) -> dict[str, Any] | None:
        while True:
            try:
                alert = self.alerts.get_nowait()
            except queue.Empty:
                return None
            expires = alert.get("expires_at")
            gone = expires and parse_utc(expires) <= self.clock.now()
            key = str(alert["alert_id"])
            if alert["alert_id"] in self.ended or gone or self.store.is_done("alerts", key):
                continue
            return alert

    def _due(self) -> tuple[dict[str, Any] | None, float]:
        """The session to play now (not yet handled, its start passed, its end not), or how
        many clock seconds until the next start."""
        now, wait = self.clock.now(), 3600.0
        for session in self.syncer.sessions():
            start = parse_utc(session["start_utc"])
            if self.store.is_done("done", session_key(session)):
                continue
            end = start + timedelta(seconds=max(session_length(session), 1.0))
            if start <= now < end:
                return session, 0.0
            if end <= now and start >= self.since:  # it passed while this player was down
                self._missed(session)
            if start > now:
                wait = min(wait, (start - now).total_seconds())
        return None, wait

    def _missed(self, session: dict[str, Any]) -> None:
        """Report a session that ended unplayed while the player was off (or stalled)."""
        log.error(
            "session %s missed: the player was not running at its time", session["session_id"]
        )
        planned = parse_utc(session["start_utc"])
        self.store.outbox.add(session_reports(session, [], planned, "missed"))
        self.store.mark_done("done", session_key(session), self.clock.now())

    def _file(self, session: dict[str, Any]) -> tuple[Path | None, str | None]:
        """The session's checked file in the cache, or why there is none."""
        file = session.get("file")
        if not session.get("ready") or not file:
            return None, session.get("reason") or "file_missing"
        path = self.syncer.cached(file["sha256"])
        if not path.exists():
            try:  # not fetched ahead (exported at the last minute): try once now
                self.link.download(file["url"], path, file["sha256"], file["size"])
            except ChecksumError:
                return None, "checksum"
            except (LinkDown, OSError):
                return None, "checksum" if file["sha256"] in self.syncer.bad else "file_missing"
        if file_sha256(path) != file["sha256"]:
            path.unlink(missing_ok=True)
            return None, "checksum"
        return path, None

    def _play_session(self, session: dict[str, Any]) -> None:
        sid, planned = session["session_id"], parse_utc(session["start_utc"])
        length = session_length(session)
        path, reason = self._file(session)
        spans: list[Span] = []
        if path is None:
            log.error("session %s skipped: %s", sid, reason)
        else:
            late = (self.clock.now() - planned).total_seconds()
            grace = max(LATE_GRACE_S, self.clock.scale * 0.1)  # an accelerated clock: 0.1 s real
            offset = late if late > grace else 0.0
            if offset:
                log.warning("session %s joined %.1f s late", sid, offset)
            self.playing_sha = path.stem
            while True:
                span = self._play(f"session-{sid}", str(path), offset, length, session)
                spans.append(span)
                if span.cut != "emergency":
                    break
                alert = self._next_alert()
                resume = alert is None or bool(alert.get("resume"))
                if alert is not None:
                    self._play_alert(alert)
                if (
                    not resume
                    or self._stopping()
                    or self.clock.now() >= planned + timedelta(seconds=length)
                ):
                    break
                offset = span.end_s
                log.info("session %s resumes at %.1f s", sid, offset)
            self.playing_sha = None
            self.syncer.playing = None
        reports = session_reports(session, spans, planned, reason)
        if spans and spans[-1].cut == "stopped":  # stopped by a signal or --until: a restart
            reports = [r for r in reports if r["kind"] == "item" and r["outcome"] == "completed"]
        else:
            self.store.mark_done("done", session_key(session), self.clock.now())
        self.store.outbox.add(reports)
        log.info("session %s: %s", sid, reports[-1]["outcome"] if reports else "stopped")

    def _title(self, session: dict[str, Any], position_s: float) -> str:
        items = [i for i in session.get("items", []) if i["start_offset_s"] <= position_s]
        return (items[-1]["title"] if items else session.get("slot_name") or "")[:200]

    def _play(
        self, label: str, source: str, offset: float, length: float, session: dict[str, Any]
    ) -> Span:
        """Play a session file from `offset` until its end, an alert or a stop."""
        began = self.clock.now()
        playback = Playback(self.config.ffmpeg, source, self.output.args(label, began), offset,
                            realtime=not self.clock.accelerated)  # fmt: skip
        cut: str | None = None
        while True:
            position = offset + (self.clock.now() - began).total_seconds()
            self.syncer.playing = {"session_id": session["session_id"],
                                   "title": self._title(session, position)}  # fmt: skip
            if self.stop.is_set() or self._stopping():
                cut = "stopped"
                break
            if not self.alerts.empty() and self._peek_alert():
                cut = "emergency"
                break
            if self.clock.accelerated and position >= length:
                break
            if playback.finished() and not self.clock.accelerated:
                if not playback.ok():
                    cut = "output_error"
                    self.output.failed()
                break
            self.nudge.wait(self.tick)
            self.nudge.clear()
        playback.stop()
        end = (
            length
            if cut is None
            else min(length, offset + (self.clock.now() - began).total_seconds())
        )
        return Span(offset, max(offset, end), began, cut)

    def _peek_alert(self) -> bool:
        """Whether a playable alert waits (put back in the queue for the caller)."""
        alert = self._next_alert()
        if alert is None:
            return False
        self.alerts.put(alert)
        return True

    def _play_alert(self, alert: dict[str, Any]) -> None:
        aid = int(alert["alert_id"])
        began = self.clock.now()
        source, headers, full, reason = None, None, None, None
        audio = alert.get("audio")
        if audio:
            target = self.store.alerts / f"{audio['sha256']}.mp3"
            full = float(audio.get("duration_s") or 0) or None
            try:
                if not target.exists():
                    self.link.download(audio["url"], target, audio["sha256"], audio.get("size"))
                source = str(target)
            except ChecksumError:
                reason = "checksum"
            except (LinkDown, OSError):
                reason = "file_missing"
        elif alert.get("stream_url"):
            source = self.link.url(alert["stream_url"])
            headers = f"Authorization: Bearer {self.link.token}\r\n"
        played = 0.0
        if source is not None:
            log.warning("alert %s: %s", aid, alert.get("title"))
            self.playing_alert = aid
            self.syncer.playing = {"session_id": None, "title": str(alert.get("title", ""))[:200]}
            realtime = not self.clock.accelerated and headers is None
            playback = Playback(self.config.ffmpeg, source, self.output.args(f"alert-{aid}", began),
                                realtime=realtime, headers=headers)  # fmt: skip
            while not self._stopping() and aid not in self.ended:
                elapsed = (self.clock.now() - began).total_seconds()
                if self.clock.accelerated and full is not None and elapsed >= full:
                    break
                if playback.finished() and not self.clock.accelerated:
                    break
                self.nudge.wait(self.tick)
                self.nudge.clear()
            playback.stop()
            played = (self.clock.now() - began).total_seconds()
            if full is not None and aid not in self.ended and not self.stop.is_set():
                played = min(played, full)
            if self.stop.is_set() and aid not in self.ended:
                reason = "stopped"
            elif aid in self.ended and full is not None:
                reason = "ended"  # an emergency bulletin ended before its audio did
            self.playing_alert = None
            self.syncer.playing = None
        self.store.outbox.add([alert_report(aid, began, self.clock.now(), played, full, reason)])
        self.store.mark_done("alerts", str(aid), self.clock.now())
