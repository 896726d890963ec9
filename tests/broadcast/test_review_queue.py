"""The review queue: what waits, in which order, and what is kept out of it."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from broadcast import models as m
from broadcast.models.common import BulletinClass
from broadcast.segments import (
    create_segment,
    return_segment,
    review_counts,
    review_queue,
    submit_segment,
    update_segment,
)

from factories import create_segment_row, create_station

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _sent(db: Session, station: m.Station, title: str, minutes: int, **extra: object) -> m.Segment:
    segment = create_segment_row(db, station, approved=False, title=title, **extra)
    submit_segment(db, segment, "")
    segment.submitted_at = START + timedelta(minutes=minutes)
    db.add(segment)
    db.flush()
    return segment


def test_emergency_first_then_priority_then_oldest(db: Session) -> None:
    station = create_station(db)
    _sent(db, station, "Thường, gửi sau", 30)
    _sent(db, station, "Thường, gửi trước", 10)
    _sent(db, station, "Ưu tiên", 40, bulletin_class=BulletinClass.PRIORITY)
    _sent(db, station, "Khẩn cấp", 50, bulletin_class=BulletinClass.EMERGENCY)
    titles = [s.title for s in review_queue(db, [station.id or 0])]
    assert titles == ["Khẩn cấp", "Ưu tiên", "Thường, gửi trước", "Thường, gửi sau"]
    assert review_counts(db, [station.id or 0]) == {station.id: 4}


def test_drafts_templates_returned_and_other_stations_stay_out(db: Session) -> None:
    station, other = create_station(db), create_station(db, name="Đài xã bên")
    create_segment_row(db, station, approved=False, title="Nháp chưa gửi")
    template = create_segment(
        db, m.SegmentCreate(station_id=station.id or 0, title="Nháp 1.1: bản mẫu", script="A.")
    )
    template.plan_template = True
    returned = _sent(db, station, "Đã trả lại", 5)
    return_segment(db, returned, "Sửa tên tổ")
    withdrawn = _sent(db, station, "Sửa sau khi gửi", 6)
    update_segment(db, withdrawn, m.SegmentUpdate(script="Kịch bản mới hoàn toàn."))
    _sent(db, other, "Của đài khác", 1)
    create_segment_row(db, station, title="Đã duyệt")
    waiting = _sent(db, station, "Đang chờ", 7)
    assert review_queue(db, [station.id or 0]) == [waiting]
    assert withdrawn.status == m.SegmentStatus.DRAFT and returned.review_note == "Sửa tên tổ"
    assert review_counts(db, [station.id or 0, other.id or 0]) == {station.id: 1, other.id: 1}
    assert review_counts(db, []) == {}


def test_lexicon_returned_drafts_wait_too(db: Session) -> None:
    station = create_station(db)
    approved = create_segment_row(db, station, title="Đọc lại")
    approved.status = m.SegmentStatus.DRAFT
    approved.lexicon_returned = True
    approved.updated_at = START
    db.add(approved)
    db.flush()
    later = _sent(db, station, "Gửi sau", 60)
    assert review_queue(db, [station.id or 0]) == [approved, later]
