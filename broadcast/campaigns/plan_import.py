"""Import a plan document into a draft campaign (refusing a plan the station already has).

Phases whose dates the plan does not determine are stored with null dates and listed as
unresolved; the sequencer ignores undated phases and activation (activation.py) refuses them,
so a draft never airs and an incomplete campaign cannot be activated.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.campaigns.matching import same_plan
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import (
    Campaign,
    CampaignStatus,
    Event,
    EventLevel,
    Phase,
    PhaseKind,
    SegmentCreate,
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


def read_plan(data: bytes, filename: str = "") -> PlanParse:
    """Extract and parse a plan, refusing only a file in which nothing of a plan is found.

    Anything with a phase, topic, event, broadcast time or one header field becomes a draft:
    what is missing is listed as unresolved for the operator, never a reason to refuse.
    """
    plan = parse_plan(extract_text(data, filename))
    doc = plan.document
    header = (doc.number, doc.code, doc.date, doc.title, doc.issuer)
    if not (plan.phases or plan.events or plan.proposed_slots or any(header)):
        raise InvalidInput(
            "file",
            "không nhận ra kế hoạch: không thấy số văn bản, tiêu đề, cơ quan ban hành, "
            "sự kiện, giai đoạn hay giờ phát nào",
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


@dataclass(frozen=True)
class EventSpec:
    """An event as the plan gives it: a titled event (plan_index) or a dated occasion."""

    name: str
    level: EventLevel
    ordinal: int | None
    starts_on: date | None
    ends_on: date | None
    plan_index: int | None


def event_specs(plan: PlanParse) -> list[EventSpec]:
    """The plan's events, then its occasions, as campaign events."""
    specs = [
        EventSpec(info.name[:500], EventLevel(info.level), info.ordinal, info.date_start,
                  info.date_end, index)
        for index, info in enumerate(plan.events)
    ]  # fmt: skip
    specs += [
        EventSpec(o.name[:500], EventLevel.OTHER, None, o.date, o.date, None)
        for o in plan.occasions
    ]
    return specs


def add_event(db: Session, campaign_id: int, spec: EventSpec) -> Event:
    """Store one event of the plan."""
    return _add(db, Event(
        campaign_id=campaign_id, name=spec.name, level=spec.level, ordinal=spec.ordinal,
        starts_on=spec.starts_on, ends_on=spec.ends_on,
    ))  # fmt: skip


def _events(db: Session, campaign_id: int, plan: PlanParse) -> dict[int, Event]:
    rows: dict[int, Event] = {}
    for spec in event_specs(plan):
        row = add_event(db, campaign_id, spec)
        if spec.plan_index is not None:
            rows[spec.plan_index] = row
    return rows


def campaign_fields(plan: PlanParse, filename: str) -> dict[str, Any]:
    """The campaign's own fields as the plan gives them (None or empty: not given)."""
    doc = plan.document
    return {
        "title": (doc.title or filename or "Kế hoạch")[:500],
        "document_number": doc.full_number[:100],
        "issuing_body": (doc.issuer or "")[:300],
        "issued_on": doc.date,
    }


def _add(db: Session, row: Any) -> Any:
    crud.validate_row(db, row)
    db.add(row)
    crud.flush(db)
    return row


def event_of(plan: PlanParse, phase: PhaseInfo) -> int | None:
    """The index of the plan event a phase belongs to (the only one when there is one)."""
    for index, event in enumerate(plan.events):
        if phase.event_ordinal is not None and event.ordinal == phase.event_ordinal:
            return index
    return 0 if len(plan.events) == 1 else None


def add_topic(
    db: Session, plan: PlanParse, info: PhaseInfo, phase: Phase, position: int, voice: str
) -> Topic:
    """A topic of a phase and the importer's draft script (template segment) for it."""
    topic_info = info.topics[position]
    index = event_of(plan, info)
    event_info: EventInfo | None = plan.events[index] if index is not None else None
    topic = _add(db, Topic(phase_id=phase.id or 0, text=topic_info.text[:5000], position=position))
    campaign = db.get(Campaign, phase.campaign_id)
    create_segment(db, SegmentCreate(
        station_id=campaign.station_id if campaign else 0,
        title=f"Nháp {info.code}.{position + 1}: {topic_info.text}"[:300],
        script=draft_script(plan.document, event_info, topic_info)[:20000],
        air_start=info.start, air_end=info.end,
        phase_ids=[phase.id or 0], topic_ids=[topic.id or 0],
    ), voice=voice, template=True)  # fmt: skip
    return topic


def add_phase(
    db: Session,
    campaign: Campaign,
    plan: PlanParse,
    info: PhaseInfo,
    event_id: int | None,
    voice: str,
) -> Phase:
    """A phase of the plan with its topics and their template segments."""
    phase = _add(db, Phase(
        campaign_id=campaign.id or 0, event_id=event_id,
        code=info.code, title=info.title[:500], kind=PhaseKind(info.kind), starts_on=info.start,
        ends_on=info.end, peak_starts_on=info.peak_start, peak_ends_on=info.peak_end,
    ))  # fmt: skip
    for position in range(len(info.topics)):
        add_topic(db, plan, info, phase, position, voice)
    return phase


def _phases(
    db: Session, campaign: Campaign, plan: PlanParse, events: dict[int, Event], voice: str
) -> int:
    topics = 0
    for info in plan.phases:
        index = event_of(plan, info)
        event_row = events.get(index) if index is not None else None
        add_phase(db, campaign, plan, info, event_row.id if event_row else None, voice)
        topics += len(info.topics)
    return topics


def import_plan(
    db: Session,
    data: bytes,
    filename: str,
    station_id: int | None,
    voice: str,
    as_new: bool = False,
) -> dict[str, Any]:
    """Create a draft campaign from a plan file; the summary lists counts and open items.

    A plan the station already has (same number, code and issuer) is refused with
    ``campaign.plan_exists`` unless ``as_new`` asks for a second campaign on purpose.
    """
    plan = read_plan(data, filename)
    station = _station(db, station_id, plan)
    if not as_new and (same := same_plan(db, station.id or 0, plan)) is not None:
        raise Conflict(
            f"đã có kế hoạch này: chiến dịch #{same.id} «{same.title[:120]}» "
            f"({same.document_number or 'không số'}); hãy cập nhật chiến dịch đó, "
            "hoặc nhập thành chiến dịch mới nếu thật sự cần",
            code="campaign.plan_exists",
        )
    campaign = _add(db, Campaign(
        station_id=station.id or 0, status=CampaignStatus.DRAFT,
        **campaign_fields(plan, filename),
    ))  # fmt: skip
    events = _events(db, campaign.id or 0, plan)
    topics = _phases(db, campaign, plan, events, voice)
    parsed = to_json(plan)
    _add(db, PlanImport(
        campaign_id=campaign.id or 0, filename=filename[:300],
        sha256=hashlib.sha256(data).hexdigest(), parse=parsed,
    ))  # fmt: skip
    return summary(campaign, station, parsed, topics, topics)


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


def plan_import_record(db: Session, campaign_id: int) -> PlanImport | None:
    """The import record of a campaign created from a plan, if any."""
    query = select(PlanImport).where(PlanImport.campaign_id == campaign_id)
    return db.exec(query).first()
