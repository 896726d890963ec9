"""Import a plan document into a draft campaign; activate it after review.

Phases whose dates the plan does not determine are stored with null dates and listed as
unresolved; the sequencer ignores undated phases and activation refuses them, so a draft
never airs and an incomplete campaign cannot be activated.
"""

import hashlib
from datetime import time
from typing import Any

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import (
    Campaign,
    CampaignStatus,
    Event,
    EventLevel,
    Phase,
    PhaseKind,
    SegmentCreate,
    SessionSlot,
    Station,
    Topic,
)
from broadcast.models.campaign import PlanImport
from broadcast.plans import (
    EventInfo,
    PhaseInfo,
    PlanParse,
    draft_script,
    extract_text,
    parse_plan,
    to_json,
)
from broadcast.segments import create_segment

SLOT_NAMES = {range(0, 11): "Buổi sáng", range(11, 14): "Buổi trưa", range(14, 24): "Buổi chiều"}


def read_plan(data: bytes, filename: str = "") -> PlanParse:
    """Extract and parse a plan, refusing files that do not look like one."""
    plan = parse_plan(extract_text(data, filename))
    doc = plan.document
    if not plan.phases and doc.number is None and doc.title is None:
        raise InvalidInput(
            "file", "không nhận ra kế hoạch: không thấy số văn bản, tiêu đề hay giai đoạn nào"
        )
    return plan


def _station(db: Session, station_id: int | None, plan: PlanParse) -> Station:
    if station_id is not None:
        station = db.get(Station, station_id)
        if station is None:
            raise InvalidInput("station_id", f"đài {station_id} không tồn tại")
        return station
    station = db.exec(select(Station).order_by(col(Station.id))).first()
    if station is not None:
        return station
    place = plan.document.place or "địa phương"
    station = Station(name=f"Đài truyền thanh {place}"[:200], locality=place[:300])
    db.add(station)
    crud.flush(db)
    return station


def _events(db: Session, campaign_id: int, plan: PlanParse) -> dict[int, Event]:
    rows: dict[int, Event] = {}
    for index, info in enumerate(plan.events):
        rows[index] = _add(db, Event(
            campaign_id=campaign_id, name=info.name[:500], level=EventLevel(info.level),
            ordinal=info.ordinal, starts_on=info.date_start, ends_on=info.date_end,
        ))  # fmt: skip
    for occasion in plan.occasions:
        _add(db, Event(
            campaign_id=campaign_id, name=occasion.name[:500], level=EventLevel.OTHER,
            starts_on=occasion.date, ends_on=occasion.date,
        ))  # fmt: skip
    return rows


def _add(db: Session, row: Any) -> Any:
    crud.validate_row(db, row)
    db.add(row)
    crud.flush(db)
    return row


def _event_of(plan: PlanParse, phase: PhaseInfo) -> int | None:
    for index, event in enumerate(plan.events):
        if phase.event_ordinal is not None and event.ordinal == phase.event_ordinal:
            return index
    return 0 if len(plan.events) == 1 else None


def _phases(
    db: Session, campaign: Campaign, plan: PlanParse, events: dict[int, Event], voice: str
) -> tuple[int, int]:
    topics = scripts = 0
    for info in plan.phases:
        index = _event_of(plan, info)
        event_row = events.get(index) if index is not None else None
        phase = _add(db, Phase(
            campaign_id=campaign.id or 0, event_id=event_row.id if event_row else None,
            code=info.code, title=info.title, kind=PhaseKind(info.kind), starts_on=info.start,
            ends_on=info.end, peak_starts_on=info.peak_start, peak_ends_on=info.peak_end,
        ))  # fmt: skip
        event_info: EventInfo | None = plan.events[index] if index is not None else None
        for position, topic_info in enumerate(info.topics):
            topic = _add(db, Topic(
                phase_id=phase.id, text=topic_info.text[:5000], position=position
            ))  # fmt: skip
            topics += 1
            create_segment(db, SegmentCreate(
                station_id=campaign.station_id,
                title=f"Nháp {info.code}.{position + 1}: {topic_info.text}"[:300],
                script=draft_script(plan.document, event_info, topic_info)[:20000],
                air_start=info.start, air_end=info.end,
                phase_ids=[phase.id], topic_ids=[topic.id],
            ), voice=voice, template=True)  # fmt: skip
            scripts += 1
    return topics, scripts


