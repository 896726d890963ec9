"""The audit log, read-only: GET /audit with filters."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.auth import ScopeDep
from api.deps import DbDep, QueryId
from broadcast.audit import AuditFilter, list_audit
from broadcast.models.audit import AuditEntryPublic

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=list[AuditEntryPublic])
def audit(
    db: DbDep,
    scope: ScopeDep,
    user_id: QueryId = None,
    entity: Annotated[str | None, Query(max_length=60)] = None,
    entity_id: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    before_id: QueryId = None,
) -> Any:
    """Entries of the caller's stations, newest first; `before_id` pages back through older ones."""
    mine = scope.station_ids()
    stations = None if mine is None else frozenset(mine)
    units = scope.actor.held_unit_ids()
    wanted = AuditFilter(
        user_id, entity, entity_id, action, since, until, before_id, stations, units
    )
    return list_audit(db, wanted, limit)
