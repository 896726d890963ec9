"""An export job says how many of its items it rendered and how many the render cache already
held: two communes airing one shared bulletin render it once (bench/province.py counts these)."""

from datetime import date
from pathlib import Path

from sqlmodel import Session

from api.main import prepare_database
from broadcast.db import get_engine, transaction
from broadcast.jobs import enqueue
from broadcast.jobs.runner import run_pending
from broadcast.models import Job, JobKind, JobStatus
from broadcast.programming import generate_session

from conftest import make_settings
from factories import create_segment_row, create_slot, create_station

DAY = date(2030, 1, 7)  # a Monday
SHARED = "Ủy ban nhân dân tỉnh thông báo lịch tiêm chủng cho trẻ em dưới năm tuổi."


def test_a_shared_bulletin_is_rendered_once_and_counted_as_a_cache_hit(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    job_ids = []
    for number in (1, 2):
        with transaction(engine) as db:
            station = create_station(db, name=f"Đài xã Thử {number}")
            slot = create_slot(db, station, weekdays=[0])
            create_segment_row(db, station, title="Tin của tỉnh", script=SHARED, voice="fake")
            # The fake voice's tone lasts by word count: the own texts differ in length.
            own = "Xã Thử họp dân tại nhà văn hoá" + " thôn Một" * number
            create_segment_row(db, station, title="Tin của xã", script=own, voice="fake")
            session, _changes = generate_session(db, station.id or 0, DAY, slot.id or 0, 1.0)
            job_ids.append(enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id}).id)
        assert run_pending(engine, settings) == 1  # one after the other: the order is known

    with Session(engine) as db:
        first, second = (db.get(Job, job_id) for job_id in job_ids)
    assert first is not None and second is not None
    assert first.status == second.status == JobStatus.SUCCEEDED
    assert first.result is not None and second.result is not None
    assert (first.result["items_rendered"], first.result["items_cached"]) == (2, 0)
    assert (second.result["items_rendered"], second.result["items_cached"]) == (1, 1)
