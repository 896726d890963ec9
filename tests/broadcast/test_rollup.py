"""broadcast.rollup: a unit's roll-up equals the sum of its stations' own reports."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session

from broadcast import crud
from broadcast.access import SYSTEM, Action, Scope
from broadcast.asrun import airtime, confirm, unconfirmed_count
from broadcast.campaigns import load_demo
from broadcast.errors import InvalidInput
from broadcast.models import StationUpdate, Unit, UnitCreate, UnitKind
from broadcast.models.asrun import AsRunCreate, AsRunStatus
from broadcast.models.common import SessionStatus
from broadcast.models.station import Station, local_now
from broadcast.programming import list_sessions, programme_range
from broadcast.rollup import (
    Figures,
    month_range,
    monthly_report,
    unit_report,
    unit_report_csv,
)
from broadcast.units import create_unit

from factories import create_station

START, END = date(2020, 9, 28), date(2020, 10, 16)
NOW = datetime(2020, 10, 14, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội: the 06:30 session has begun
STATUSES = (AsRunStatus.AIRED, AsRunStatus.PARTLY, AsRunStatus.NOT_AIRED)


def _unit(db: Session, name: str, kind: UnitKind, parent: Unit | None = None) -> Unit:
    data = UnitCreate(name=name, kind=kind, parent_id=parent.id if parent else None)
    return create_unit(db, Scope(db, SYSTEM, Action.MANAGE_STATION), data)


def _station(db: Session, unit: Unit, confirmed: int, exported: int) -> Station:
    """A demo station in ``unit``, programmed over the range, partly exported and confirmed."""
    station = load_demo(db)
    crud.update(db, station, StationUpdate(unit_id=unit.id))
    sessions = [p for p, _c in programme_range(db, station.id or 0, START, END, 1.0)]
    for session in sessions[:exported]:
        session.status = SessionStatus.EXPORTED
        db.add(session)
    for index, session in enumerate(sessions[:confirmed]):
        status = STATUSES[index % 3]
        until = 150.0 + index if status is AsRunStatus.PARTLY else None
        data = AsRunCreate(
            station_id=station.id or 0, playlist_id=session.id, status=status, aired_until_s=until
        )
        confirm(db, data, now=local_now(station, NOW))
    db.flush()
    return station


@pytest.fixture
def tree(db: Session) -> dict[str, Any]:
    """Province → district → communes A, C; province → commune B; A, B with a station each, C
    with an idle station, D with none."""
    province = _unit(db, "Tỉnh Thử", UnitKind.PROVINCE)
    district = _unit(db, "Huyện Cũ", UnitKind.DISTRICT, province)
    a = _unit(db, "Xã A", UnitKind.COMMUNE, district)
    b = _unit(db, "Phường B", UnitKind.COMMUNE, province)
    c = _unit(db, "Xã C", UnitKind.COMMUNE, district)
    d = _unit(db, "Xã D", UnitKind.COMMUNE, province)
    first = _station(db, a, confirmed=24, exported=10)
    second = _station(db, b, confirmed=9, exported=30)
    idle = create_station(db, name="Đài xã C", unit_id=c.id)
    return {"units": (province, district, a, b, c, d), "stations": (first, second, idle)}


def _groups(figures: Figures, by: str) -> dict[str, tuple[float, int]]:
    lines = figures.by_topic if by == "topic" else figures.by_event
    return {g.key: (g.seconds, g.airings) for g in lines}


def _sum(parts: list[Figures]) -> dict[str, Any]:
    counts = {
        name: sum(getattr(p.sessions, name) for p in parts)
        for name in ("planned", "exported", "aired", "partly", "not_aired", "unconfirmed")
    }
    seconds = sum(p.seconds for p in parts)
    return {"counts": counts, "seconds": seconds}


def test_each_station_matches_its_own_report(db: Session, tree: dict[str, Any]) -> None:
    province = tree["units"][0]
    report = unit_report(db, Scope(db, SYSTEM), province.id or 0, START, END, NOW)
    assert [s.station_id for s in report.stations] == [s.id for s in tree["stations"]]
    for line in report.stations:
        sid = line.station_id
        sessions = list(list_sessions(db, sid, START, END))
        assert line.sessions.planned == len(sessions)
        assert line.sessions.exported == sum(s.status == SessionStatus.EXPORTED for s in sessions)
        waiting = unconfirmed_count(db, sid, START, END, local_now(db.get(Station, sid), NOW))
        assert line.sessions.unconfirmed == waiting
        for by in ("topic", "event"):
            own = airtime(db, sid, START, END, by, now=local_now(db.get(Station, sid), NOW))
            mine = _groups(line, by)
            assert {g["key"]: g["airings"] for g in own["groups"]} == {
                key: airings for key, (_s, airings) in mine.items()
            }
            for group in own["groups"]:
                assert mine[group["key"]][0] == pytest.approx(group["seconds"], abs=0.002)
            total = own["total"]
            assert line.seconds == pytest.approx(total["seconds"], abs=0.01)
            assert line.sessions.asrun_seconds == pytest.approx(total["asrun_seconds"], abs=0.01)
            confirmed = line.sessions.aired + line.sessions.partly + line.sessions.not_aired
            assert confirmed == total["sessions_confirmed"]
            assert line.sessions.not_aired == total["sessions_not_aired"]
            assert line.sessions.unconfirmed == total["sessions_unconfirmed"]
    first, second, idle = report.stations
    assert (first.sessions.aired, first.sessions.partly, first.sessions.not_aired) == (8, 8, 8)
    assert (first.sessions.exported, second.sessions.exported) == (10, 30)
    assert first.seconds > 0 and first.by_topic and first.by_event
    assert idle.sessions.planned == 0 and idle.seconds == 0 and idle.by_topic == []


def test_unit_subtotals_and_total_are_sums_of_the_stations(
    db: Session, tree: dict[str, Any]
) -> None:
    province, district, a, b, c, d = tree["units"]
    report = unit_report(db, Scope(db, SYSTEM), province.id or 0, START, END, NOW)
    stations = {s.station_id: s for s in report.stations}
    units = {u.unit_id: u for u in report.units}
    assert [u.unit_id for u in report.units] == [u.id for u in (province, district, a, c, b, d)]
    expected = {
        province.id: [s.id for s in tree["stations"]],
        district.id: [tree["stations"][0].id, tree["stations"][2].id],
        a.id: [tree["stations"][0].id],
        b.id: [tree["stations"][1].id],
        c.id: [tree["stations"][2].id],
        d.id: [],
    }
    for unit_id, station_ids in expected.items():
        line = units[unit_id or 0]
        assert line.station_ids == station_ids
        summed = _sum([stations[sid or 0] for sid in station_ids])
        assert line.sessions.model_dump(exclude={"asrun_seconds"}) == summed["counts"]
        assert line.seconds == pytest.approx(summed["seconds"], abs=0.01)
        for by in ("topic", "event"):
            keys: dict[str, float] = {}
            for sid in station_ids:
                for key, (seconds, _n) in _groups(stations[sid or 0], by).items():
                    keys[key] = keys.get(key, 0.0) + seconds
            assert _groups(line, by).keys() == keys.keys()
            for key, (seconds, _n) in _groups(line, by).items():
                assert seconds == pytest.approx(keys[key], abs=0.01)
    assert report.total.model_dump() == Figures.model_validate(units[province.id or 0]).model_dump()
    assert units[d.id or 0].sessions.planned == 0 and units[d.id or 0].seconds == 0
    assert report.total.sessions.planned > 0 and report.bulletins == []
    commune = unit_report(db, Scope(db, SYSTEM), a.id or 0, START, END, NOW)
    assert [s.station_id for s in commune.stations] == [tree["stations"][0].id]
    assert commune.total.model_dump() == Figures.model_validate(units[a.id or 0]).model_dump()


def test_period_bounds_are_inclusive_and_checked(db: Session, tree: dict[str, Any]) -> None:
    province = tree["units"][0]
    first = tree["stations"][0]
    day = date(2020, 10, 5)
    one = unit_report(db, Scope(db, SYSTEM), province.id or 0, day, day, NOW)
    stored = [s for s in list_sessions(db, None, day, day)]
    assert one.total.sessions.planned == len(stored) > 0
    own = airtime(db, first.id or 0, day, day, "event", now=local_now(first, NOW))
    assert one.stations[0].seconds == pytest.approx(own["total"]["seconds"], abs=0.01)
    before = unit_report(db, Scope(db, SYSTEM), province.id or 0, date(2020, 1, 1), START, NOW)
    after = unit_report(db, Scope(db, SYSTEM), province.id or 0, START, END, NOW)
    edge = [s for s in list_sessions(db, None, START, START)]
    assert before.total.sessions.planned == len(edge)
    with pytest.raises(InvalidInput) as refused:
        unit_report(db, Scope(db, SYSTEM), province.id or 0, END, START, NOW)
    assert refused.value.field == "to"
    assert after.total.sessions.planned == len(list_sessions(db, None, START, END))


def test_monthly_report_is_the_roll_up_of_the_calendar_month(
    db: Session, tree: dict[str, Any]
) -> None:
    province = tree["units"][0]
    assert month_range("2026-11") == (date(2026, 11, 1), date(2026, 11, 30))
    assert month_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    for bad in ("2026-13", "2026-1", "tháng 11", "1999-12"):
        with pytest.raises(InvalidInput) as refused:
            month_range(bad)
        assert refused.value.field == "month"
    monthly = monthly_report(db, Scope(db, SYSTEM), province.id or 0, "2020-10", NOW)
    ranged = unit_report(
        db, Scope(db, SYSTEM), province.id or 0, date(2020, 10, 1), date(2020, 10, 31), NOW
    )
    assert monthly == ranged
    assert monthly.total.sessions.planned == len(
        list_sessions(db, None, date(2020, 10, 1), date(2020, 10, 31))
    )


def test_csv_has_vietnamese_headers_a_bom_and_one_line_per_figure(
    db: Session, tree: dict[str, Any]
) -> None:
    province = tree["units"][0]
    report = unit_report(db, Scope(db, SYSTEM), province.id or 0, START, END, NOW)
    data = unit_report_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Phần,Mã,Tên,Thuộc đơn vị,Buổi dự kiến,Buổi đã xuất,Buổi đã phát")
    sections = [line.split(",")[0] for line in lines[1:]]
    assert sections.count("Đài") == 3 and sections.count("Đơn vị") == 6
    assert sections.count("Tổng cộng") == 1
    assert sections.count("Chủ đề") == len(report.total.by_topic) > 0
    assert sections.count("Sự kiện") == len(report.total.by_event) > 0
    total = next(line for line in lines if line.startswith("Tổng cộng"))
    cells = total.split(",")
    assert int(cells[4]) == report.total.sessions.planned
    assert cells[10] == f"{report.total.minutes:.2f}"
