"""Real plans, programmes and news articles quoting plans (tests/fixtures/plans/public and the
held-out set): every hand-checked field as text, as .docx and as a LibreOffice PDF; and no
plan-like text is refused, even with its header cut off."""

from pathlib import Path

import pytest
from plan_documents import PLANS, docx_bytes, office_pdfs
from plan_expectations import EXPECTED, HELDOUT_PLANS, PUBLIC_PLANS, checked_fields, score
from sqlmodel import Session

from broadcast import models as m
from broadcast.campaigns import import_plan
from broadcast.campaigns.plan_import import read_plan
from broadcast.errors import InvalidInput
from broadcast.plans import parse_plan, to_json
from broadcast.plans.text import split_lines

FIXTURES = [*PUBLIC_PLANS, *HELDOUT_PLANS]


@pytest.fixture(scope="session")
def office_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """Each fixture as .docx and as PDF, all converted in one LibreOffice run per session."""
    folder = tmp_path_factory.mktemp("public-plans")
    docs = {}
    for path in FIXTURES:
        docs[path.stem] = folder / f"{path.stem}.docx"
        docs[path.stem].write_bytes(docx_bytes(path.read_text("utf-8")))
    pdfs = office_pdfs(list(docs.values()), folder)
    return {name: (doc.read_bytes(), pdfs[doc].read_bytes()) for name, doc in docs.items()}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_checked_field_of_the_text(path: Path) -> None:
    result = score(path.stem, path.read_bytes(), path.name)
    assert not result.refused
    assert result.misses == []
    assert EXPECTED[path.stem]["source"].startswith("http")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_docx_and_office_pdf_give_the_same_fields(
    path: Path, office_copies: dict[str, tuple[bytes, bytes]]
) -> None:
    docx, pdf = office_copies[path.stem]
    for data, name in ((docx, "plan.docx"), (pdf, "plan.pdf")):
        result = score(path.stem, data, name)
        assert (result.refused, result.misses) == (False, []), name


def _header_cut(text: str) -> int:
    """How many lines the header takes: up to the last header field's line (the headline of
    an article without one)."""
    found = [n for n in parse_plan(text).document.lines.values() if n]
    first = next((i for i, ln in enumerate(text.split("\n"), 1) if ln.strip()), 0)
    return max([*found, first])


def _with_phases_below_header() -> list[Path]:
    found = []
    for path in [*FIXTURES, *PLANS]:
        text = path.read_text("utf-8")
        if any(phase.line > _header_cut(text) for phase in parse_plan(text).phases):
            found.append(path)
    return found


@pytest.mark.parametrize("path", _with_phases_below_header(), ids=lambda p: p.stem)
def test_a_plan_without_its_header_is_still_a_draft(path: Path) -> None:
    text = path.read_text("utf-8")
    cut = _header_cut(text)
    kept = [p for p in parse_plan(text).phases if p.line > cut]
    stripped = "\n".join(text.split("\n")[cut:])
    plan = read_plan(stripped.encode(), "plan.txt")  # InvalidInput would be a refusal
    assert [p.code for p in plan.phases] == [p.code for p in kept]
    assert [len(p.topics) for p in plan.phases] == [len(p.topics) for p in kept]
    listed = {item.text for item in plan.unresolved}
    assert {"Số văn bản", "Tiêu đề"} <= listed
    for before, after in zip(kept, plan.phases, strict=True):
        # a window tied to an event named in the cut title is now open, and listed
        for side, what in ((before.start, after.start), (before.end, after.end)):
            assert what in (side, None)
        if (after.start, after.end) != (before.start, before.end):
            assert any(item.text.startswith(f"Giai đoạn {after.code}:") for item in plan.unresolved)


@pytest.mark.parametrize(
    "text",
    [
        "Đợt 1: từ ngày 01/7/2025 đến ngày 31/7/2025",
        "- Tuyên truyền phòng, chống dịch sốt xuất huyết.\n- Vệ sinh môi trường.",
        "Giai đoạn 2 từ ngày 01/8/2025 đến hết tháng 9/2025, tuyên truyền kết quả.",
    ],
)
def test_a_dated_phase_or_a_topic_list_alone_is_a_draft(text: str) -> None:
    plan = read_plan(text.encode(), "plan.txt")
    assert len(plan.phases) == 1
    unresolved = {item.text for item in plan.unresolved}
    assert {"Số văn bản", "Tiêu đề", "Cơ quan ban hành"} <= unresolved


def test_a_text_with_nothing_of_a_plan_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_plan("Xin chào bà con, hôm nay trời đẹp.".encode(), "note.txt")
    assert refused.value.field == "file"


def test_checked_fields_count_lists_and_refusals() -> None:
    name = "uongbi-bau-cu-2026"
    fields = checked_fields(EXPECTED[name])
    assert fields["phases#"] == 1 and fields["phases[0].topics"] == 1
    refused = score(name, "Xin chào.".encode(), "x.txt")
    assert refused.refused and refused.right == 0 and refused.total == len(fields)


@pytest.mark.parametrize(
    "name", ["uongbi-bau-cu-2026", "dientrung-sxh-2024", "trangdinh-dai-hoi-2020"]
)
def test_a_news_article_becomes_a_draft_campaign(db: Session, name: str) -> None:
    path = next(p for p in PUBLIC_PLANS if p.stem == name)
    station = m.Station(name="Đài xã")
    db.add(station)
    db.flush()
    result = import_plan(db, path.read_bytes(), path.name, station.id, "vi")
    campaign = db.get(m.Campaign, result["campaign"]["id"])
    assert campaign is not None and campaign.status == m.CampaignStatus.DRAFT
    expected = EXPECTED[name]
    assert result["counts"]["phases"] == len(expected["phases"])
    assert result["counts"]["events"] == len(expected["events"])
    assert campaign.issuing_body == (expected["document"]["issuer"] or "")
    assert result["unresolved"] == to_json(parse_plan(path.read_text("utf-8")))["unresolved"]
    assert split_lines(path.read_text("utf-8"))  # the text itself is kept as lines
