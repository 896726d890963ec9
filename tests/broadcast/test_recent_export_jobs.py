"""The dashboard's recent exports: only the given stations' jobs, newest first, in two queries
however many other stations' jobs the database holds (a province: one query per job was the
home page's largest cost)."""

from datetime import date
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

from api.main import prepare_database
from broadcast.db import get_engine, transaction
from broadcast.exports import recent_export_jobs
from broadcast.jobs import enqueue
from broadcast.models import JobKind
from broadcast.programming import generate_session

from conftest import make_settings
from factories import create_segment_row, create_slot, create_station

DAY = date(2030, 1, 7)  # a Monday


def test_recent_export_jobs_are_the_stations_own_in_two_queries(tmp_path: Path) -> None:
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
    assert queries == 2
    assert len(everyone) == 10
