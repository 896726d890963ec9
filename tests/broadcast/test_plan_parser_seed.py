"""The seed plan 192/KH-UBND parses to exactly its structure."""

from datetime import date
from pathlib import Path

import pytest

from broadcast.plans import PlanParse, parse_plan

SEED = Path(__file__).parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
D = date.fromisoformat


@pytest.fixture(scope="module")
def plan() -> PlanParse:
    return parse_plan(SEED.read_text("utf-8"))


def test_header(plan: PlanParse) -> None:
    doc = plan.document
    assert (doc.number, doc.code, doc.full_number) == ("192", "KH-UBND", "192/KH-UBND")
    assert doc.date == date(2019, 12, 30)
    assert doc.place == "Phường Quang Trung"
    assert doc.issuer == "Ủy ban nhân dân phường Quang Trung"
    assert doc.title is not None and doc.title.startswith("Tổ chức các hoạt động thông tin")
    assert doc.implements is not None and "275/KH-UBND ngày 17/12/2019" in doc.implements
    assert doc.lines == {
        "number": 3, "code": 3, "place": 5, "date": 5, "title": 9, "implements": 11, "issuer": 13
    }  # fmt: skip


def test_four_congresses_with_levels_and_ordinals(plan: PlanParse) -> None:
    assert [(e.level, e.ordinal, e.line) for e in plan.events] == [
        ("ward", 11, 9), ("district", 21, 9), ("city", 17, 9), ("national", 13, 9)
    ]  # fmt: skip
    assert plan.events[0].name == "Đại hội đại biểu Đảng bộ phường Quang Trung lần thứ XI"
    assert all(e.date_start is None and e.term is None for e in plan.events)


def test_phases_and_their_windows(plan: PlanParse) -> None:
    got = [
        (p.code, p.kind, p.event_ordinal, p.start, p.end, p.peak_start, p.peak_end, p.line)
        for p in plan.phases
    ]
    peak = (D("2020-10-01"), D("2020-10-31"))
    assert got == [
        ("1.1a", "before", 21, D("2019-12-01"), None, None, None, 29),
        ("1.1b", "after", 21, None, D("2020-08-31"), None, None, 41),
        ("1.2a", "before", 17, D("2020-08-01"), None, *peak, 53),
        ("1.2b", "after", 17, None, D("2020-10-31"), *peak, 71),
        ("1.3a", "before", 13, None, None, None, None, 81),
        ("1.3b", "after", 13, None, None, None, None, 91),
    ]
    assert plan.phases[1].title.endswith("— Thời điểm sau Đại hội")


def test_every_topic_bullet_kept_whole(plan: PlanParse) -> None:
    lines = {p.code: [t.line for t in p.topics] for p in plan.phases}
    assert lines == {
        "1.1a": [31, 33, 35, 37, 39],
        "1.1b": [43, 45, 47, 49],
        "1.2a": [55, 57, 59, 61, 63, 65, 67],
        "1.2b": [73, 75, 77],
        "1.3a": [83, 85, 87, 89],
        "1.3b": [93, 94, 95, 96],
    }
    wrapped = plan.phases[2].topics[-1].text
    assert wrapped.endswith("nêu gương các điển hình tiên tiến, nhân tố mới trong các phong "
                            "trào thi đua chào mừng Đại hội Đảng các cấp, nhất là Đại hội đại biểu "
                            "lần thứ XVII Đảng bộ Thành phố Hà Nội")  # fmt: skip
    assert plan.phases[5].topics[3].text == (
        "Dư luận trong nước và bạn bè quốc tế về thành công của Đại hội"
    )


def test_occasions_with_their_days(plan: PlanParse) -> None:
    assert [(o.date.isoformat(), o.line) for o in plan.occasions] == [
        ("2020-02-03", 39), ("2020-04-30", 39), ("2020-05-19", 39), ("2020-08-19", 39),
        ("2020-09-02", 39), ("2019-12-22", 108), ("2019-12-22", 108),
    ]  # fmt: skip
    assert plan.occasions[0].name == "Kỷ niệm 90 năm ngày thành lập Đảng Cộng sản Việt Nam"
    assert plan.occasions[4].name == "Quốc khánh nước Cộng hòa Xã hội Chủ nghĩa Việt Nam"


def test_unresolved_lists_only_what_the_text_leaves_open(plan: PlanParse) -> None:
    got = [(u.line, u.text) for u in plan.unresolved]
    assert got[:4] == [(9, e.name) for e in plan.events]
    assert got[4:] == [
        (29, "Giai đoạn 1.1a: ngày kết thúc"),
        (41, "Giai đoạn 1.1b: ngày bắt đầu"),
        (53, "Giai đoạn 1.2a: ngày kết thúc"),
        (71, "Giai đoạn 1.2b: ngày bắt đầu"),
        (81, "Giai đoạn 1.3a: ngày bắt đầu"),
        (81, "Giai đoạn 1.3a: ngày kết thúc"),
        (91, "Giai đoạn 1.3b: ngày bắt đầu"),
        (91, "Giai đoạn 1.3b: ngày kết thúc"),
        (145, got[-1][1]),
    ]
    assert "cuối tháng 10/2020" in plan.unresolved[7].why


def test_organisation_section_as_notes(plan: PlanParse) -> None:
    units = [n.section for n in plan.notes if n.line >= 104]
    assert units[0] == "Ban Văn hóa - Thông tin"
    assert {"UBMTTQ & các đoàn thể", "Văn phòng HĐND&UBND", "Tài chính - Kế toán"} <= set(units)
    assert [n.confidence for n in plan.notes if n.line == 145] == [0.3]
    assert plan.proposed_slots == ()
