"""The audit log as the Nhật ký page shows it: filter choices, compact diffs."""

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from broadcast.models.accounts import User
from broadcast.models.audit import AuditEntry

MAX_SHOWN = 160  # characters of a value shown in the diff; the full value is in the tooltip


@dataclass(frozen=True)
class FieldChange:
    """One field of an audit entry: its value before and after (None = absent)."""

    name: str
    before: str | None
    after: str | None
    full_before: str | None
    full_after: str | None


def _text(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "có" if value else "không"
    return json.dumps(value, ensure_ascii=False)


def _short(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_SHOWN:
        return text
    return text[: MAX_SHOWN - 1] + "…"


def field_changes(entry: AuditEntry) -> list[FieldChange]:
    """The fields that changed: every set field of a creation or deletion, the diff of an update."""
    before, after = entry.before or {}, entry.after or {}
    names = list(dict.fromkeys([*before, *after]))
    changes: list[FieldChange] = []
    for name in names:
        if name == "id" or (name in before and name in after and before[name] == after[name]):
            continue
        if entry.before is None and after.get(name) in (None, "", [], {}):
            continue  # creation: skip empty defaults
        if entry.after is None and before.get(name) in (None, "", [], {}):
            continue
        old = _text(before[name]) if name in before else None
        new = _text(after[name]) if name in after else None
        changes.append(FieldChange(name, _short(old), _short(new), old, new))
    return changes


def audit_actions(db: Session) -> list[str]:
    """Action names that appear in the log, for the filter menu."""
    return sorted(db.exec(select(AuditEntry.action).distinct()).all())


def user_choices(db: Session) -> list[tuple[int, str]]:
    """Every account as (id, username), for the filter menu."""
    rows = db.exec(select(User.id, User.username).order_by(col(User.username))).all()
    return [(user_id, name) for user_id, name in rows if user_id is not None]
