"""General header, event, window and broadcast-time rules of the plan parser, each on a
sentence written here (the public fixtures test them on real documents)."""

import pytest

from broadcast.plans import parse_plan, to_json
from broadcast.plans.header import level_of, normal_code


@pytest.mark.parametrize(
    ("line", "number", "code"),
    [
        ("Số: 125-KH/ĐU", "125", "KH/ĐU"),
        ("Số 30 - KH/HU", "30", "KH/HU"),
        ("Số: 12/KH-BTG", "12", "KH-BTG"),
        ("Số: 07/KH-BCĐ", "07", "KH-BCĐ"),
        ("Số: 45 /KH-MTTQ", "45", "KH-MTTQ"),
        ("Số: 67/KH-SVHTTDL", "67", "KH-SVHTTDL"),
        ("Số :     /KH – UBND", None, "KH-UBND"),
    ],
)
def test_document_numbers_with_any_issuer_code(line: str, number: str | None, code: str) -> None:
    doc = to_json(parse_plan(f"{line}\nKẾ HOẠCH\nTuyên truyền năm 2025"))["document"]
    assert (doc["number"], doc["code"]) == (number, code)


def test_codes_are_written_one_way() -> None:
    assert [normal_code(c) for c in ("KH UBND", "KH- UBND", "KH / ĐU")] == [
        "KH-UBND",
        "KH-UBND",
        "KH/ĐU",
    ]


@pytest.mark.parametrize(
    ("header", "issuer", "level"),
    [
        ("ĐẢNG BỘ HUYỆN CHƯƠNG MỸ\nĐẢNG ỦY XÃ ĐẠI YÊN", "Đảng ủy xã Đại Yên", "commune"),
        ("ĐẢNG BỘ TỈNH LẠNG SƠN\nHUYỆN ỦY TRÀNG ĐỊNH", "Huyện ủy Tràng Định", "district"),
        ("ỦY BAN NHÂN DÂN\nTHỊ TRẤN PHÚ XUYÊN", "Ủy ban nhân dân thị trấn Phú Xuyên", "commune"),
        ("ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH", "Ủy ban nhân dân tỉnh Nam Định", "province"),
        ("ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHƯỜNG AN HẢI      Độc lập"
         " - Tự do - Hạnh phúc", "Ủy ban nhân dân phường An Hải", "commune"),
    ],
)  # fmt: skip
def test_issuers_in_capitals_and_their_level(header: str, issuer: str, level: str) -> None:
    doc = to_json(parse_plan(f"{header}\nSố: 3/KH\nKẾ HOẠCH\nTuyên truyền"))["document"]
    assert (doc["issuer"], doc["level"]) == (issuer, level)


@pytest.mark.parametrize(
    ("issuer", "place", "level"),
    [
        ("Ban Tuyên giáo Huyện ủy", None, "district"),
        ("Ủy ban nhân dân thành phố Đà Nẵng", None, "province"),
        ("Ủy ban nhân dân thành phố Hội An", None, "district"),
        (None, "Xã An Bình", "commune"),
        (None, None, None),
    ],
)
def test_levels(issuer: str | None, place: str | None, level: str | None) -> None:
    assert level_of(issuer, place) == level


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Đại hội diễn ra trong 2 ngày 14 và 15/7/2025.", "2025-07-14", "2025-07-15"),
        ("Đại hội diễn ra trong 2 ngày: 5-6/8/2025.", "2025-08-05", "2025-08-06"),
        ("Đại hội tổ chức trong 2 ngày 31/7 và 1/8/2025.", "2025-07-31", "2025-08-01"),
        ("Ngày bầu cử 15/3/2026 là ngày hội của toàn dân.", "2026-03-15", "2026-03-15"),
    ],
)
def test_event_dates_in_running_text(text: str, start: str, end: str) -> None:
    title = "Tuyên truyền Đại hội đại biểu Đảng bộ xã An Bình lần thứ I, nhiệm kỳ 2025-2030"
    if "bầu cử" in text:
        title = "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI"
    data = to_json(parse_plan(f"KẾ HOẠCH\n{title}\n\n{text}"))
    assert (data["events"][0]["date_start"], data["events"][0]["date_end"]) == (start, end)


def test_phases_relative_to_a_congress_in_running_text() -> None:
    data = to_json(
        parse_plan(
            "KẾ HOẠCH\nTuyên truyền Đại hội đại biểu Đảng bộ xã An Bình lần thứ I\n\n"
            "Đại hội diễn ra trong 2 ngày 14 và 15/7/2025.\n"
            "1. Trước Đại hội\n- Tin chuẩn bị.\n2. Trong Đại hội\n- Tin Đại hội.\n"
            "3. Sau Đại hội (đến hết tháng 8/2025)\n- Kết quả."
        )
    )
    windows = [(p["kind"], p["start"], p["end"]) for p in data["phases"]]
    assert windows[1:] == [
        ("during", "2025-07-14", "2025-07-15"),
        ("after", "2025-07-16", "2025-08-31"),
    ]
    assert windows[0][0] == "before" and windows[0][2] == "2025-07-13"


@pytest.mark.parametrize(
    ("line", "start", "end", "peak"),
    [
        ("Đợt 1: từ tháng 3 đến tháng 5/2025", "2025-03-01", "2025-05-31", (None, None)),
        ("Đợt 2: từ tháng 11 đến tháng 2/2026", "2025-11-01", "2026-02-28", (None, None)),
        ("Đợt 3 (từ ngày 01/4/2025 đến ngày 30/4/2025, cao điểm từ ngày 20/4 đến ngày 25/4/2025)",
         "2025-04-01", "2025-04-30", ("2025-04-20", "2025-04-25")),
    ],
)  # fmt: skip
def test_stage_and_month_range_windows_and_peaks(
    line: str, start: str, end: str, peak: tuple[str | None, str | None]
) -> None:
    phase = to_json(parse_plan(f"{line}\n- Tuyên truyền."))["phases"][0]
    assert (phase["start"], phase["end"]) == (start, end)
    assert (phase["peak_start"], phase["peak_end"]) == peak


@pytest.mark.parametrize(
    ("line", "times"),
    [
        ("Đài truyền thanh phát vào 6h30 và 17h00 hằng ngày.", [("06:30", None), ("17:00", None)]),
        ("Phát thanh buổi sáng từ 5h00’ đến 6h30’.", [("05:00", "06:30")]),
    ],
)
def test_broadcast_times(line: str, times: list[tuple[str, str | None]]) -> None:
    sessions = to_json(parse_plan(line))["broadcast_sessions"]
    assert [(s["start"], s["end"]) for s in sessions] == times
