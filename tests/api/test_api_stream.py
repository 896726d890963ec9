"""The service's live stream against a real icecast2: with LOA_STREAM_ICECAST_URL set the app
starts a feeder per station, a session exported for a few seconds from now goes on the mount at
its time, HLS appears and GET /stations/{id}/stream tells where to listen and what is on air."""

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from stream_listener import Listener, mounts, runs, wait_for

from audio._ffmpeg_gen import generate_tone
from broadcast import models as m
from broadcast.config import Settings
from broadcast.db import get_engine, init_db, transaction
from broadcast.models.station import local_now
from broadcast.programming import generate_session
from broadcast.stream import LocalIcecast

from conftest import make_settings, open_client
from factories import create_campaign, create_phase, create_segment_row, create_slot, create_station

pytest_plugins = ["stream_support"]
TONE = 880


def _session_due_in(
    engine: Engine, settings: Settings, seconds: float
) -> tuple[int, int, datetime]:
    """A station with one session exported (a 3 s tone) that starts `seconds` from now."""
    start = (datetime.now(UTC) + timedelta(seconds=seconds)).replace(microsecond=0)
    with transaction(engine) as db:
        station = create_station(db)
        day = local_now(station, start).date()
        phase = create_phase(
            db,
            create_campaign(db, station),
            starts_on=day - timedelta(days=1),
            ends_on=day + timedelta(days=1),
        )
        create_segment_row(db, station, phase_ids=[phase.id])
        slot = create_slot(db, station, name="Buổi thử", weekdays=list(range(7)))
        session = generate_session(db, station.id or 0, day, slot.id or 0, 1.0)[0]
        slot.start = local_now(station, start).time()  # to the second, past the form's minutes
        mp3 = settings.exports_dir / "phien.mp3"
        generate_tone(mp3, seconds=3.0, freq=TONE, sample_rate=24000, volume_db=-12)
        export = m.Export(
            playlist_id=session.id or 0,
            zip_path=settings.stored_path(mp3.with_suffix(".zip")),
            mp3_path=settings.stored_path(mp3),
            duration_s=3.0,
            integrated_lufs=-16.0,
            true_peak_dbtp=-1.5,
        )
        session.status = m.SessionStatus.EXPORTED
        db.add_all([slot, export, session])
        db.flush()
        return station.id or 0, session.id or 0, start


def test_the_service_streams_a_session_at_its_time_to_icecast_and_hls(
    icecast: LocalIcecast, tmp_path: Path
) -> None:
    settings = make_settings(
        tmp_path,
        stream_icecast_url=icecast.url,
        stream_source_password=icecast.password,
        stream_public_url="http://radio.example.vn:8000",
    )
    engine = get_engine(settings.db_url)
    init_db(engine)
    station_id, session_id, start = _session_due_in(engine, settings, 6.0)
    mount = f"/station-{station_id}.mp3"
    with open_client(settings) as client:
        assert wait_for(lambda: mount in mounts(icecast), 10)
        listener = Listener(f"{icecast.url}{mount}")
        before = client.get(f"/stations/{station_id}/stream").json()
        time.sleep(max(0.0, start.timestamp() - time.time()) + 1.5)
        during = client.get(f"/stations/{station_id}/stream").json()
        playlist = client.get(f"/stations/{station_id}/stream/hls/index.m3u8")
        segment = playlist.text.split("\n")[-2] if playlist.status_code == 200 else ""
        got = client.get(f"/stations/{station_id}/stream/hls/{segment}")
        unsafe = client.get(f"/stations/{station_id}/stream/hls/..%2Floa.db")
        time.sleep(2.5)
        listener.stop()
    blocks = listener.blocks((TONE,))
    tones = [tone for _at, tone in blocks]
    first = next(i for i in range(len(tones)) if tones[i : i + 5] == [TONE] * 5)
    assert runs(blocks) == [TONE] and blocks[first][0] > start.timestamp() - 0.2
    assert tones.count(TONE) * 0.02 > 2.0  # most of the 3 s session reached the listener
    assert before == {
        "enabled": True,
        "icecast_url": f"http://radio.example.vn:8000{mount}",
        "hls_url": f"/stations/{station_id}/stream/hls/index.m3u8",
        "on_air": False,
        "now_playing": None,
    }
    assert during["on_air"] is True
    assert during["now_playing"] == {
        "kind": "session",
        "title": "Buổi thử",
        "session_id": session_id,
    }
    assert playlist.status_code == 200 and "#EXTM3U" in playlist.text
    assert playlist.headers["content-type"] == "application/vnd.apple.mpegurl"
    assert got.status_code == 200 and got.headers["content-type"] == "video/mp2t"
    assert len(got.content) > 1000
    assert unsafe.status_code == 404


def test_without_an_icecast_url_the_service_has_no_streams(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="uvicorn.error")
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        info = client.get("/stations/1/stream").json()
        hls = client.get("/stations/1/stream/hls/index.m3u8")
    assert client.app.state.streams is None  # type: ignore[attr-defined]
    assert info == {
        "enabled": False,
        "icecast_url": None,
        "hls_url": None,
        "on_air": False,
        "now_playing": None,
    }
    hints = [r.message for r in caplog.records if "LOA_STREAM_ICECAST_URL" in r.message]
    assert len(hints) == 1  # the service says once how to enable streams
    assert hls.status_code == 404
