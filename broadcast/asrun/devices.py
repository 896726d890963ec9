"""As-run from devices: a session confirmed by what its devices report, best outcome first.

A device's session report says completed, interrupted (after ``played_s``) or skipped. Across
devices the best one stands: completed, else the longest interruption, else skipped. An
operator's confirmation (or an uploaded player log) is never overwritten by devices; a later
one by an operator still overrides theirs (``confirm`` replaces any row).
"""

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.asrun.service import aired_seconds
from broadcast.models import BroadcastSession
from broadcast.models.asrun import AsRun, AsRunStatus, DeviceAsRun, ReportKind, ReportOutcome
from broadcast.models.common import utcnow

DEVICE_SOURCE = "device"
STATUS_OF = {
    ReportOutcome.COMPLETED: AsRunStatus.AIRED,
    ReportOutcome.INTERRUPTED: AsRunStatus.PARTLY,
    ReportOutcome.SKIPPED: AsRunStatus.NOT_AIRED,
}
RANK = {ReportOutcome.COMPLETED: 2, ReportOutcome.INTERRUPTED: 1, ReportOutcome.SKIPPED: 0}


def best_report(reports: list[DeviceAsRun]) -> DeviceAsRun | None:
    """The report that says the most went out: completed, else the longest played."""
    return max(reports, key=lambda r: (RANK[ReportOutcome(r.outcome)], r.played_s), default=None)


def _note(reports: list[DeviceAsRun]) -> str:
    """Which devices reported the session, in Vietnamese."""
    devices = {r.device_id for r in reports}
    played = {r.device_id for r in reports if r.outcome != ReportOutcome.SKIPPED}
    return f"Thiết bị báo cáo: {len(played)}/{len(devices)} thiết bị đã phát"


def confirm_from_devices(db: Session, session: BroadcastSession) -> AsRun | None:
    """Set the session's as-run from its devices' session reports (unless confirmed by hand)."""
    row = db.exec(select(AsRun).where(AsRun.playlist_id == session.id)).first()
    if row is not None and row.source != DEVICE_SOURCE:
        return row
    query = select(DeviceAsRun).where(
        DeviceAsRun.session_id == session.id, DeviceAsRun.kind == ReportKind.SESSION.value
    )
    reports = list(db.exec(query.order_by(col(DeviceAsRun.id))))
    best = best_report(reports)
    if best is None:
        return row
    status = STATUS_OF[ReportOutcome(best.outcome)]
    until = round(best.played_s, 3) if status is AsRunStatus.PARTLY else None
    row = row or AsRun(
        station_id=session.station_id,
        playlist_id=session.id or 0,
        day=session.day,
        slot_id=session.slot_id,
        status=status,
    )
    row.status, row.source, row.aired_until_s, row.note = (
        status,
        DEVICE_SOURCE,
        until,
        _note(reports),
    )
    row.aired_s = aired_seconds(db, session, status, until)
    row.confirmed_at = utcnow()
    db.add(row)
    crud.flush(db)
    return row
