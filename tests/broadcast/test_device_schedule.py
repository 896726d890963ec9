"""A player's schedule from the database: the station's local today, the UTC start, whether each
session has a current file and why not, and a version that follows the content."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session

from broadcast import models as m
from broadcast.config import Settings
from broadcast.devices import player_schedule, station_export_mp3
from broadcast.errors import NotFound
from broadcast.programming import generate_session

from factories import create_campaign, create_phase, create_segment_row, create_slot, create_station

DAY = date(2020, 10, 7)
NOW = datetime(2020, 10, 6, 18, 0, tzinfo=UTC)  # 01:00 on 7 October in Hà Nội


def _exported(db: Session, settings: Settings) -> tuple[m.BroadcastSession, m.Export, Path]:
    station = create_station(db)
    phase = create_phase(db, create_campaign(db, station))
    create_segment_row(db, station, phase_ids=[phase.id])
    slot = create_slot(db, station, weekdays=[0, 1, 2, 3, 4, 5, 6])
    session = generate_session(db, station.id or 0, DAY, slot.id or 0, 1.0)[0]
    mp3 = settings.exports_dir / "session.mp3"
    mp3.parent.mkdir(parents=True, exist_ok=True)
    mp3.write_bytes(b"\xff\xfb\x90\x00" * 256)
    export = m.Export(
        playlist_id=session.id or 0,
        zip_path=settings.stored_path(mp3.with_suffix(".zip")),
        mp3_path=settings.stored_path(mp3),
        duration_s=4.0,
        integrated_lufs=-16.0,
        true_peak_dbtp=-1.5,
    )
    session.status = m.SessionStatus.EXPORTED
    db.add_all([export, session])
    db.flush()
    return session, export, mp3


def test_a_current_export_is_ready_with_its_local_and_utc_start(
    db: Session, settings: Settings
) -> None:
    session, export, mp3 = _exported(db, settings)
    found = player_schedule(db, settings, session.station_id, 1, NOW)
    assert (found.start, found.end) == (DAY, DAY)
    (listed,) = found.sessions
    assert listed.ready and listed.reason is None
    assert (listed.start_local, listed.start_utc) == ("2020-10-07T06:30:00", "2020-10-06T23:30:00Z")
    assert listed.file is not None and listed.file.export_id == export.id
    assert listed.file.size == 1024 and listed.priority == "normal"
    assert station_export_mp3(db, settings, session.station_id, export.id or 0) == mp3


def test_sessions_without_a_current_file_say_why(db: Session, settings: Settings) -> None:
    session, _export, mp3 = _exported(db, settings)
    ready = player_schedule(db, settings, session.station_id, 2, NOW)
    session.status = m.SessionStatus.GENERATED  # edited after the export
    db.add(session)
    outdated = player_schedule(db, settings, session.station_id, 2, NOW)
    assert outdated.sessions[0].reason == "export_outdated" and outdated.sessions[0].file is None
    assert outdated.version != ready.version
    session.status = m.SessionStatus.EXPORTED
    mp3.unlink()
    gone = player_schedule(db, settings, session.station_id, 2, NOW)
    assert (gone.sessions[0].ready, gone.sessions[0].reason) == (False, "file_missing")
    with pytest.raises(NotFound):
        station_export_mp3(db, settings, session.station_id, _export.id or 0)


def test_another_station_finds_neither_sessions_nor_files(db: Session, settings: Settings) -> None:
    session, export, _mp3 = _exported(db, settings)
    other = create_station(db, name="Đài xã Bên Kia")
    assert player_schedule(db, settings, other.id or 0, 14, NOW).sessions == []
    with pytest.raises(NotFound):
        station_export_mp3(db, settings, other.id or 0, export.id or 0)
