"""Reading the audit log with filters, of some stations or all (the flush hook writes it)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, or_, select

from broadcast.models.audit import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    entity: str | None = None
    entity_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    before_id: int | None = None
    station_ids: frozenset[int] | None = None  # None: every entry (a role on every station)
    unit_ids: frozenset[int] = frozenset()  # with station_ids: the units' own rows too


def list_audit(db: Session, wanted: AuditFilter, limit: int = 200) -> Sequence[AuditEntry]:
    """Entries matching the filter, newest first."""
    query = select(AuditEntry)
    if wanted.user_id is not None:
        query = query.where(AuditEntry.user_id == wanted.user_id)
    if wanted.entity:
        query = query.where(AuditEntry.entity == wanted.entity)
    if wanted.entity_id:
        query = query.where(AuditEntry.entity_id == wanted.entity_id)
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.since is not None:
        query = query.where(col(AuditEntry.at) >= wanted.since)
    if wanted.until is not None:
        query = query.where(col(AuditEntry.at) < wanted.until)
    if wanted.station_ids is not None:
        query = query.where(
            or_(
                col(AuditEntry.station_id).in_(list(wanted.station_ids)),
                col(AuditEntry.unit_id).in_(list(wanted.unit_ids)),
            )
        )
    if wanted.before_id is not None:
        query = query.where(col(AuditEntry.id) < wanted.before_id)
    return db.exec(query.order_by(col(AuditEntry.id).desc()).limit(limit)).all()


def audit_entities(db: Session) -> list[str]:
    """Names of the tables that appear in the log, for the filter menu."""
    rows = db.exec(select(AuditEntry.entity).distinct()).all()
    return sorted(rows)
