"""Every flushed write becomes an audit entry: who, when, what, values before and after."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import DDL, event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from broadcast.access import SYSTEM, Actor, owners, row_values, single_station
from broadcast.models.accounts import HEARTBEAT_FIELDS
from broadcast.models.audit import AuditEntry
from broadcast.models.common import utc_text

ACTOR_KEY = "loa.actor"
ACTION_KEY = "loa.audit_action"
# A device's as-run reports are what it played, not changes (the as-run log they feed is);
# a cloud voice's character count is usage, not a change.
SKIPPED_TABLES = frozenset(
    {"audit_entry", "web_session", "scheduler_lock", "device_asrun", "voice_usage"}
)
UPDATES_SKIPPED = frozenset({"job"})  # progress churn; the queued job itself is recorded
QUIET_FIELDS = frozenset(
    {"failed_logins", "locked_until", "last_login_at", "last_used_at", "updated_at"}
)
REDACTED_FIELDS = frozenset({"password_hash", "token_hash", "csrf_token"})
NOT_CHANGES = {"job": frozenset({"speech_preview"})}  # kinds of row that only try something out
QUIET_BY_TABLE = {"device": HEARTBEAT_FIELDS}  # a device's heartbeat is not a change

for _verb in ("UPDATE", "DELETE"):
    event.listen(
        AuditEntry.__table__,  # type: ignore[attr-defined]
        "after_create",
        DDL(
            f"CREATE TRIGGER audit_entry_no_{_verb.lower()} BEFORE {_verb} ON audit_entry "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        ).execute_if(dialect="sqlite"),
    )
event.listen(  # PostgreSQL: the same refusal, from one trigger function
    AuditEntry.__table__,  # type: ignore[attr-defined]
    "after_create",
    DDL(
        "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$; "
        "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
    ).execute_if(dialect="postgresql"),
)


def set_actor(db: Session, actor: Actor) -> None:
    """Name who acts in this session's transaction; every write is attributed to them."""
    db.info[ACTOR_KEY] = actor


def current_actor(db: Session | OrmSession) -> Actor:
    """Who acts in this session (the system when nobody was named)."""
    actor = db.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else SYSTEM


@contextmanager
def audit_as(db: Session, action: str, note: str = "") -> Iterator[None]:
    """Record the writes flushed inside the block as one named action (approve, login…)."""
    db.info[ACTION_KEY] = (action, note)
    try:
        yield
    finally:
        db.info.pop(ACTION_KEY, None)


def jsonable(value: Any) -> Any:
    """A JSON-storable form of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _shown(name: str, value: Any) -> Any:
    return "***" if name in REDACTED_FIELDS and value is not None else jsonable(value)


def _snapshot(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {attr.key: _shown(attr.key, getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if jsonable(old) == jsonable(new):
            continue
        before[attr.key] = _shown(attr.key, old)
        after[attr.key] = _shown(attr.key, new)
    return before, after


def _entity_id(obj: Any) -> str | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    if any(part is None for part in key):
        return None
    return "/".join(str(part) for part in key)


def _tryout(table: str, obj: Any) -> bool:
    """True for rows that change nothing (a speech preview job): they are not audited."""
    kinds = NOT_CHANGES.get(table)
    return kinds is not None and str(getattr(obj, "kind", "")) in kinds


def _station(db: OrmSession, table: str, obj: Any) -> int | None:
    """The one station owning a row (None: shared, several or none; then only global roles)."""
    return single_station(owners(db.connection(), table, row_values(obj)))


def _unit(table: str, obj: Any, station: int | None) -> int | None:
    """The unit owning a row of no station: a unit itself, or a row naming its unit (a role)."""
    if station is not None:
        return None
    unit = getattr(obj, "id" if table == "unit" else "unit_id", None)
    return unit if isinstance(unit, int) else None


def _owned(db: OrmSession, table: str, obj: Any) -> dict[str, int | None]:
    station = _station(db, table, obj)
    return {"station_id": station, "unit_id": _unit(table, obj, station)}


def _entries(db: OrmSession) -> list[dict[str, Any]]:
    action, note = db.info.get(ACTION_KEY, (None, ""))
    rows: list[dict[str, Any]] = []
    for verb, objects in (("create", db.new), ("update", db.dirty)):
        for obj in objects:
            table = getattr(obj, "__tablename__", None)
            if not isinstance(table, str) or table in SKIPPED_TABLES or _tryout(table, obj):
                continue
            if verb == "create":
                before, after = None, _snapshot(obj)
            elif table in UPDATES_SKIPPED:
                continue
            else:
                changed_before, changed_after = _changes(obj)
                if set(changed_after) <= QUIET_FIELDS | QUIET_BY_TABLE.get(table, frozenset()):
                    continue
                before, after = changed_before, changed_after
            row = _row(action or verb, table, _entity_id(obj), before, after, note)
            rows.append(row | _owned(db, table, obj))
    for obj in db.deleted:
        table = getattr(obj, "__tablename__", None)
        if isinstance(table, str) and table not in SKIPPED_TABLES and not _tryout(table, obj):
            row = _row(action or "delete", table, _entity_id(obj), _snapshot(obj), None, note)
            rows.append(row | _owned(db, table, obj))
    return rows


def _row(
    action: str, entity: str, entity_id: str | None, before: Any, after: Any, note: str
) -> dict[str, Any]:
    return {
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
        "note": note,
    }


@event.listens_for(OrmSession, "after_flush")
def _record_flush(db: OrmSession, _context: Any) -> None:
    rows = _entries(db)
    if not rows:
        return
    actor = current_actor(db)
    stamp = {"actor": actor.name, "user_id": actor.user_id}
    values = [AuditEntry(**(row | stamp)).model_dump(exclude={"id"}) for row in rows]
    db.connection().execute(AuditEntry.__table__.insert(), values)  # type: ignore[attr-defined]


def record_event(db: Session, action: str, entity: str, entity_id: object, note: str) -> None:
    """An audit entry for something that changes no row of its own (a refused login…)."""
    actor = current_actor(db)
    db.add(
        AuditEntry(
            actor=actor.name,
            user_id=actor.user_id,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            note=note,
        )
    )
