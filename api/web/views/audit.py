"""The audit log as the Nhật ký page says it: labels, local times, names, readable diffs."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, SQLModel, col, select

from api.web.audit_labels import (
    ACTOR_LABELS,
    INTERNAL_FIELDS,
    VALUE_LABELS,
    WEEKDAY_SHORT,
    field_label,
)
from api.web.labels import AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS
from api.web.settings_words import duration_words, level, profile_words, zone_quiet_text
from api.web.views.audit_names import Names, names_for, references
from broadcast.models import Station
from broadcast.models.accounts import User
from broadcast.models.audit import AuditEntry

MAX_SHOWN = 200  # characters of a value shown at once; longer ones open in full below
EMPTY = "(trống)"
UNITS = {"target_lufs": "LUFS", "integrated_lufs": "LUFS", "true_peak_dbtp": "dBTP"}
MINUTE_FIELDS = frozenset(
    {
        "duration_s",
        "max_seconds",
        "total_s",
        "unused_s",
        "aired_s",
        "aired_until_s",
        "start_offset_s",
    }
)


@dataclass(frozen=True)
class FieldChange:
    """One field of an audit entry in words: its label, value before and after (None = absent)."""

    name: str
    label: str
    before: str | None
    after: str | None
    full_before: str | None
    full_after: str | None


@dataclass(frozen=True)
class AuditLine:
    """One audit entry as the page shows it."""

    entry: AuditEntry
    at: str
    actor: str
    action: str
    entity: str
    subject: str | None
    changes: list[FieldChange] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)  # labels of changed internal columns


class Speaker:
    """Turns stored values into words for one page: names, local times and labels."""

    def __init__(self, names: Names, zones: dict[int, ZoneInfo], default: ZoneInfo) -> None:
        self.names, self.zones, self.default = names, zones, default

    def zone(self, station_id: int | None) -> ZoneInfo:
        """The time zone of a station (the page's station when unknown)."""
        return self.zones.get(station_id or 0, self.default)

    def when(self, value: Any, zone: ZoneInfo) -> str:
        """A stored instant as dd/mm/yyyy HH:MM in the station's time."""
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value
        if not isinstance(value, datetime):
            return str(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo("UTC"))
        local = value.astimezone(zone)
        return f"{local.day:02d}/{local.month:02d}/{local.year} {local:%H:%M}"

    def value(self, table: str, column: str, value: Any, zone: ZoneInfo) -> str:
        """One column value in words."""
        if value is None or value == "" or value == []:
            return EMPTY
        kind = _python_type(table, column)
        target = references(table).get(column)
        if target is not None:
            ids = value if isinstance(value, list) else [value]
            return ", ".join(self.names.of(target, one) or f"số {one}" for one in ids)
        labels = VALUE_LABELS.get((table, column))
        if labels is not None and isinstance(value, str):
            return labels.get(value, value)
        if kind is datetime:
            return self.when(value, zone)
        if kind is date and isinstance(value, str):
            day = date.fromisoformat(value[:10])
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        if kind is time and isinstance(value, str):
            return time.fromisoformat(value).strftime("%H:%M")
        if kind is bool or isinstance(value, bool):
            return "có" if value else "không"
        if column == "weekdays" and isinstance(value, list):
            return ", ".join(WEEKDAY_SHORT[d] for d in value if isinstance(d, int) and 0 <= d < 7)
        if column == "output_profiles" and isinstance(value, list):
            return "; ".join(profile_words(str(name)) for name in value)
        if column == "quiet_hours" and isinstance(value, list):
            spans = [f"{w.get('start')}–{w.get('end')}" for w in value if isinstance(w, dict)]
            return ", ".join(spans) or "không có"
        if column == "zone_quiet_hours" and isinstance(value, dict):
            return zone_quiet_text(value).replace("\n", "; ") or "không có"
        if column in UNITS and isinstance(value, int | float):
            return level(value, UNITS[column])
        if (table, column) == ("playlist_item", "position") and isinstance(value, int):
            return str(value + 1)  # stored from 0, read from 1
        if column in MINUTE_FIELDS and isinstance(value, int | float):
            return duration_words(value)
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False)

    def line(self, entry: AuditEntry) -> AuditLine:
        """An entry in words."""
        zone = self.zone(entry.station_id)
        fallback = entry.after or entry.before
        subject = self.names.of(entry.entity, entry.entity_id, fallback)
        if subject is None and entry.entity_id and not entry.entity_id.isdigit():
            subject = self._link_subject(entry.entity, fallback or {})
        actor = self.names.of("user_account", entry.user_id) if entry.user_id else None
        if actor is None and entry.action.startswith("login"):  # nobody was logged in yet
            actor = subject if entry.action == "login" else "Người chưa đăng nhập"
        link = entry.entity_id is not None and "/" in entry.entity_id
        changes, internal = ([], []) if link and subject else self._changes(entry, zone)
        return AuditLine(
            entry=entry,
            at=self.when(entry.at, zone),
            actor=actor or ACTOR_LABELS.get(entry.actor, entry.actor),
            action=AUDIT_ACTION_LABELS.get(entry.action, entry.action),
            entity=AUDIT_ENTITY_LABELS.get(entry.entity, entry.entity),
            subject=subject,
            changes=changes,
            internal=internal,
        )

    def _link_subject(self, table: str, values: dict[str, Any]) -> str | None:
        """A link row (segment ↔ phase…) named by the two rows it links."""
        parts = [self.value(table, column, values.get(column), self.default) for column in values]
        return " ↔ ".join(parts) if parts else None

    def _changes(self, entry: AuditEntry, zone: ZoneInfo) -> tuple[list[FieldChange], list[str]]:
        before, after = entry.before or {}, entry.after or {}
        changes: list[FieldChange] = []
        internal: list[str] = []
        for name in dict.fromkeys([*before, *after]):
            if name in before and name in after and before[name] == after[name]:
                continue
            if entry.before is None and after.get(name) in (None, "", [], {}):
                continue  # creation: skip empty defaults
            if entry.after is None and before.get(name) in (None, "", [], {}):
                continue
            label = field_label(entry.entity, name) or name
            if name in INTERNAL_FIELDS:
                if entry.before is not None and entry.after is not None:
                    internal.append(label)
                continue
            was = before.get(name)
            shown_before = name in before and (entry.after is None or was not in (None, "", []))
            old = self.value(entry.entity, name, was, zone) if shown_before else None
            new = self.value(entry.entity, name, after[name], zone) if name in after else None
            changes.append(FieldChange(name, label, _short(old), _short(new), old, new))
        return changes, internal


