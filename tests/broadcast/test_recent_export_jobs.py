"""The dashboard's recent exports: only the given stations' jobs, newest first, in one indexed
query however many other stations' jobs the database holds (a province: one query per job, then
a scan of the latest 500 jobs of every station, were the home page's largest cost), and a
session's export job found even when the province queued many since."""

from datetime import date
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

from api.main import prepare_database
from broadcast.db import get_engine, transaction
from broadcast.exports import latest_export_job, recent_export_jobs
from broadcast.jobs import enqueue
from broadcast.models import JobKind
from broadcast.programming import generate_session

from conftest import make_settings
from factories import create_segment_row, create_slot, create_station

DAY = date(2030, 1, 7)  # a Monday


def test_recent_export_jobs_are_the_stations_own_in_one_query(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    jobs: dict[int, list[int]] = {}
    for number in range(1, 6):
        with transaction(engine) as db:
            station = create_station(db, name=f"Đài xã {number}")
            slot = create_slot(db, station, weekdays=[0])
            create_segment_row(db, station, voice="fake")
            session, _c = generate_session(db, station.id or 0, DAY, slot.id or 0, 1.0)
            export = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id})
            bundle = enqueue(db, JobKind.EXPORT_BUNDLE, {"station_id": station.id})
            jobs[station.id or 0] = [export.id or 0, bundle.id or 0]
    first, *_others, last = sorted(jobs)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    with Session(engine) as db:
        mine = recent_export_jobs(db, {first, last})
        queries = len(statements)
        everyone = recent_export_jobs(db, None, limit=100)

    assert [job.id for job in mine] == sorted(jobs[first] + jobs[last], reverse=True)
    assert queries == 1
    assert len(everyone) == 10


def test_a_stations_export_job_is_found_behind_many_newer_jobs_of_other_stations(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    with transaction(engine) as db:
        quiet, busy = create_station(db, name="Đài xã Yên"), create_station(db, name="Đài xã Đông")
        sessions = {}
        for station in (quiet, busy):
            slot = create_slot(db, station, weekdays=[0])
            create_segment_row(db, station, voice="fake")
            sessions[station.id], _c = generate_session(db, station.id or 0, DAY, slot.id or 0, 1.0)
        old = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": sessions[quiet.id].id})
        for _ in range(600):  # a province's afternoon of exports, all newer than the quiet one's
            enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": sessions[busy.id].id})

    with Session(engine) as db:
        assert [job.id for job in recent_export_jobs(db, {quiet.id or 0})] == [old.id]
        assert old.station_id == quiet.id
        found = latest_export_job(db, sessions[quiet.id].id or 0)
    assert found is not None and found.id == old.id
