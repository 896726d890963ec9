"""The demo campaign loads, and its October 2020 days are programmed by the rules."""

from datetime import date, timedelta

from sqlmodel import Session, select

from broadcast import models as m
from broadcast.campaigns.demo import database_is_empty, demo_data, load_demo
from broadcast.programming import generate_session, session_items
from broadcast.segments import linked_phase_ids


def test_demo_data_is_consistent() -> None:
    data = demo_data()
    phase_keys = {p["key"] for p in data["phases"]}
    assert {e["ordinal"] for e in data["events"]} == {11, 21, 17, 13}
    announcements = [s for s in data["segments"] if s["kind"] == "announcement"]
    assert len(announcements) >= 8
    assert {s["kind"] for s in data["segments"]} >= {"opening", "closing"}
    for segment in announcements:
        assert segment["phase_keys"] and set(segment["phase_keys"]) <= phase_keys
    peaks = sorted(
        (p["peak_starts_on"], p["peak_ends_on"]) for p in data["phases"] if p.get("peak_starts_on")
    )
    assert peaks[0][0] == "2020-10-01" and peaks[-1][1] == "2020-10-31"
    for (_, end), (start, _) in zip(peaks, peaks[1:], strict=False):
        assert date.fromisoformat(start) - date.fromisoformat(end) == timedelta(days=1)


def test_demo_loads_once(db: Session) -> None:
    assert database_is_empty(db)
    station = load_demo(db)
    assert not database_is_empty(db)
    slots = db.exec(select(m.SessionSlot).where(m.SessionSlot.station_id == station.id)).all()
    assert sorted(s.start.strftime("%H:%M") for s in slots) == ["06:30", "17:00"]
    assert all(s.max_seconds == 900 and s.weekdays == [0, 1, 2, 3, 4] for s in slots)
    statuses = {s.status for s in db.exec(select(m.Segment)).all()}
    assert statuses == {m.SegmentStatus.APPROVED}


def _weekdays_of_october_2020() -> list[date]:
    days = [date(2020, 10, 1) + timedelta(days=i) for i in range(31)]
    return [d for d in days if d.weekday() < 5]


def test_every_october_weekday_fits_and_respects_the_rules(db: Session) -> None:
    station = load_demo(db)
    slots = db.exec(select(m.SessionSlot).where(m.SessionSlot.station_id == station.id)).all()
    phases = {p.id: p for p in db.exec(select(m.Phase)).all()}
    for day in _weekdays_of_october_2020():
        for slot in slots:
            session = generate_session(db, station.id or 0, day, slot.id or 0, 1.0)[0]
            items = session_items(db, session)
            assert 0 < session.total_s <= slot.max_seconds
            segments = [db.get(m.Segment, item.segment_id) for item in items]
            assert segments[0] is not None and segments[0].kind == m.SegmentKind.OPENING
            assert segments[-1] is not None and segments[-1].kind == m.SegmentKind.CLOSING
            for segment in segments:
                assert segment is not None and segment.status == m.SegmentStatus.APPROVED
                assert segment.air_start is None or segment.air_start <= day
                assert segment.air_end is None or day <= segment.air_end
                if segment.kind == m.SegmentKind.ANNOUNCEMENT:
                    active = [
                        phases[pid]
                        for pid in linked_phase_ids(db, segment)
                        if phases[pid].starts_on <= day <= phases[pid].ends_on
                    ]
                    assert active, f"{segment.title} aired on {day} outside its phases"
            ends = [item.start_offset_s + item.duration_s for item in items]
            assert ends == sorted(ends)


def test_least_recently_aired_rotates_between_days(db: Session) -> None:
    station = load_demo(db)
    slot = db.exec(select(m.SessionSlot).where(m.SessionSlot.station_id == station.id)).first()
    assert slot is not None
    first = generate_session(db, station.id or 0, date(2020, 10, 5), slot.id or 0, 1.0)[0]
    second = generate_session(db, station.id or 0, date(2020, 10, 6), slot.id or 0, 1.0)[0]
    first_ids = [i.segment_id for i in session_items(db, first)]
    second_ids = [i.segment_id for i in session_items(db, second)]
    assert first_ids != second_ids
