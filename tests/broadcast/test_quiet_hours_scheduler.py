"""The unattended scheduler plans and sends nothing inside quiet hours, and says why."""

from datetime import UTC, datetime, time
from pathlib import Path

from sqlmodel import Session, select

from broadcast import models as m
from broadcast.db import get_engine, init_db, transaction
from broadcast.scheduler import run_once

from conftest import make_settings
from factories import create_segment_row, create_slot, create_station

DAY_ONE = datetime(2021, 3, 1, 0, 0, tzinfo=UTC)  # 07:00 in Hà Nội, after the 05:00 pass time


def test_scheduler_skips_quiet_sessions_with_the_reason(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, tts_engine="fake", scheduler_days_ahead=3)
    engine = get_engine(settings.db_url)
    init_db(engine)
    every_day = [0, 1, 2, 3, 4, 5, 6]
    with transaction(engine) as db:
        station = create_station(db)
        early = create_slot(db, station, name="Rạng sáng", start=time(4, 30), weekdays=every_day)
        create_slot(db, station, name="Buổi sáng", start=time(6, 30), weekdays=every_day)
        create_segment_row(db, station, title="Tin ngắn", script="Tin ngắn.", voice="fake")
        station.quiet_hours = [{"start": "22:00", "end": "05:00"}]  # set after the 04:30 slot
        db.add(station)
    (run,) = run_once(engine, settings, DAY_ONE)
    assert run.status == "succeeded", run.result
    skipped = run.result["skipped_quiet_hours"]
    assert [s["day"] for s in skipped] == ["2021-03-01", "2021-03-02", "2021-03-03"]
    assert {s["slot_id"] for s in skipped} == {early.id}
    assert {s["code"] for s in skipped} == {"slot.quiet_hours"}
    assert "giờ yên tĩnh 22:00–05:00" in skipped[0]["reason"]
    assert run.result["exports_queued"] == 3  # the 06:30 sessions only
    with Session(engine) as db:
        planned = db.exec(select(m.BroadcastSession)).all()
    assert len(planned) == 3 and early.id not in {p.slot_id for p in planned}
