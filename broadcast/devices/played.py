"""What the devices played, read back from their as-run reports: who played a session, and each
device's last report."""

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func
from sqlmodel import Session, col, select

from broadcast.models import BroadcastSession, Device, SessionSlot
from broadcast.models.asrun import DeviceAsRun, ReportKind


@dataclass(frozen=True)
class DevicePlay:
    """One device's session report: the device, how the session went, and when."""

    device_id: int
    device_name: str
    zone: str
    outcome: str
    reason: str | None
    played_s: float
    started_at: datetime
    ended_at: datetime
    items: int  # item reports of the device for this session


@dataclass(frozen=True)
class LastReport:
    """A device's last session or alert report; the session's day and start when a session."""

    report: DeviceAsRun
    day: date | None = None
    start: time | None = None


def session_plays(db: Session, session_id: int) -> list[DevicePlay]:
    """The devices that reported the session, in the order they started it."""
    query = (
        select(DeviceAsRun, Device)
        .join(Device, col(Device.id) == DeviceAsRun.device_id)
        .where(DeviceAsRun.session_id == session_id)
    )
    rows = list(db.exec(query.order_by(col(DeviceAsRun.started_at), col(DeviceAsRun.id))))
    items: dict[int, int] = {}
    for report, _device in rows:
        if report.kind == ReportKind.ITEM.value:
            items[report.device_id] = items.get(report.device_id, 0) + 1
    return [
        DevicePlay(
            device_id=device.id or 0,
            device_name=device.name,
            zone=device.zone,
            outcome=report.outcome,
            reason=report.reason,
            played_s=report.played_s,
            started_at=report.started_at,
            ended_at=report.ended_at,
            items=items.get(report.device_id, 0),
        )
        for report, device in rows
        if report.kind == ReportKind.SESSION.value
    ]


def last_reports(db: Session, device_ids: list[int]) -> dict[int, LastReport]:
    """device id → its last received session or alert report (devices without one left out)."""
    if not device_ids:
        return {}
    kinds = (ReportKind.SESSION.value, ReportKind.ALERT.value)
    newest = (
        select(func.max(DeviceAsRun.id))
        .where(col(DeviceAsRun.device_id).in_(device_ids), col(DeviceAsRun.kind).in_(kinds))
        .group_by(col(DeviceAsRun.device_id))
    )
    query = (
        select(DeviceAsRun, BroadcastSession, SessionSlot)
        .outerjoin(BroadcastSession, col(BroadcastSession.id) == DeviceAsRun.session_id)
        .outerjoin(SessionSlot, col(SessionSlot.id) == BroadcastSession.slot_id)
        .where(col(DeviceAsRun.id).in_(newest))
    )
    return {
        report.device_id: LastReport(
            report,
            session.day if session is not None else None,
            slot.start if slot is not None else None,
        )
        for report, session, slot in db.exec(query)
    }
