"""What the campaign pages show: campaigns with their span, a campaign's events, phases, topics."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from api.web.labels import CAMPAIGN_STATUS_LABELS, LEVEL_LABELS, PHASE_KIND_LABELS
from broadcast import crud
from broadcast.campaigns import plan_import_record
from broadcast.models import Campaign, Event, Phase, SegmentPhaseLink, Topic


@dataclass(frozen=True)
class CampaignRow:
    """A campaign in the list, with how many phases it has and the dates they cover."""

    campaign: Campaign
    phases: int
    undated: int
    first: date | None
    last: date | None


@dataclass
class CampaignDetail:
    """One campaign with its events, its phases in date order, and each phase's topics."""

    campaign: Campaign
    events: list[Event]
    phases: list[Phase]
    topics: dict[int, list[Topic]] = field(default_factory=dict)
    segments: dict[int, int] = field(default_factory=dict)  # phase id → linked segments

    @property
    def undated(self) -> list[Phase]:
        """Phases that still miss a start or end date (activation refuses them)."""
        return [p for p in self.phases if p.starts_on is None or p.ends_on is None]


def phase_span(phases: list[Phase]) -> tuple[date | None, date | None]:
    """The first start and the last end among the phases' dates."""
    starts = [p.starts_on for p in phases if p.starts_on]
    ends = [p.ends_on for p in phases if p.ends_on]
    return min(starts, default=None), max(ends, default=None)


def station_campaigns(db: Session, station_id: int) -> list[CampaignRow]:
    """The station's campaigns, newest first, with phase counts and date span."""
    campaigns = crud.list_rows(db, Campaign, station_id=station_id)
    ids = [c.id for c in campaigns]
    phases = db.exec(select(Phase).where(col(Phase.campaign_id).in_(ids))).all()
    by_campaign: dict[int, list[Phase]] = {}
    for phase in phases:
        by_campaign.setdefault(phase.campaign_id, []).append(phase)
    rows = []
    for campaign in reversed(campaigns):
        own = by_campaign.get(campaign.id or 0, [])
        first, last = phase_span(own)
        undated = sum(1 for p in own if p.starts_on is None or p.ends_on is None)
        rows.append(CampaignRow(campaign, len(own), undated, first, last))
    return rows


def _phase_order(phase: Phase) -> tuple[date, str, int]:
    return (phase.starts_on or phase.ends_on or date.max, phase.code, phase.id or 0)


def campaign_detail(db: Session, campaign: Campaign) -> CampaignDetail:
    """A campaign's events, phases (by date) and topics (by position)."""
    events = list(crud.list_rows(db, Event, campaign_id=campaign.id))
    events.sort(key=lambda e: (e.starts_on or date.max, e.id or 0))
    phases = sorted(crud.list_rows(db, Phase, campaign_id=campaign.id), key=_phase_order)
    detail = CampaignDetail(campaign, events, phases)
    ids = [p.id for p in phases]
    query = select(Topic).where(col(Topic.phase_id).in_(ids))
    for topic in db.exec(query.order_by(col(Topic.position), col(Topic.id))).all():
        detail.topics.setdefault(topic.phase_id, []).append(topic)
    counts = db.exec(
        select(SegmentPhaseLink.phase_id, func.count())
        .where(col(SegmentPhaseLink.phase_id).in_(ids))
        .group_by(col(SegmentPhaseLink.phase_id))
    ).all()
    detail.segments = {phase_id: count for phase_id, count in counts}
    return detail


def import_review(db: Session, campaign_id: int) -> dict[str, Any] | None:
    """The plan import behind a campaign, shaped for review: file, document, counts, open items."""
    record = plan_import_record(db, campaign_id)
    if record is None:
        return None
    parse = record.parse or {}
    counts = {
        key: len(parse.get(key) or [])
        for key in ("events", "occasions", "phases", "broadcast_sessions", "notes", "unresolved")
    }
    counts["topics"] = sum(len(p.get("topics") or []) for p in parse.get("phases") or [])
    return {
        "filename": record.filename,
        "sha256": record.sha256,
        "created_at": record.created_at,
        "document": parse.get("document") or {},
        "events": parse.get("events") or [],
        "phases": parse.get("phases") or [],
        "occasions": parse.get("occasions") or [],
        "sessions": parse.get("broadcast_sessions") or [],
        "notes": parse.get("notes") or [],
        "unresolved": parse.get("unresolved") or [],
        "counts": counts,
    }


#: Names of the fields a re-import preview lists (campaign, event, phase, topic).
REIMPORT_FIELDS = {
    "title": "Tên",
    "name": "Tên",
    "document_number": "Số văn bản",
    "issuing_body": "Cơ quan ban hành",
    "issued_on": "Ngày ban hành",
    "level": "Cấp",
    "ordinal": "Lần thứ",
    "starts_on": "Từ ngày",
    "ends_on": "Đến ngày",
    "peak_starts_on": "Cao điểm từ",
    "peak_ends_on": "Cao điểm đến",
    "kind": "Thời điểm",
    "event": "Sự kiện",
    "text": "Nội dung",
}


def reimport_labels() -> dict[str, Any]:
    """The words campaigns.js shows in a re-import preview."""
    return {
        "fields": REIMPORT_FIELDS,
        "kinds": {k.value: v for k, v in PHASE_KIND_LABELS.items()},
        "levels": {k.value: v for k, v in LEVEL_LABELS.items()},
        "statuses": {k.value: v for k, v in CAMPAIGN_STATUS_LABELS.items()},
    }
