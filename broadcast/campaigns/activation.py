"""Activating a reviewed draft campaign, and the slots its plan proposes."""

from datetime import time
from typing import Any

from sqlmodel import Session

from broadcast import crud
from broadcast.campaigns.plan_import import plan_import_record
from broadcast.errors import Conflict
from broadcast.models import Campaign, CampaignStatus, Phase, SessionSlot

SLOT_NAMES = {range(0, 11): "Buổi sáng", range(11, 14): "Buổi trưa", range(14, 24): "Buổi chiều"}


def _store(db: Session, row: Any) -> Any:
    crud.validate_row(db, row)
    db.add(row)
    crud.flush(db)
    return row


def _slot_name(start: time) -> str:
    return next(name for hours, name in SLOT_NAMES.items() if start.hour in hours)


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
    created = add_proposed_slots(db, campaign)
    campaign.status = CampaignStatus.ACTIVE
    _store(db, campaign)
    return created


def add_proposed_slots(db: Session, campaign: Campaign) -> list[SessionSlot]:
    """Add the slots the campaign's plan proposes that the station does not have yet."""
    record = plan_import_record(db, campaign.id or 0)
    existing = {s.start for s in crud.list_rows(db, SessionSlot, station_id=campaign.station_id)}
    created: list[SessionSlot] = []
    for item in record.parse.get("broadcast_sessions", []) if record else []:
        start = time.fromisoformat(item["start"])
        if start in existing:
            continue
        end = time.fromisoformat(item["end"]) if item.get("end") else None
        seconds = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) * 60 if end else 900
        created.append(_store(db, SessionSlot(
            station_id=campaign.station_id, name=f"{_slot_name(start)} {start:%H:%M}",
            start=start, weekdays=item.get("weekdays") or [0, 1, 2, 3, 4, 5, 6],
            max_seconds=min(max(seconds, 60), 4 * 3600),
        )))  # fmt: skip
        existing.add(start)
    return created
