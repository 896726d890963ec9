"""Plans in other real shapes: election rounds, Tết, a commune congress, a broadcast schedule."""

from pathlib import Path
from typing import Any

import pytest

from broadcast.plans import parse_plan, to_json

PLANS = Path(__file__).parents[1] / "fixtures" / "plans"


def _parse(name: str) -> dict[str, Any]:
    return to_json(parse_plan((PLANS / name).read_text("utf-8")))


def _phases(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (p["code"], p["kind"], p["start"], p["end"], p["peak_start"], p["peak_end"],
         [t["line"] for t in p["topics"]])
        for p in data["phases"]
    ]  # fmt: skip


def _events(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (e["level"], e["ordinal"], e["term"], e["date_start"], e["date_end"], e["date_line"])
        for e in data["events"]
    ]


def test_election_plan_in_three_rounds() -> None:
    data = _parse("ke-hoach-bau-cu-2016.txt")
    doc = data["document"]
    assert (doc["number"], doc["code"], doc["date"]) == ("15", "KH-UBND", "2016-01-25")
    assert (doc["place"], doc["issuer"]) == ("Xã An Bình", "Ủy ban nhân dân xã An Bình")
    assert _events(data) == [("national", 14, "2016-2021", "2016-05-22", "2016-05-22", 16)]
    assert data["events"][0]["name"].startswith("Cuộc bầu cử đại biểu Quốc hội khóa XIV")
    assert _phases(data) == [
        ("1", "general", "2016-02-05", "2016-04-16", None, None, [20, 21, 24]),
        ("2", "general", "2016-04-17", "2016-05-22", "2016-05-12", "2016-05-21", [26, 27]),
        ("3", "after", "2016-05-23", "2016-06-30", None, None, [29, 30]),
    ]
    assert data["phases"][0]["topics"][1]["text"] == (
        "Các văn bản pháp luật về bầu cử: Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng "
        "nhân dân năm 2015; Các nghị quyết, hướng dẫn của Hội đồng bầu cử quốc gia"
    )
    assert data["occasions"] == data["broadcast_sessions"] == data["unresolved"] == []


def test_tet_plan_relative_to_the_holiday() -> None:
    data = _parse("ke-hoach-tet-2021.txt")
    assert data["document"]["issuer"] == "Ủy ban nhân dân phường Hòa Khánh"
    assert _events(data) == [("other", None, None, "2021-02-10", "2021-02-16", 13)]
    assert data["events"][0]["name"] == "Tết Nguyên đán Tân Sửu 2021"
    assert _phases(data) == [
        ("1", "before", "2021-01-15", "2021-02-09", None, None, [15, 16, 17]),
        ("2", "during", "2021-02-10", "2021-02-16", None, None, [19, 20]),
        ("3", "after", "2021-02-17", "2021-02-28", None, None, [22, 23]),
    ]
    assert [p["title"] for p in data["phases"]] == ["Trước Tết", "Trong dịp Tết", "Sau Tết"]
    assert data["occasions"] == [
        {"name": "Kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam", "date": "2021-02-03",
         "line": 15},
        {"name": "Ngày Thầy thuốc Việt Nam", "date": "2021-02-27", "line": 23},
    ]  # fmt: skip
    assert data["unresolved"] == []


def test_commune_congress_with_relative_phases() -> None:
    data = _parse("ke-hoach-dai-hoi-xa-2020.txt")
    assert data["document"]["issuer"] == "Đảng ủy xã Tân Hòa"
    assert _events(data) == [("ward", 15, "2020-2025", "2020-06-16", "2020-06-17", 11)]
    assert data["events"][0]["name"] == "Đại hội đại biểu Đảng bộ xã Tân Hòa lần thứ XV"
    assert _phases(data) == [
        ("1", "before", "2020-05-02", "2020-06-15", None, None, [15, 16]),
        ("2", "during", "2020-06-16", "2020-06-17", None, None, [18]),
        ("3", "after", "2020-06-18", "2020-07-31", None, None, [20, 21]),
    ]
    assert {p["event_ordinal"] for p in data["phases"]} == {15}
    assert data["unresolved"] == []


def test_plan_with_a_broadcast_schedule() -> None:
    data = _parse("ke-hoach-lich-phat-thanh-2021.txt")
    assert data["document"]["issuer"] == "Ủy ban nhân dân thị trấn Phú Xuyên"
    assert data["events"] == []
    assert _phases(data) == [("I", "general", "2021-04-15", "2021-05-15", None, None, [11, 12, 13])]
    assert data["phases"][0]["title"] == "NỘI DUNG TUYÊN TRUYỀN"
    assert data["broadcast_sessions"] == [
        {"start": "06:00", "end": "06:30", "weekdays": [0, 1, 2, 3, 4, 5, 6], "line": 17},
        {"start": "17:00", "end": "17:30", "weekdays": [0, 1, 2, 3, 4, 5, 6], "line": 18},
        {"start": "11:00", "end": "11:15", "weekdays": [5, 6], "line": 19},
    ]
    assert [(o["name"], o["date"]) for o in data["occasions"]] == [
        ("Ngày Quốc tế Lao động", "2021-05-01"),
        ("Kỷ niệm 131 năm Ngày sinh Chủ tịch Hồ Chí Minh", "2021-05-19"),
    ]
    assert data["unresolved"] == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1. Sau Đại hội (từ giữa tháng 3/2021)\n- Tin kết quả.", "giữa tháng 3/2021"),
        ("1. Trước Đại hội\n- Tin chuẩn bị.", "không xác định được sự kiện"),
    ],
)
def test_open_windows_are_listed_not_guessed(text: str, why: str) -> None:
    data = to_json(parse_plan(text))
    assert data["phases"][0]["start"] is None
    assert any(why in item["why"] and item["line"] == 1 for item in data["unresolved"])


def test_unnumbered_time_blocks_and_a_two_day_congress() -> None:
    data = _parse("ke-hoach-thoi-diem-2020.txt")
    assert _events(data) == [("ward", 12, "2020-2025", "2020-05-20", "2020-05-21", 10)]
    assert _phases(data) == [
        ("1.1", "before", "2020-03-01", "2020-05-19", None, None, [9]),
        ("1.2", "after", "2020-05-22", "2020-06-30", None, None, [12]),
        ("Đợt 1", "general", "2020-07-01", "2020-07-31", None, None, [14]),
        ("Giai đoạn 2", "general", "2020-08-01", "2020-09-30", None, None, [16]),
    ]
    assert [p["title"] for p in data["phases"]][2:] == ["Đợt 1", "Giai đoạn 2"]
    # a paragraph inside a phase is not a topic, and it is kept, not dropped
    assert [(n["line"], n["section"]) for n in data["notes"]] == [(10, "Thời điểm trước Đại hội")]
    # the header names no issuing body: that is listed for the operator, not guessed
    assert data["unresolved"] == [
        {"text": "Cơ quan ban hành", "line": 0, "why": "không tìm thấy trong văn bản"}
    ]
