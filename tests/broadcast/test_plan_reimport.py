"""Re-importing a plan updates its campaign in place; a draft campaign can be deleted."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from broadcast import models as m
from broadcast.campaigns import (
    activate_campaign,
    apply_reimport,
    delete_draft_campaign,
    import_plan,
    preview_import,
    preview_reimport,
)
from broadcast.errors import Conflict, InvalidInput
from broadcast.segments import approve_segment

ROOT = Path(__file__).parents[2]
PLANS = sorted((ROOT / "tests" / "fixtures" / "plans").glob("*.txt"))
SEED = ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
COMMUNE = ROOT / "tests" / "fixtures" / "plans" / "ke-hoach-dai-hoi-xa-2020.txt"


def _station(db: Session) -> int:
    station = m.Station(name="Đài phường")
    db.add(station)
    db.flush()
    return station.id or 0


def _import(db: Session, path: Path, station: int, data: bytes | None = None) -> int:
    result = import_plan(db, data or path.read_bytes(), path.name, station, "vi")
    return int(result["campaign"]["id"])


def _count(db: Session, model: type) -> int:
    return len(db.exec(select(model)).all())


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_importing_a_plan_twice_gives_one_campaign_and_no_change(db: Session, path: Path) -> None:
    station = _station(db)
    campaign_id = _import(db, path, station)
    segments = _count(db, m.Segment)
    with pytest.raises(Conflict) as refused:
        _import(db, path, station)
    assert refused.value.code == "campaign.plan_exists"
    assert f"#{campaign_id}" in refused.value.message
    preview = preview_import(db, path.read_bytes(), path.name, station)
    assert preview["match"]["id"] == campaign_id
    assert preview["changes"]["empty"] is True, preview["changes"]
    applied = apply_reimport(
        db, db.get(m.Campaign, campaign_id), path.read_bytes(), path.name, "vi"
    )
    assert applied["changes"]["count"] == 0
    assert _count(db, m.Campaign) == 1 and _count(db, m.Segment) == segments


def _changed_copy() -> tuple[bytes, dict[str, str]]:
    """The commune plan with phase 3 ending a month later, a topic added, phase 2 removed."""
    text = COMMUNE.read_text("utf-8")
    edits = [
        ("3. Sau Đại hội (đến hết tháng 7/2020)", "3. Sau Đại hội (đến hết tháng 8/2020)"),
        ("lấy ý kiến nhân dân vào dự thảo văn kiện.\n",
         "lấy ý kiến nhân dân vào dự thảo văn kiện.\n"
         "- Tuyên truyền về chuyển đổi số trong khu dân cư.\n"),
        ("2. Trong thời gian diễn ra Đại hội\n"
         "- Thông tin về diễn biến và kết quả phiên họp thứ nhất, phiên bế mạc của Đại hội.\n", ""),
    ]  # fmt: skip
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    return text.encode(), {"moved": "3", "removed": "2"}


def test_a_changed_copy_gives_exactly_its_changes(db: Session) -> None:
    station = _station(db)
    campaign_id = _import(db, COMMUNE, station)
    campaign = db.get(m.Campaign, campaign_id)
    assert campaign is not None
    data, names = _changed_copy()
    preview = preview_reimport(db, campaign, data, COMMUNE.name)["changes"]
    assert preview["campaign"] == [] and preview["events"] == {
        "added": [], "changed": [], "removed": []
    }  # fmt: skip
    assert preview["phases"]["added"] == []
    assert [p["code"] for p in preview["phases"]["removed"]] == [names["removed"]]
    changed = preview["phases"]["changed"]
    assert [(p["code"], [f["field"] for f in p["fields"]]) for p in changed] == [
        (names["moved"], ["ends_on"])
    ]
    assert changed[0]["fields"][0] == {
        "field": "ends_on",
        "before": "2020-07-31",
        "after": "2020-08-31",
    }
    assert [t["text"] for t in preview["topics"]["added"]] == [
        "Tuyên truyền về chuyển đổi số trong khu dân cư"
    ]
    assert preview["topics"]["changed"] == preview["topics"]["removed"] == []
    assert preview["count"] == 3
    kept = db.exec(select(m.Phase).where(m.Phase.code == "1")).one()
    kept_segments = {link.segment_id for link in db.exec(
        select(m.SegmentPhaseLink).where(m.SegmentPhaseLink.phase_id == kept.id)
    )}  # fmt: skip
    approve_segment(db, db.get(m.Segment, min(kept_segments)), note="")
    result = apply_reimport(db, campaign, data, "ban-sua.txt", "vi")
    assert result["changes"]["count"] == 3
    assert len(result["changes"]["segments"]["deleted"]) > 0  # the removed phase's templates
    db.refresh(kept)
    moved = db.exec(select(m.Phase).where(m.Phase.code == names["moved"])).one()
    assert moved.ends_on == date(2020, 8, 31)
    still = {link.segment_id for link in db.exec(
        select(m.SegmentPhaseLink).where(m.SegmentPhaseLink.phase_id == kept.id)
    )}  # fmt: skip
    assert kept_segments < still  # kept links, plus the new topic's template
    assert db.get(m.Segment, min(kept_segments)).status == m.SegmentStatus.APPROVED
    codes = {p.code for p in db.exec(select(m.Phase)).all()}
    assert names["removed"] not in codes and _count(db, m.Campaign) == 1
    again = preview_reimport(db, campaign, data, "ban-sua.txt")["changes"]
    assert again["empty"] is True, again
    audit = db.exec(select(m.AuditEntry).where(m.AuditEntry.action == "reimport")).all()
    assert {e.entity for e in audit} >= {"phase", "topic", "segment", "plan_import"}


def test_a_removed_phase_with_written_work_blocks_the_update(db: Session) -> None:
    station = _station(db)
    campaign_id = _import(db, COMMUNE, station)
    campaign = db.get(m.Campaign, campaign_id)
    data, names = _changed_copy()
    removed = db.exec(select(m.Phase).where(m.Phase.code == names["removed"])).one()
    link = db.exec(
        select(m.SegmentPhaseLink).where(m.SegmentPhaseLink.phase_id == removed.id)
    ).first()
    assert link is not None
    written = db.get(m.Segment, link.segment_id)
    approve_segment(db, written, note="")
    preview = preview_reimport(db, campaign, data, COMMUNE.name)["changes"]
    assert [s["id"] for s in preview["segments"]["blocking"]] == [written.id]
    with pytest.raises(Conflict) as refused:
        apply_reimport(db, campaign, data, COMMUNE.name, "vi")
    assert refused.value.code == "campaign.segments_in_use"
    assert f"#{written.id}" in refused.value.message
    db.refresh(removed)
    assert removed.campaign_id == campaign_id  # nothing was written


def test_another_plan_is_not_an_update(db: Session) -> None:
    station = _station(db)
    campaign = db.get(m.Campaign, _import(db, COMMUNE, station))
    with pytest.raises(InvalidInput) as refused:
        apply_reimport(db, campaign, SEED.read_bytes(), SEED.name, "vi")
    assert refused.value.field == "file" and refused.value.code == "campaign.other_plan"
    assert preview_import(db, SEED.read_bytes(), SEED.name, station)["match"] is None


def test_the_demo_campaign_is_updated_from_its_plan_keeping_its_dates(db: Session) -> None:
    from broadcast.campaigns import load_demo

    station = load_demo(db).id or 0
    campaign = db.exec(select(m.Campaign)).one()
    approved = _count(db, m.SegmentTopicLink)
    preview = preview_import(db, SEED.read_bytes(), SEED.name, station)
    assert preview["match"]["id"] == campaign.id
    changes = preview["changes"]
    assert changes["segments"]["blocking"] == [] and changes["phases"]["removed"] == []
    assert changes["phases"]["added"] == [] and changes["topics"]["added"] == []
    fields = {f["field"] for p in changes["phases"]["changed"] for f in p["fields"]}
    assert "ends_on" not in fields  # the plan leaves it open: the typed-in date stays
    apply_reimport(db, campaign, SEED.read_bytes(), SEED.name, "vi")
    assert _count(db, m.Campaign) == 1 and _count(db, m.SegmentTopicLink) == approved
    phase = db.exec(select(m.Phase).where(m.Phase.code == "1.1a")).one()
    assert phase.ends_on == date(2020, 8, 16)
    assert preview_import(db, SEED.read_bytes(), SEED.name, station)["changes"]["empty"]


def test_a_draft_is_deleted_with_its_templates_an_active_one_is_not(db: Session) -> None:
    station = _station(db)
    keep = _import(db, PLANS[0], station)
    before = _count(db, m.Segment)
    campaign_id = _import(db, COMMUNE, station)
    campaign = db.get(m.Campaign, campaign_id)
    result = delete_draft_campaign(db, campaign)
    assert result["deleted_segments"] > 0
    assert _count(db, m.Segment) == before and _count(db, m.Campaign) == 1
    assert db.exec(select(m.Phase).where(col(m.Phase.campaign_id) == campaign_id)).all() == []
    other = db.get(m.Campaign, keep)
    for phase in db.exec(select(m.Phase).where(m.Phase.campaign_id == keep)).all():
        phase.starts_on = phase.starts_on or date(2020, 1, 1)
        phase.ends_on = phase.ends_on or date(2030, 1, 1)
        phase.peak_starts_on = phase.peak_ends_on = None
    activate_campaign(db, other)
    with pytest.raises(Conflict) as refused:
        delete_draft_campaign(db, other)
    assert refused.value.code == "campaign.not_draft"


def test_a_renumbered_event_is_replaced_and_its_phases_follow(db: Session) -> None:
    station = _station(db)
    campaign = db.get(m.Campaign, _import(db, COMMUNE, station))
    text = COMMUNE.read_text("utf-8").replace("lần thứ XV", "lần thứ XVI")
    result = apply_reimport(db, campaign, text.encode(), COMMUNE.name, "vi")
    events = result["changes"]["events"]
    assert [e["name"] for e in events["removed"]] == [
        "Đại hội đại biểu Đảng bộ xã Tân Hòa lần thứ XV"
    ]
    assert [e["name"] for e in events["added"]] == [
        "Đại hội đại biểu Đảng bộ xã Tân Hòa lần thứ XVI"
    ]
    event = db.exec(select(m.Event).where(m.Event.campaign_id == campaign.id)).one()
    assert event.ordinal == 16
    phases = db.exec(select(m.Phase).where(m.Phase.campaign_id == campaign.id)).all()
    assert {p.event_id for p in phases} == {event.id}


def test_warnings_name_the_campaign_when_two_share_a_phase_code(db: Session) -> None:
    from broadcast.campaigns import load_demo
    from broadcast.programming import active_phases
    from broadcast.schedule.warnings import phase_names

    station = load_demo(db).id or 0
    copy = m.Campaign(station_id=station, title="Bản sao", document_number="192/KH-UBND")
    db.add(copy)
    db.flush()
    db.add(m.Phase(campaign_id=copy.id or 0, code="1.1a", title="Trước Đại hội",
                   starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 1)))  # fmt: skip
    db.flush()
    names = sorted(n for n in phase_names(db, active_phases(db, station)).values() if "1.1a" in n)
    assert names == [
        "1.1a của chiến dịch 192/KH-UBND #1",
        f"1.1a của chiến dịch 192/KH-UBND #{copy.id}",
    ]
    assert "1.2a" in phase_names(db, active_phases(db, station)).values()
