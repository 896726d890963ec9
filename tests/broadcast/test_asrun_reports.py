"""As-run log and the airtime report: totals equal the sum of what the log says aired."""

from datetime import date, datetime

import pytest
from sqlmodel import Session, select

from api.web.svg.chart import stacked_bars
from broadcast import models as m
from broadcast.asrun import airtime, airtime_csv, confirm, import_player_log, minutes_by_event_week
from broadcast.campaigns import load_demo
from broadcast.errors import InvalidInput
from broadcast.models.asrun import AsRun, AsRunCreate, AsRunStatus
from broadcast.programming import programme_range, session_items

START, END = date(2020, 9, 28), date(2020, 10, 16)


def _programmed_station(db: Session) -> tuple[int, list[m.BroadcastSession]]:
    station = load_demo(db)
    results = programme_range(db, station.id or 0, START, END, 1.0)
    return station.id or 0, [p for p, _c in results]


def test_report_totals_equal_the_asrun_log(db: Session) -> None:
    station_id, sessions = _programmed_station(db)
    statuses = [AsRunStatus.AIRED, AsRunStatus.PARTLY, AsRunStatus.NOT_AIRED]
    for index, session in enumerate(sessions[:24]):
        status = statuses[index % 3]
        confirm(
            db,
            AsRunCreate(
                station_id=station_id,
                playlist_id=session.id,
                status=status,
                aired_until_s=200.0 if status is AsRunStatus.PARTLY else None,
                note="Mất điện giữa buổi" if status is AsRunStatus.PARTLY else "",
            ),
        )
    log = db.exec(select(AsRun)).all()
    logged = sum(row.aired_s for row in log)
    aired_full = sum(p.total_s for p in sessions[:24:3])
    assert 0 < logged < aired_full + 8 * 200.0 and logged > aired_full
    for by in ("topic", "event", "phase", "week", "month"):
        report = airtime(db, station_id, START, END, by)
        assert report["total"]["seconds"] == pytest.approx(logged, abs=0.01)
        assert sum(g["seconds"] for g in report["groups"]) == pytest.approx(logged, abs=0.05)
        assert report["total"]["sessions_confirmed"] == 24
        assert report["total"]["sessions_unconfirmed"] == len(sessions) - 24
        assert report["total"]["sessions_not_aired"] == 8
    months = airtime(db, station_id, START, END, "month")
    assert [g["key"] for g in months["groups"]] == ["2020-09", "2020-10"]
    text = airtime_csv(months)
    assert text.splitlines()[0] == "month,nhan,phut,luot_phat"
    assert text.splitlines()[-1].startswith("tong,Tổng cộng,")
    weeks, series = minutes_by_event_week(db, station_id, START, END)
    assert weeks[0] == "2020-W40"
    chart_total = sum(v for values in series.values() for v in values.values())
    assert chart_total == pytest.approx(logged / 60, abs=0.01)
    svg = stacked_bars("Số phút", weeks, series)
    assert svg.startswith("<svg") and svg.count("<rect") >= len(weeks)
    assert "Đại hội đại biểu Đảng bộ thành phố Hà Nội lần thứ XVII" in svg


def test_player_log_confirms_matching_lines_and_names_each_refused_one(db: Session) -> None:
    station_id, _playlists = _programmed_station(db)
    good = (
        "date,time,status,aired_seconds,note\n"
        "2020-10-05,06:30,aired,,\n"
        "2020-10-05,17:00,partly,120,Loa khu 3 hỏng\n"
        "2020-10-06,06:30,không phát,,Mưa bão\n"
    )
    result = import_player_log(db, station_id, good.encode("utf-8"))
    rows = result.confirmed
    assert result.refused == []
    assert [r.status for r in rows] == [
        AsRunStatus.AIRED,
        AsRunStatus.PARTLY,
        AsRunStatus.NOT_AIRED,
    ]
    evening = db.get(m.BroadcastSession, rows[1].playlist_id)
    assert evening is not None and rows[1].source == "player_log"
    items = session_items(db, evening)
    expected = sum(
        max(0.0, min(i.start_offset_s + i.duration_s, 120.0) - i.start_offset_s) for i in items
    )
    assert rows[1].aired_s == pytest.approx(expected) and 110.0 < expected < 120.0  # gaps excluded
    mixed = (
        "date,time,status,aired_seconds,note\n"
        "2020-10-07,06:30,aired,,\n"
        "2020-10-10,06:30,aired,,\n"  # a Saturday: no session
        "2020-10-07,09:00,aired,,\n"  # no slot at 09:00
        "2020-10-08,06:30,có lẽ,,\n"
        "2020-10-08,06:30,partly,1e309,\n"
        "08/10/2020,06:30,aired,,\n"
        "2020-10-08,06:30,aired,," + "x" * 2001 + "\n"
    )
    result = import_player_log(db, station_id, mixed.encode("utf-8"))
    assert [(r.day, r.status) for r in result.confirmed] == [(date(2020, 10, 7), AsRunStatus.AIRED)]
    reasons = dict(result.refused)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert "chưa có danh sách phát ngày 10/10/2020" in reasons[3]
    assert "không có buổi phát lúc 09:00" in reasons[4]
    assert "trạng thái 'có lẽ' không hợp lệ" in reasons[5]
    assert "aired_seconds phải từ 0 đến 86400" in reasons[6]
    assert "không đúng dạng YYYY-MM-DD" in reasons[7]
    assert "ghi chú dài quá 2000 ký tự" in reasons[8]
    assert len(db.exec(select(AsRun)).all()) == 4
    with pytest.raises(InvalidInput) as error:  # nothing matches: the file is refused
        import_player_log(db, station_id, b"date,time,status\n2020-10-10,06:30,aired\n")
    assert error.value.field == "file" and "dòng 2: chưa có danh sách phát" in error.value.message
    with pytest.raises(InvalidInput):
        import_player_log(db, station_id, b"ngay,gio\n2020-10-07,06:30\n")
    assert len(db.exec(select(AsRun)).all()) == 4


def test_a_session_that_has_not_started_cannot_be_confirmed(db: Session) -> None:
    station_id, sessions = _programmed_station(db)
    evening = next(s for s in sessions if s.day == START and s.slot_id == 2)  # 28/09 17:00
    before = datetime(2020, 9, 28, 16, 59)
    data = AsRunCreate(station_id=station_id, playlist_id=evening.id, status=AsRunStatus.AIRED)
    with pytest.raises(InvalidInput) as error:
        confirm(db, data, now=before)
    assert error.value.field == "playlist_id" and "chưa diễn ra" in error.value.detail
    log = "date,time,status\n2020-09-28,17:00,aired\n2020-09-28,06:30,aired\n"
    result = import_player_log(db, station_id, log.encode("utf-8"), now=before)
    assert [(r.day, r.slot_id) for r in result.confirmed] == [(START, 1)]
    assert result.refused == [
        (2, "buổi phát lúc 17:00 ngày 28/09/2020 chưa diễn ra, chưa thể xác nhận")
    ]
    assert confirm(db, data, now=datetime(2020, 9, 28, 17, 0)).playlist_id == evening.id