def _python_type(table: str, column: str) -> type | None:
    """The Python type a column holds (datetime, date, time, bool…), None when unknown."""
    found = SQLModel.metadata.tables.get(table)
    if found is None or column not in found.c:
        return None
    kind = found.c[column].type
    try:
        return getattr(kind, "impl", kind).python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


def _short(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_SHOWN:
        return text
    return text[: MAX_SHOWN - 1] + "…"


def audit_lines(db: Session, entries: Iterable[AuditEntry], zone: ZoneInfo) -> list[AuditLine]:
    """Entries in words, every name they need read in one query per table."""
    rows = list(entries)
    names = names_for(db, rows)
    station_ids = {row.station_id for row in rows if row.station_id is not None}
    zones = {
        station.id: ZoneInfo(station.timezone)
        for station in db.exec(select(Station).where(col(Station.id).in_(station_ids))).all()
        if station.id is not None
    }
    speaker = Speaker(names, zones, zone)
    return [speaker.line(row) for row in rows]


def audit_actions(db: Session) -> list[str]:
    """Action names that appear in the log, for the filter menu."""
    return sorted(db.exec(select(AuditEntry.action).distinct()).all())


def user_choices(db: Session) -> list[tuple[int, str]]:
    """Every account as (id, full name or username), for the filter menu."""
    query = select(User.id, User.username, User.full_name).order_by(col(User.username))
    return [(uid, full or name) for uid, name, full in db.exec(query).all() if uid is not None]
