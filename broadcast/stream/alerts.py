"""Alerts on the live streams: an emergency bulletin or a live relay pre-empts a station's feed.

The streams follow the alert table (so an alert written by any process reaches them within a
poll) and wake at once when this process commits one. An alert is taken once; an emergency is
taken only while its audio would still be playing, so a restart does not air it again; a live
relay is only heard in the process that receives the microphone (``loa serve``).
"""

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from broadcast.alerts import SIGNAL, active_alerts, alert_audio_path, listen_live
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.models import Alert, AlertKind
from broadcast.models.common import as_utc
from broadcast.stream.feeder import StationFeeder, utc_now

log = logging.getLogger(__name__)
POLL_S = 1.0
LATE_GRACE_S = 5.0  # an emergency older than its length plus this is not aired any more


def still_playing(alert: Alert, now: datetime) -> bool:
    """Whether an alert started at its creation would still be on air at ``now``."""
    if alert.kind is AlertKind.LIVE:
        return True
    length = timedelta(seconds=(alert.audio_duration_s or 0.0) + LATE_GRACE_S)
    return as_utc(alert.created_at) + length > as_utc(now)


class AlertFollower:
    """A thread handing each station's new alerts to its feeder, and ending ended relays."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        feeders: Callable[[], dict[int, StationFeeder]],
        poll_s: float = POLL_S,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.engine, self.settings, self.feeders, self.poll_s = engine, settings, feeders, poll_s
        self.now = now
        self.taken: set[int] = set()
        self.on_air: dict[int, int] = {}  # station id → the alert its feeder plays
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="stream-alerts", daemon=True)

    def check(self, now: datetime | None = None) -> None:
        """Take the new alerts of every fed station; end the relays whose alert ended."""
        now = now or self.now()
        feeders = self.feeders()
        with transaction(self.engine) as db:
            found = {sid: active_alerts(db, sid, now) for sid in feeders}
            for sid, alerts in found.items():
                for alert in sorted(alerts, key=lambda a: a.id or 0):
                    if alert.id in self.taken or not still_playing(alert, now):
                        continue
                    self.taken.add(alert.id or 0)
                    self._take(feeders[sid], alert)
        for sid, alerts in found.items():
            alert_id = self.on_air.get(sid)
            if alert_id is not None and alert_id not in {a.id for a in alerts}:
                del self.on_air[sid]
                feeders[sid].end_preempt()

    def _take(self, feeder: StationFeeder, alert: Alert) -> None:
        if alert.kind is AlertKind.LIVE:
            feeder.preempt_chunks(listen_live(alert.id or 0), alert.resume, alert.title)
        else:
            path = alert_audio_path(self.settings, alert)
            if path is None:
                log.warning("alert %s has no audio: the stream keeps playing", alert.id)
                return
            feeder.preempt(path, alert.resume, alert.title)
        self.on_air[feeder.station_id] = alert.id or 0
        log.info("station %s stream takes alert %s", feeder.station_id, alert.id)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:  # the next poll tries again; the feeds keep playing
                log.exception("checking alerts for the streams failed")
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def start(self) -> None:
        """Follow alerts from now on (woken at once by this process's commits)."""
        SIGNAL.watch(self._wake)
        self._thread.start()

    def stop(self) -> None:
        """Stop following."""
        self._stop.set()
        self._wake.set()
        SIGNAL.unwatch(self._wake)
        if self._thread.is_alive():
            self._thread.join(timeout=5)
