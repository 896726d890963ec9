"""Names of the rows an audit page mentions, loaded in bulk: one query per table and round."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

from api.web.audit_labels import ID_LISTS, JOB_KIND_LABELS
from api.web.labels import ROLE_LABELS
from broadcast.models.audit import AuditEntry

Row = Mapping[str, Any]
ROLE_WORDS = {str(role): text for role, text in ROLE_LABELS.items()}
JOB_WORDS = {str(kind): text for kind, text in JOB_KIND_LABELS.items()}
MAX_NAME = 80


def _day(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if isinstance(value, date) else ""


def _short(text: Any) -> str:
    text = str(text or "").strip()
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def references(table: str) -> dict[str, str]:
    """Columns of a table that hold another row's id, with the table they point at."""
    if table not in SQLModel.metadata.tables:
        return {}
    found = {
        column.name: next(iter(column.foreign_keys)).column.table.name
        for column in _table(table).columns
        if column.foreign_keys
    }
    return found | {col: target for (tab, col), target in ID_LISTS.items() if tab == table}


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


class Names:
    """Display names of rows by table and id; ask with `want`, then `load`, then `of`."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[int, Row]] = defaultdict(dict)
        self.wanted: dict[str, set[int]] = defaultdict(set)

    def want(self, table: str, row_id: Any) -> None:
        """Note a row to name (ids that are not integers, like "3/1", are ignored)."""
        known = table in SQLModel.metadata.tables and str(row_id).isdigit()
        if known and int(row_id) not in self.rows[table]:
            self.wanted[table].add(int(row_id))

    def want_values(self, table: str, values: Mapping[str, Any] | None) -> None:
        """Note every row a snapshot of `table` points at."""
        for column, target in references(table).items():
            value = (values or {}).get(column)
            for one in value if isinstance(value, list) else [value]:
                if one is not None:
                    self.want(target, one)

    def load(self, db: Session) -> None:
        """Fetch the wanted rows, then the rows their names need, until nothing is missing."""
        while self.wanted:
            wanted, self.wanted = self.wanted, defaultdict(set)
            for table, ids in wanted.items():
                query = select(_table(table)).where(_table(table).c.id.in_(sorted(ids)))
                for row in db.connection().execute(query).mappings():
                    self.rows[table][row["id"]] = dict(row)
                    for target, row_id in NEEDS.get(table, lambda _r: [])(row):
                        self.want(target, row_id)

    def of(self, table: str, row_id: Any, fallback: Row | None = None) -> str | None:
        """The name of a row; from `fallback` (its snapshot) when the row is gone."""
        row = self.rows.get(table, {}).get(int(row_id)) if str(row_id).isdigit() else None
        namer = NAMERS.get(table)
        source = row if row is not None else fallback
        if namer is None or source is None:
            return None
        return _short(namer(source, self)) or None


def _user(row: Row, _names: Names) -> str:
    return str(row.get("full_name") or row.get("username") or "")


def _session(row: Row, names: Names) -> str:
    slot = names.of("session_slot", row.get("slot_id")) or "Buổi phát"
    return f"{slot} {_day(row.get('day'))}".strip()


def _item(row: Row, names: Names) -> str:
    segment = names.of("segment", row.get("segment_id")) or "bài"
    session = names.of("playlist", row.get("playlist_id"))
    return f"{segment} — {session}" if session else segment


def _role(row: Row, names: Names) -> str:
    role = ROLE_WORDS.get(str(row.get("role")), str(row.get("role") or ""))
    user = names.of("user_account", row.get("user_id"))
    return f"{role} của {user}" if user else role


def _via(table: str, column: str) -> Callable[[Row, Names], str]:
    return lambda row, names: names.of(table, row.get(column)) or ""


NAMERS: dict[str, Callable[[Row, Names], str]] = {
    "segment": lambda r, _n: str(r.get("title") or ""),
    "campaign": lambda r, _n: str(r.get("title") or ""),
    "library_item": lambda r, _n: str(r.get("title") or ""),
    "phase": lambda r, _n: " ".join(str(r.get(k) or "") for k in ("code", "title")),
    "event": lambda r, _n: str(r.get("name") or ""),
    "topic": lambda r, _n: str(r.get("text") or ""),
    "session_slot": lambda r, _n: str(r.get("name") or ""),
    "station": lambda r, _n: str(r.get("name") or ""),
    "unit": lambda r, _n: str(r.get("name") or ""),
    "lexicon_entry": lambda r, _n: str(r.get("written") or ""),
    "audio_asset": lambda r, _n: str(r.get("original_name") or f"tệp âm thanh {r.get('id')}"),
    "api_token": lambda r, _n: str(r.get("name") or ""),
    "device": lambda r, _n: str(r.get("name") or ""),
    "plan_import": lambda r, _n: str(r.get("filename") or ""),
    "scheduler_run": lambda r, _n: f"ngày {_day(r.get('run_day'))}",
    "job": lambda r, _n: JOB_WORDS.get(str(r.get("kind")), str(r.get("kind") or "")),
    "user_account": _user,
    "user_role": _role,
    "playlist": _session,
    "playlist_item": _item,
    "asrun": _via("playlist", "playlist_id"),
    "export": _via("playlist", "playlist_id"),
    "lexicon_change": _via("lexicon_entry", "entry_id"),
}
# Rows whose names are made from other rows: which ones to fetch next.
NEEDS: dict[str, Callable[[Row], Iterable[tuple[str, Any]]]] = {
    "playlist": lambda r: [("session_slot", r["slot_id"])],
    "playlist_item": lambda r: [("segment", r["segment_id"]), ("playlist", r["playlist_id"])],
    "user_role": lambda r: [("user_account", r["user_id"])],
    "asrun": lambda r: [("playlist", r["playlist_id"])],
    "export": lambda r: [("playlist", r["playlist_id"])],
    "lexicon_change": lambda r: [("lexicon_entry", r["entry_id"])],
}


def names_for(db: Session, entries: Iterable[AuditEntry]) -> Names:
    """Every row a page of entries mentions (its subjects, actors and referenced ids), named."""
    names = Names()
    for entry in entries:
        names.want(entry.entity, entry.entity_id)
        if entry.user_id is not None:
            names.want("user_account", entry.user_id)
        if entry.station_id is not None:
            names.want("station", entry.station_id)
        for values in (entry.before, entry.after):
            if entry.entity in SQLModel.metadata.tables:
                names.want_values(entry.entity, values)
                if values:
                    for target, row_id in _snapshot_needs(entry.entity, values):
                        names.want(target, row_id)
    names.load(db)
    return names


def _snapshot_needs(table: str, values: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Rows the name of a deleted row's snapshot needs (its own row is gone)."""
    try:
        return list(NEEDS.get(table, lambda _r: [])(values))
    except KeyError:
        return []
