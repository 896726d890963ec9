"""A device's as-run reports: checked, stored once per report id, fed to the as-run log."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.access import Scope
from broadcast.asrun import confirm_from_devices
from broadcast.errors import InvalidInput
from broadcast.models import BroadcastSession, Device
from broadcast.models.asrun import (
    DeviceAsRun,
    DeviceReport,
    DeviceReportsAnswer,
    ReportKind,
)
from broadcast.models.common import as_utc

#: How far ahead of the server's clock a report may start (a device's clock drifts a little).
FUTURE_SLACK = timedelta(minutes=5)


def check_report(report: DeviceReport, index: int, now: datetime) -> None:
    """InvalidInput naming ``reports.<index>.<field>`` when the report does not hold together."""
    field = f"reports.{index}"
    needs = {
        ReportKind.ITEM: ("session_id", "position"),
        ReportKind.SESSION: ("session_id",),
        ReportKind.ALERT: ("alert_id",),
    }[report.kind]
    for name in needs:
        if getattr(report, name) is None:
            raise InvalidInput(f"{field}.{name}", f"báo cáo loại {report.kind.value} cần {name}")
    started, ended = as_utc(report.started_at), as_utc(report.ended_at)
    if started > ended:
        raise InvalidInput(f"{field}.started_at", "giờ bắt đầu sau giờ kết thúc")
    for name, when in (("started_at", started), ("ended_at", ended)):
        if when > as_utc(now) + FUTURE_SLACK:
            raise InvalidInput(
                f"{field}.{name}", "giờ ở tương lai (đồng hồ thiết bị chạy nhanh hơn 5 phút?)"
            )


def _stored_ids(db: Session, device: Device, ids: Sequence[str]) -> set[str]:
    """The report ids among these the device already sent."""
    query = select(DeviceAsRun.report_uid).where(
        DeviceAsRun.device_id == device.id, col(DeviceAsRun.report_uid).in_(ids)
    )
    return set(db.exec(query).all())


def record_reports(
    scope: Scope, device: Device, reports: Sequence[DeviceReport], now: datetime
) -> DeviceReportsAnswer:
    """Store a device's new reports (a resent one counts as a duplicate); update the as-run log.

    A session of another station is NotFound (the access path); nothing is stored unless the
    whole batch is valid.
    """
    db = scope.db
    sessions: dict[int, BroadcastSession] = {}
    for index, report in enumerate(reports):
        check_report(report, index, now)
        if report.session_id is not None and report.session_id not in sessions:
            sessions[report.session_id] = scope.row(BroadcastSession, report.session_id)
    seen = _stored_ids(db, device, [r.id for r in reports])
    accepted, fed = 0, set()
    for report in reports:
        if report.id in seen:
            continue
        seen.add(report.id)
        accepted += 1
        db.add(
            DeviceAsRun(
                device_id=device.id or 0,
                station_id=device.station_id,
                report_uid=report.id,
                kind=report.kind.value,
                session_id=report.session_id,
                position=report.position,
                alert_id=report.alert_id,
                started_at=report.started_at,
                ended_at=report.ended_at,
                outcome=report.outcome.value,
                reason=report.reason,
                played_s=round(report.played_s, 3),
            )
        )
        if report.kind is ReportKind.SESSION and report.session_id is not None:
            fed.add(report.session_id)
    crud.flush(db)
    for session_id in sorted(fed):
        confirm_from_devices(db, sessions[session_id])
    return DeviceReportsAnswer(accepted=accepted, duplicates=len(reports) - accepted)
