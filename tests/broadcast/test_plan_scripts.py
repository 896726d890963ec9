"""Draft scripts are built from the editable template files."""

from importlib import resources
from pathlib import Path

from broadcast.plans import parse_plan
from broadcast.plans.scripts import TEMPLATE_NAMES, draft_script, spoken_paragraph

PLANS = Path(__file__).parents[1] / "fixtures" / "plans"


def _template_text(name: str) -> str:
    path = resources.files("broadcast.plans").joinpath(f"templates/{name}.txt")
    return path.read_text("utf-8").strip()


def test_every_template_is_a_file_with_placeholders() -> None:
    for name in TEMPLATE_NAMES:
        assert "$" in _template_text(name), name


def test_script_has_greeting_topic_event_dates_and_closing() -> None:
    plan = parse_plan((PLANS / "ke-hoach-dai-hoi-xa-2020.txt").read_text("utf-8"))
    script = draft_script(plan.document, plan.events[0], plan.phases[0].topics[1])
    paragraphs = script.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0] == "Kính thưa toàn thể cán bộ, đảng viên và nhân dân xã Tân Hòa!"
    assert "Kế hoạch số 45/KH-UBND của Đảng ủy xã Tân Hòa" in paragraphs[1]
    assert paragraphs[1].endswith(
        "Các dự thảo văn kiện trình Đại hội. Việc lấy ý kiến nhân dân vào dự thảo văn kiện."
    )
    assert paragraphs[2].startswith(
        "Đại hội đại biểu Đảng bộ xã Tân Hòa lần thứ XV sẽ diễn ra từ ngày 16/06/2020 "
        "đến ngày 17/06/2020."
    )
    assert paragraphs[3] == _template_text("closing").replace("$place", "xã Tân Hòa")


def test_spoken_paragraph_splits_clauses_and_drops_ellipses() -> None:
    assert spoken_paragraph("Quy chế bầu cử; tiêu chuẩn, cơ cấu khóa XIII...") == (
        "Quy chế bầu cử. Tiêu chuẩn, cơ cấu khóa XIII."
    )
