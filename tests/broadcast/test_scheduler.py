"""The unattended scheduler: daily passes, catch-up after an outage, no duplicate exports."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from broadcast import models as m
from broadcast.config import Settings
from broadcast.db import get_engine, init_db, transaction
from broadcast.jobs.runner import run_pending
from broadcast.models.scheduler import SchedulerRun
from broadcast.scheduler import acquire_lock, is_due, release_lock, run_once, status

from conftest import make_settings
from factories import create_segment_row, create_slot, create_station

DAY_ONE = datetime(2021, 3, 1, 0, 0, tzinfo=UTC)  # 07:00 in Hà Nội, after the 05:00 pass time


def _setup(tmp_path: Path) -> tuple[Settings, object]:
    settings = make_settings(tmp_path, tts_engine="fake", scheduler_days_ahead=5)
    engine = get_engine(settings.db_url)
    init_db(engine)
    with transaction(engine) as db:
        station = create_station(db)
        create_slot(db, station, weekdays=[0, 1, 2, 3, 4, 5, 6], max_seconds=120)
        for title in ("Tin ngắn một", "Tin ngắn hai"):
            create_segment_row(db, station, title=title, script=f"{title}.", voice="fake")
    return settings, engine


def test_catch_up_after_three_day_outage_exports_nothing_twice(tmp_path: Path) -> None:
    settings, engine = _setup(tmp_path)
    (first,) = run_once(engine, settings, DAY_ONE)  # type: ignore[arg-type]
    assert first.status == "succeeded" and first.result["exports_queued"] == 5
    run_pending(engine, settings)  # type: ignore[arg-type]
    assert run_once(engine, settings, DAY_ONE + timedelta(hours=3)) == []  # type: ignore[arg-type]

    back = DAY_ONE + timedelta(days=4)  # down on 2, 3 and 4 March
    (catch_up,) = run_once(engine, settings, back)  # type: ignore[arg-type]
    assert catch_up.result["missed_days"] == ["2021-03-02", "2021-03-03", "2021-03-04"]
    assert catch_up.result["exports_queued"] == 4 and catch_up.result["exports_skipped"] == 1
    run_pending(engine, settings)  # type: ignore[arg-type]

    with Session(engine) as db:  # type: ignore[arg-type]
        sessions = db.exec(select(m.BroadcastSession)).all()
        exports = Counter(e.playlist_id for e in db.exec(select(m.Export)))
        days = sorted(p.day.isoformat() for p in sessions)
        assert days[0] == "2021-03-01" and days[-1] == "2021-03-09" and len(days) == 9
        assert all(p.status == m.SessionStatus.EXPORTED for p in sessions)
        assert sorted(exports.values()) == [1] * 9
        runs = db.exec(select(SchedulerRun)).all()
        assert [r.run_day.isoformat() for r in runs] == ["2021-03-01", "2021-03-05"]
        view = status(db, settings, back)
        assert view["stations"][0]["next_run"] == "2021-03-06T05:00"


def test_pass_is_due_at_the_daily_time_and_on_start_up(tmp_path: Path) -> None:
    settings, engine = _setup(tmp_path)
    early = datetime(2021, 3, 1, 21, 0, tzinfo=UTC)  # 04:00 on 2 March in Hà Nội
    with Session(engine) as db:  # type: ignore[arg-type]
        station = db.exec(select(m.Station)).one()
        assert is_due(db, station, settings, early)  # never ran: catch up at once
    run_once(engine, settings, early)  # type: ignore[arg-type]
    with Session(engine) as db:  # type: ignore[arg-type]
        assert not is_due(db, station, settings, early + timedelta(minutes=30))
        assert not is_due(
            db, station, settings, early + timedelta(hours=20)
        )  # 00:00 on 3 March: not yet
        assert is_due(db, station, settings, early + timedelta(days=1, hours=1, minutes=1))


def test_lease_keeps_a_second_process_out_until_it_expires(tmp_path: Path) -> None:
    settings, engine = _setup(tmp_path)
    now = DAY_ONE
    assert acquire_lock(engine, "host-a:1", now, 600)  # type: ignore[arg-type]
    assert not acquire_lock(engine, "host-b:2", now, 600)  # type: ignore[arg-type]
    assert run_once(engine, settings, now) == []  # type: ignore[arg-type]
    assert acquire_lock(engine, "host-a:1", now + timedelta(seconds=30), 600)  # type: ignore[arg-type]
    assert acquire_lock(engine, "host-b:2", now + timedelta(seconds=700), 600)  # type: ignore[arg-type]
    release_lock(engine, "host-b:2")  # type: ignore[arg-type]
    assert len(run_once(engine, settings, now + timedelta(seconds=800))) == 1  # type: ignore[arg-type]
