"""The feeders of every station: started with the service (or `loa stream`), refreshed, stopped."""

import logging
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from audio.pcm_stream import Encoder, hls_args, icecast_args
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.models import Station
from broadcast.stream.alerts import AlertFollower
from broadcast.stream.feeder import FeederStatus, Sink, StationFeeder, rehearsal_clock
from broadcast.stream.program import hls_folder, source_url, station_airings

log = logging.getLogger(__name__)
ENABLE_HINT = (
    "Live streams are off: set LOA_STREAM_ICECAST_URL (e.g. http://127.0.0.1:8000) and "
    "LOA_STREAM_SOURCE_PASSWORD to feed every station to Icecast (and HLS), or run `loa stream`."
)


class StreamService:
    """One feeder per station; a thread refreshes what each plays from the schedule."""

    def __init__(self, engine: Engine, settings: Settings, refresh_s: float = 15.0) -> None:
        self.engine = engine
        self.settings = settings
        self.refresh_s = refresh_s
        self.feeders: dict[int, StationFeeder] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="stream-refresh", daemon=True)
        self.now = rehearsal_clock(settings.stream_rehearsal_start)
        self.alerts = AlertFollower(engine, settings, self._current_feeders, now=self.now)

    def _current_feeders(self) -> dict[int, StationFeeder]:
        with self._lock:
            return dict(self.feeders)

    def _sinks(self, station_id: int) -> list[Sink]:
        sinks: list[Sink] = [
            Encoder("icecast", icecast_args(source_url(self.settings, station_id)))
        ]
        if self.settings.stream_hls:
            folder = hls_folder(self.settings, station_id)
            shutil.rmtree(folder, ignore_errors=True)  # stale segments of an earlier run
            folder.mkdir(parents=True, exist_ok=True)
            sinks.append(Encoder("hls", hls_args(folder)))
        return sinks

    def refresh(self) -> None:
        """Start feeders for new stations and give every feeder its current airings."""
        now = self.now()
        with transaction(self.engine) as db:
            ids = [s for s in db.exec(select(Station.id).order_by(col(Station.id))) if s]
            plans = {sid: station_airings(db, self.settings, sid, now) for sid in ids}
        with self._lock:
            for sid in set(self.feeders) - set(plans):  # a deleted station
                self.feeders.pop(sid).stop()
            for sid, airings in plans.items():
                feeder = self.feeders.get(sid)
                if feeder is None and not self._stop.is_set():
                    feeder = self.feeders[sid] = StationFeeder(sid, self._sinks(sid), self.now)
                    feeder.start()
                    log.info("station %s stream started", sid)
                if feeder is not None:
                    feeder.set_airings(airings)

    def _loop(self) -> None:
        while not self._stop.wait(self.refresh_s):
            try:
                self.refresh()
            except Exception:  # a failed refresh keeps the feeders playing what they know
                log.exception("stream refresh failed")

    def start(self) -> None:
        """Start every station's feeder and the refresh thread."""
        self.refresh()
        self._thread.start()
        self.alerts.start()

    def stop(self) -> None:
        """Stop the refresh thread and every feeder."""
        self._stop.set()
        self.alerts.stop()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        with self._lock:
            feeders, self.feeders = list(self.feeders.values()), {}
        for feeder in feeders:
            feeder.stop()

    def feeder(self, station_id: int) -> StationFeeder | None:
        """The station's feeder (None when it has none yet)."""
        with self._lock:
            return self.feeders.get(station_id)

    def preempt(
        self, station_ids: Iterable[int], audio_path: Path, resume: bool, title: str | None = None
    ) -> int:
        """Pre-empt the streams of these stations with a file; how many streams took it."""
        feeders = [f for sid in station_ids if (f := self.feeder(sid)) is not None]
        for feeder in feeders:
            feeder.preempt(audio_path, resume, title)
        return len(feeders)

    def status(self, station_id: int) -> FeederStatus | None:
        """What the station's stream carries now (None without a feeder)."""
        feeder = self.feeder(station_id)
        return feeder.status() if feeder is not None else None