def import_plan(
    db: Session, data: bytes, filename: str, station_id: int | None, voice: str
) -> dict[str, Any]:
    """Create a draft campaign from a plan file; the summary lists counts and open items."""
    plan = read_plan(data, filename)
    station = _station(db, station_id, plan)
    doc = plan.document
    campaign = _add(db, Campaign(
        station_id=station.id or 0, title=(doc.title or filename or "Kế hoạch")[:500],
        document_number=doc.full_number[:100], issuing_body=(doc.issuer or "")[:300],
        issued_on=doc.date, status=CampaignStatus.DRAFT,
    ))  # fmt: skip
    events = _events(db, campaign.id or 0, plan)
    topics, scripts = _phases(db, campaign, plan, events, voice)
    parsed = to_json(plan)
    _add(db, PlanImport(
        campaign_id=campaign.id or 0, filename=filename[:300],
        sha256=hashlib.sha256(data).hexdigest(), parse=parsed,
    ))  # fmt: skip
    return summary(campaign, station, parsed, topics, scripts)


def summary(
    campaign: Campaign, station: Station, parsed: dict[str, Any], topics: int, scripts: int
) -> dict[str, Any]:
    """What an import created, with the source line of each value and the open items."""
    return {
        "campaign": {
            "id": campaign.id, "title": campaign.title, "status": campaign.status,
            "document_number": campaign.document_number, "issued_on": campaign.issued_on,
            "issuing_body": campaign.issuing_body, "station_id": station.id,
        },
        "counts": {
            "events": len(parsed["events"]), "occasions": len(parsed["occasions"]),
            "phases": len(parsed["phases"]), "topics": topics, "draft_scripts": scripts,
            "proposed_slots": len(parsed["broadcast_sessions"]), "notes": len(parsed["notes"]),
            "unresolved": len(parsed["unresolved"]),
        },
        "parse": parsed,
        "unresolved": parsed["unresolved"],
    }  # fmt: skip


def _slot_name(start: time) -> str:
    return next(name for hours, name in SLOT_NAMES.items() if start.hour in hours)


def plan_import_record(db: Session, campaign_id: int) -> PlanImport | None:
    """The import record of a campaign created from a plan, if any."""
    query = select(PlanImport).where(PlanImport.campaign_id == campaign_id)
    return db.exec(query).first()


def activate_campaign(db: Session, campaign: Campaign) -> list[SessionSlot]:
    """Make a reviewed draft active and add its proposed slots; refuses undated phases."""
    if campaign.status != CampaignStatus.DRAFT:
        raise Conflict(
            f"chiến dịch đang ở trạng thái '{campaign.status}', không phải bản nháp",
            code="campaign.not_draft",
        )
    phases = crud.list_rows(db, Phase, campaign_id=campaign.id)
    undated = [p.code or str(p.id) for p in phases if p.starts_on is None or p.ends_on is None]
    if undated:
        raise Conflict(
            "cần điền ngày cho các giai đoạn trước khi kích hoạt: " + ", ".join(undated),
            code="campaign.undated_phases",
        )
    record = plan_import_record(db, campaign.id or 0)
    existing = {s.start for s in crud.list_rows(db, SessionSlot, station_id=campaign.station_id)}
    created: list[SessionSlot] = []
    for item in record.parse.get("broadcast_sessions", []) if record else []:
        start = time.fromisoformat(item["start"])
        if start in existing:
            continue
        end = time.fromisoformat(item["end"]) if item.get("end") else None
        seconds = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) * 60 if end else 900
        created.append(_add(db, SessionSlot(
            station_id=campaign.station_id, name=f"{_slot_name(start)} {start:%H:%M}",
            start=start, weekdays=item.get("weekdays") or [0, 1, 2, 3, 4, 5, 6],
            max_seconds=min(max(seconds, 60), 4 * 3600),
        )))  # fmt: skip
        existing.add(start)
    campaign.status = CampaignStatus.ACTIVE
    _add(db, campaign)
    return created
