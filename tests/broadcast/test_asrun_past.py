"""Past sessions and their as-run state; a correction replaces; a day is confirmed at once."""

from datetime import date, datetime

import pytest
from sqlmodel import Session, select

from broadcast.asrun import airtime, confirm, confirm_day, past_sessions, unconfirmed_count
from broadcast.campaigns import load_demo
from broadcast.errors import InvalidInput
from broadcast.models.asrun import AsRun, AsRunCreate, AsRunStatus
from broadcast.programming import programme_range

MONDAY, TUESDAY = date(2020, 10, 5), date(2020, 10, 6)
TUESDAY_NOON = datetime(2020, 10, 6, 12, 0)  # Tuesday's 06:30 has started, its 17:00 not yet


def _station(db: Session) -> int:
    station = load_demo(db)
    programme_range(db, station.id or 0, MONDAY, TUESDAY, 1.0)
    return station.id or 0


def test_past_sessions_stop_at_now_and_carry_their_state(db: Session) -> None:
    station_id = _station(db)
    found = past_sessions(db, station_id, MONDAY, TUESDAY, TUESDAY_NOON)
    assert [(p.session.day, p.starts_at.strftime("%H:%M")) for p in found] == [
        (MONDAY, "06:30"),
        (MONDAY, "17:00"),
        (TUESDAY, "06:30"),
    ]
    assert {p.status for p in found} == {"unconfirmed"}
    report = airtime(db, station_id, MONDAY, TUESDAY, "week", now=TUESDAY_NOON)
    assert report["total"]["sessions_unconfirmed"] == 3  # Tuesday 17:00 is still to come
    first = found[0].session.id
    confirm(
        db,
        AsRunCreate(station_id=station_id, playlist_id=first, status=AsRunStatus.NOT_AIRED),
        now=TUESDAY_NOON,
    )
    again = past_sessions(db, station_id, MONDAY, TUESDAY, TUESDAY_NOON)
    assert [p.status for p in again] == ["not_aired", "unconfirmed", "unconfirmed"]
    assert unconfirmed_count(db, station_id, MONDAY, TUESDAY, TUESDAY_NOON) == 2
    with pytest.raises(InvalidInput) as error:
        past_sessions(db, station_id, TUESDAY, MONDAY, TUESDAY_NOON)
    assert error.value.field == "to"


def test_a_correction_replaces_the_confirmation(db: Session) -> None:
    station_id = _station(db)
    session = past_sessions(db, station_id, MONDAY, MONDAY, TUESDAY_NOON)[1]
    aired = AsRunCreate(station_id=station_id, playlist_id=session.session.id, status="aired")
    first = confirm(db, aired, now=TUESDAY_NOON)
    partly = AsRunCreate(
        station_id=station_id,
        playlist_id=session.session.id,
        status=AsRunStatus.PARTLY,
        aired_until_s=90.0,
        note="Mất điện",
    )
    second = confirm(db, partly, now=TUESDAY_NOON)
    rows = db.exec(select(AsRun)).all()
    assert len(rows) == 1 and second.id == first.id
    assert rows[0].status == AsRunStatus.PARTLY and rows[0].note == "Mất điện"
    assert 0 < rows[0].aired_s <= 90.0 < session.session.total_s


def test_confirm_day_confirms_only_started_unconfirmed_sessions(db: Session) -> None:
    station_id = _station(db)
    monday = past_sessions(db, station_id, MONDAY, MONDAY, TUESDAY_NOON)
    confirm(
        db,
        AsRunCreate(
            station_id=station_id, playlist_id=monday[0].session.id, status="not_aired", note="Bão"
        ),
        now=TUESDAY_NOON,
    )
    done = confirm_day(db, station_id, MONDAY, TUESDAY_NOON)
    assert [r.playlist_id for r in done] == [monday[1].session.id]
    kept = db.exec(select(AsRun).where(AsRun.playlist_id == monday[0].session.id)).one()
    assert kept.status == AsRunStatus.NOT_AIRED and kept.note == "Bão"  # not overwritten
    tuesday = confirm_day(db, station_id, TUESDAY, TUESDAY_NOON)
    assert len(tuesday) == 1 and tuesday[0].slot_id == 1  # 17:00 has not started
    assert confirm_day(db, station_id, TUESDAY, TUESDAY_NOON) == []
    assert unconfirmed_count(db, station_id, MONDAY, TUESDAY, TUESDAY_NOON) == 0
    assert all(r.status == AsRunStatus.AIRED and r.aired_s > 0 for r in done + tuesday)
