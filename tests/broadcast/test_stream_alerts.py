"""Alerts reach the live streams: a new alert pre-empts its station's feed once (at once when
this process commits it), an emergency whose audio would have finished is not aired again after
a restart, and ending a live alert ends the relay on the stream."""

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.models import Alert
from broadcast.models.common import as_utc
from broadcast.stream.alerts import AlertFollower

from factories import approved_emergency, post_json


class RecordingFeeder:
    """Stands in for a station feeder: records what it is asked to play."""

    def __init__(self, station_id: int) -> None:
        self.station_id = station_id
        self.calls: list[tuple[str, Any]] = []
        self.called = threading.Event()

    def preempt(self, path: Path, resume: bool, title: str | None = None) -> None:
        self.calls.append(("file", (path, resume, title)))
        self.called.set()

    def preempt_chunks(self, chunks: Any, resume: bool = True, title: str | None = None) -> None:
        self.calls.append(("live", (resume, title)))
        self.called.set()

    def end_preempt(self) -> None:
        self.calls.append(("end", None))


def _follower(settings: Settings, feeders: dict[int, Any], poll_s: float = 60.0) -> AlertFollower:
    return AlertFollower(get_engine(settings.db_url), settings, lambda: feeders, poll_s)


def test_an_approved_emergency_preempts_its_station_once(
    client: TestClient, settings: Settings
) -> None:
    station = post_json(client, "/stations", {"name": "Đài phường Một"})["id"]
    other = post_json(client, "/stations", {"name": "Đài xã Bên Kia"})["id"]
    feeders = {station: RecordingFeeder(station), other: RecordingFeeder(other)}
    follower = _follower(settings, feeders)
    approved_emergency(client, station, "Cảnh báo lũ")
    follower.check()
    follower.check()
    [(kind, (path, resume, title))] = feeders[station].calls
    assert (kind, resume, title) == ("file", True, "Cảnh báo lũ")
    assert path.is_file() and path.stat().st_size > 1000
    assert feeders[other].calls == []


def test_a_commit_wakes_the_follower_without_waiting_for_its_poll(
    client: TestClient, settings: Settings
) -> None:
    station = post_json(client, "/stations", {"name": "Đài phường Một"})["id"]
    feeder = RecordingFeeder(station)
    follower = _follower(settings, {station: feeder}, poll_s=600.0)
    follower.start()
    try:
        approved_emergency(client, station, "Cảnh báo cháy")
        assert feeder.called.wait(30), "the commit did not wake the follower"
    finally:
        follower.stop()
    assert [call[0] for call in feeder.calls] == ["file"]


def test_an_emergency_that_would_have_ended_is_not_aired_after_a_restart(
    client: TestClient, settings: Settings
) -> None:
    station = post_json(client, "/stations", {"name": "Đài phường Một"})["id"]
    approved_emergency(client, station, "Cảnh báo lũ")
    with transaction(get_engine(settings.db_url)) as db:
        alert = db.get(Alert, 1)
        assert alert is not None and alert.audio_duration_s
        later = as_utc(alert.created_at) + timedelta(seconds=alert.audio_duration_s + 30)
    feeder = RecordingFeeder(station)
    _follower(settings, {station: feeder}).check(later)
    assert feeder.calls == []


def test_ending_a_live_alert_ends_the_relay_on_the_stream(
    client: TestClient, settings: Settings
) -> None:
    station = post_json(client, "/stations", {"name": "Đài phường Một"})["id"]
    feeder = RecordingFeeder(station)
    follower = _follower(settings, {station: feeder})
    live = post_json(client, "/alerts", {"station_id": station, "kind": "live", "resume": False})
    follower.check()
    assert feeder.calls == [("live", (False, live["title"]))]
    ended = client.post(f"/alerts/{live['id']}/end")
    assert ended.status_code == 200, ended.text
    follower.check()
    follower.check()
    assert [call[0] for call in feeder.calls] == ["live", "end"]
