"""A player's schedule from the database: the station's local today, the UTC start, whether each
session has a current file and why not, and a version that follows the content."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

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


def _emergency(db: Session, session: m.BroadcastSession) -> None:
    """Make every segment of the session an emergency bulletin."""
    for item in db.exec(select(m.PlaylistItem).where(m.PlaylistItem.playlist_id == session.id)):
        segment = db.get(m.Segment, item.segment_id)
        assert segment is not None
        segment.bulletin_class = m.BulletinClass.EMERGENCY
        db.add(segment)
    db.flush()


@pytest.mark.parametrize(
    ("zone", "windows", "quiet"),
    [
        ("Tổ dân phố 3", [{"start": "06:00", "end": "07:00"}], True),
        ("  tổ DÂN phố   3 ", [{"start": "06:00", "end": "07:00"}], True),  # same zone
        ("Tổ dân phố 3", [{"start": "22:00", "end": "06:31"}], True),  # across midnight
        ("Tổ dân phố 3", [{"start": "05:00", "end": "06:30"}], False),  # ends as it starts
        ("Tổ dân phố 4", [{"start": "06:00", "end": "07:00"}], False),  # another zone
        ("", [{"start": "06:00", "end": "07:00"}], False),  # a device without a zone
    ],
)
def test_a_zones_quiet_hours_keep_its_devices_from_normal_sessions(
    db: Session, settings: Settings, zone: str, windows: list[dict[str, str]], quiet: bool
) -> None:
    session, _export, _mp3 = _exported(db, settings)
    station = db.get(m.Station, session.station_id)
    assert station is not None
    station.zone_quiet_hours = {"Tổ dân phố 3": windows}
    db.add(station)
    db.flush()
    everyone = player_schedule(db, settings, session.station_id, 1, NOW)
    found = player_schedule(db, settings, session.station_id, 1, NOW, zone_name=zone)
    (listed,) = found.sessions
    assert everyone.sessions[0].ready
    assert (listed.ready, listed.reason) == (not quiet, "quiet_hours" if quiet else None)
    if quiet:
        label = f"{windows[0]['start']}–{windows[0]['end']}"
        assert listed.file is None and listed.reason_text is not None
        assert "giờ yên tĩnh" in listed.reason_text and label in listed.reason_text
        assert found.version != everyone.version  # the device fetches the change
    else:
        assert found.version == everyone.version


def test_an_emergency_plays_inside_a_zones_quiet_hours(db: Session, settings: Settings) -> None:
    session, export, _mp3 = _exported(db, settings)
    station = db.get(m.Station, session.station_id)
    assert station is not None
    station.zone_quiet_hours = {"Tổ 3": [{"start": "06:00", "end": "07:00"}]}
    db.add(station)
    _emergency(db, session)
    (listed,) = player_schedule(db, settings, session.station_id, 1, NOW, zone_name="Tổ 3").sessions
    assert listed.priority == "emergency" and listed.ready and listed.reason is None
    assert listed.file is not None and listed.file.export_id == export.id


def test_station_quiet_hours_apply_to_every_device(db: Session, settings: Settings) -> None:
    session, _export, _mp3 = _exported(db, settings)  # exported before the quiet hours were set
    station = db.get(m.Station, session.station_id)
    assert station is not None
    station.quiet_hours = [{"start": "06:00", "end": "07:00"}]
    db.add(station)
    db.flush()
    for zone in ("", "Tổ 3"):
        (listed,) = player_schedule(
            db, settings, session.station_id, 1, NOW, zone_name=zone
        ).sessions
        assert (listed.ready, listed.reason) == (False, "quiet_hours")
