"""Lịch phát month view: the month model (days, weeks from Monday, sessions of one station
counted, a few queries) and the page with its links, without a browser."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session
from web_helpers import web_app
from web_schedule_helpers import DEMO_STATION, elements, generate, one

from api.web.views.month import MISSING, QUIET, month_view
from broadcast.models import BroadcastSession, SessionStatus
from playlists.quiet import parse_windows

from conftest import make_settings
from factories import create_slot, create_station


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _stored(db: Session, station_id: int, slot_id: int, day: date, **extra: Any) -> int:
    row = BroadcastSession(station_id=station_id, slot_id=slot_id, day=day, **extra)
    db.add(row)
    db.flush()
    return row.id or 0


@pytest.mark.parametrize(
    ("month", "days", "first_cell", "weeks"),
    [
        (date(2026, 2, 10), 28, date(2026, 1, 26), 5),  # February of a common year
        (date(2024, 2, 29), 29, date(2024, 1, 29), 5),  # a leap February
        (date(2026, 3, 31), 31, date(2026, 2, 23), 6),  # 31 days over six weeks
        (date(2021, 2, 1), 28, date(2021, 2, 1), 4),  # a month that starts on a Monday
    ],
)
def test_month_has_its_days_in_whole_weeks_from_monday(
    db: Session, month: date, days: int, first_cell: date, weeks: int
) -> None:
    station = create_station(db)
    view = month_view(db, station.id or 0, month, today=date(2000, 1, 1))
    assert [d.day.day for d in view.days] == list(range(1, days + 1))
    assert view.first == month.replace(day=1) and view.last.day == days
    assert len(view.weeks) == weeks and all(len(week) == 7 for week in view.weeks)
    assert view.weeks[0][0].day == first_cell and first_cell.weekday() == 0
    assert all(week[0].day.weekday() == 0 and week[6].day.weekday() == 6 for week in view.weeks)
    outside = [d for week in view.weeks for d in week if not d.in_month]
    assert all(d.day.month != month.month and not d.sessions for d in outside)
    assert view.prev == date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    assert view.next.day == 1 and view.next.month == month.month % 12 + 1


def test_month_counts_this_stations_sessions_only_in_two_queries(
    db: Session, engine: Engine
) -> None:
    here, there = create_station(db), create_station(db, name="Đài xã Bên Kia")
    morning = create_slot(db, here, start=time(6, 30), weekdays=[0, 1, 2, 3, 4], max_seconds=600)
    evening = create_slot(db, here, name="Buổi chiều", start=time(17, 0), weekdays=[5])
    far = create_slot(db, there, weekdays=[0, 1, 2, 3, 4, 5, 6])
    monday, saturday = date(2026, 12, 7), date(2026, 12, 12)
    planned = _stored(db, here.id or 0, morning.id or 0, monday, total_s=300.0, locked=True)
    aired = _stored(
        db, here.id or 0, evening.id or 0, saturday, status=SessionStatus.EXPORTED, total_s=900
    )
    _stored(db, there.id or 0, far.id or 0, monday, total_s=60.0)
    _stored(db, here.id or 0, morning.id or 0, date(2026, 11, 30))  # the grid's first cell

    with counted(engine) as statements:
        view = month_view(db, here.id or 0, date(2026, 12, 20), today=monday)
    assert len(statements) <= 2, statements

    by_day = {d.day: d for d in view.days}
    first = by_day[monday]
    assert first.is_today and not by_day[saturday].is_today
    assert [(s.slot_start, s.playlist_id, s.status) for s in first.sessions] == [
        ("06:30", planned, "generated")
    ]
    assert first.sessions[0].locked and first.sessions[0].fill_pct == 50.0
    assert (first.stored, first.locked, first.exported) == (1, 1, 0)
    sat = by_day[saturday]
    assert [(s.slot_start, s.playlist_id) for s in sat.sessions] == [("17:00", aired)]
    assert (sat.stored, sat.locked, sat.exported) == (1, 0, 1)
    assert sat.sessions[0].fill_pct == 100.0
    assert by_day[date(2026, 12, 13)].sessions == []  # a Sunday: no slot of this station
    tuesday = by_day[date(2026, 12, 8)].sessions
    assert [(s.status, s.playlist_id) for s in tuesday] == [(MISSING, None)]
    expected = 23 + 4  # 23 weekdays with a morning slot, four Saturdays with the evening one
    assert sum(len(d.sessions) for d in view.days) == expected
    assert sum(d.stored for d in view.days) == 2  # neither the other station nor November
    assert view.weeks[0][0].day == date(2026, 11, 30) and not view.weeks[0][0].sessions


def test_month_page_links_days_sessions_and_the_week_view(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        made = generate(client, "2020-10-05", "2020-10-09")
        locked = made["sessions"][0]["playlist_id"]
        assert client.post(f"/playlists/{locked}/lock", json={"locked": True}).status_code == 200
        page = client.get("/lich-phat/thang?from=2020-10-14")
        week = client.get("/lich-phat?from=2020-10-05")
        bad = client.get("/lich-phat/thang?from=ngay-mai")
    assert page.status_code == 200
    assert one(page.text, id="month-title")["data-month"] == "2020-10"
    assert "Tháng 10 năm 2020" in page.text
    days = elements(page.text, data_testid="month-day")
    assert [d["data-day"] for d in days][:2] == ["2020-10-01", "2020-10-02"] and len(days) == 31
    sessions = elements(page.text, data_testid="month-session")
    assert len(sessions) == 2 * 22  # the demo's two slots on the 22 weekdays of October 2020
    stored = {s["data-playlist"] for s in sessions if s["data-playlist"]}
    assert stored == {str(s["playlist_id"]) for s in made["sessions"]}
    assert [s["data-playlist"] for s in sessions if s["data-locked"] == "1"] == [str(locked)]
    assert one(page.text, id="mday-2020-10-05")["data-stored"] == "2"
    assert elements(page.text, tag="a", href=f"/lich-phat/{locked}")
    day_link = f"/lich-phat?from=2020-10-12&station={DEMO_STATION}#day-2020-10-14"
    assert elements(page.text, tag="a", href=day_link)
    assert one(page.text, id="prev-month")["href"] == "/lich-phat/thang?from=2020-09-01&station=1"
    assert one(page.text, id="next-month")["href"] == "/lich-phat/thang?from=2020-11-01&station=1"
    assert one(page.text, id="view-week")["href"] == "/lich-phat?from=2020-09-28&station=1"
    assert one(week.text, id="view-month")["href"] == "/lich-phat/thang?from=2020-10-05&station=1"
    assert bad.status_code == 200 and 'id="bad-from"' in bad.text


def test_a_slot_in_quiet_hours_is_marked_quiet_not_missing(db: Session) -> None:
    here = create_station(db, name="Đài yên tĩnh")
    early = create_slot(db, here, start=time(4, 30), weekdays=[0], max_seconds=600)
    late = create_slot(db, here, name="Buổi sáng", start=time(6, 30), weekdays=[0])
    windows = parse_windows([{"start": "22:00", "end": "05:30"}])
    view = month_view(db, here.id or 0, date(2026, 12, 7), date(2026, 12, 1), windows)
    monday = {d.day: d for d in view.days}[date(2026, 12, 7)]
    states = {s.slot_id: s.status for s in monday.sessions}
    assert states == {early.id: QUIET, late.id: MISSING}
