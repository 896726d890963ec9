"""Operator lexicon: create, edit, delete and restore entries, each change kept in history."""

import re
import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from audio.text import canonical_text
from audio.text.examples import new_failures
from audio.text.orthography import is_vietnamese_syllable
from broadcast import crud
from broadcast.errors import Conflict, InvalidInput
from broadcast.lexicon.normalizers import (
    CONTEXT_SEPARATOR,
    build_normalizer,
    normalizer_for,
    scope_rows,
)
from broadcast.models import Station
from broadcast.models.common import utcnow
from broadcast.models.lexicon import (
    LexiconAction,
    LexiconChange,
    LexiconEntry,
    LexiconEntryCreate,
    LexiconEntryPublic,
    LexiconEntryUpdate,
    LexiconRestore,
)

VALUE_FIELDS = ("written", "spoken", "context_before", "context_after", "kind", "note", "active")
_SPACES = re.compile(r"\s+")


def _written(value: str) -> str:
    text = _SPACES.sub(" ", canonical_text(value)).strip()
    if not text:
        raise InvalidInput("written", "dạng viết không được để trống")
    return text


def _spoken(value: str) -> str:
    """Lowercase Vietnamese syllables separated by single spaces, or InvalidInput('spoken')."""
    words = canonical_text(value).split()
    if not words:
        raise InvalidInput("spoken", "cách đọc không được để trống")
    for word in words:
        if word != word.lower():
            raise InvalidInput("spoken", f"cách đọc phải viết thường: '{word}'")
        if not word.isalpha() or not is_vietnamese_syllable(word):
            raise InvalidInput("spoken", f"'{word}' không phải một âm tiết tiếng Việt")
    return " ".join(words)


def _context(value: str, field: str) -> str:
    """Alternative phrases separated by '|', lowercase and canonical; '#' stands for a number."""
    if not value.strip():
        return ""
    phrases = [_SPACES.sub(" ", canonical_text(p)).strip().lower() for p in value.split("|")]
    if not all(phrases):
        raise InvalidInput(field, "ngữ cảnh có cụm từ rỗng giữa các dấu '|'")
    return CONTEXT_SEPARATOR.join(phrases)


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """Values with canonical written/spoken/context text; InvalidInput names a bad field."""
    cleaned = dict(values)
    if "written" in cleaned:
        cleaned["written"] = _written(cleaned["written"])
    if "spoken" in cleaned:
        cleaned["spoken"] = _spoken(cleaned["spoken"])
    for name in ("context_before", "context_after"):
        if name in cleaned:
            cleaned[name] = _context(cleaned[name] or "", name)
    return cleaned


def snapshot(row: LexiconEntry) -> dict[str, Any]:
    """The values of an entry that history keeps."""
    return {name: getattr(row, name) for name in VALUE_FIELDS} | {"station_id": row.station_id}


def entry_public(row: LexiconEntry) -> LexiconEntryPublic:
    """The API view of an entry."""
    scope = "global" if row.station_id is None else f"station:{row.station_id}"
    return LexiconEntryPublic.model_validate(row, update={"scope": scope})


def list_entries(
    db: Session, station_id: int | None = None, include_deleted: bool = False
) -> Sequence[LexiconEntry]:
    """Entries by id; with station_id only that station's entries."""
    query = select(LexiconEntry)
    if station_id is not None:
        query = query.where(LexiconEntry.station_id == station_id)
    if not include_deleted:
        query = query.where(col(LexiconEntry.active).is_(True))
    return db.exec(query.order_by(col(LexiconEntry.id))).all()


def find_same(db: Session, proposed: LexiconEntry) -> LexiconEntry | None:
    """The other active entry with the same written form, context and scope, if any."""
    query = select(LexiconEntry).where(
        LexiconEntry.written == proposed.written,
        LexiconEntry.context_before == proposed.context_before,
        LexiconEntry.context_after == proposed.context_after,
        col(LexiconEntry.active).is_(True),
    )
    if proposed.station_id is None:
        query = query.where(col(LexiconEntry.station_id).is_(None))
    else:
        query = query.where(LexiconEntry.station_id == proposed.station_id)
    if proposed.id is not None:
        query = query.where(LexiconEntry.id != proposed.id)
    return db.exec(query).first()


def _check_conflict(db: Session, proposed: LexiconEntry) -> None:
    """Conflict naming the active entry with the same written form, context and scope."""
    existing = find_same(db, proposed)
    if existing is not None:
        raise Conflict(
            f"mục từ số {existing.id} đã định nghĩa '{existing.written}' "
            f"với cùng ngữ cảnh và phạm vi (đọc là '{existing.spoken}')",
            code="lexicon.duplicate",
        )


def affected_scopes(db: Session, station_id: int | None) -> list[int | None]:
    """Scopes whose reading a change at station_id may alter."""
    if station_id is not None:
        return [station_id]
    query = select(LexiconEntry.station_id).where(
        col(LexiconEntry.station_id).is_not(None), col(LexiconEntry.active).is_(True)
    )
    return [None, *sorted({sid for sid in db.exec(query).all() if sid is not None})]


def check_examples(
    db: Session, proposed: LexiconEntry, entry_id: int | None, field: str | None
) -> None:
    """Refuse a change that would make an example of the reference file read wrong."""
    old = db.get(LexiconEntry, entry_id) if entry_id is not None else None
    words = {proposed.written, old.written if old is not None else ""}
    for scope in affected_scopes(db, proposed.station_id):
        current = list(scope_rows(db, scope))
        changed = [row for row in current if entry_id is None or row.id != entry_id]
        broken = new_failures(
            normalizer_for(db, scope), build_normalizer([*changed, proposed]), words
        )
        if broken:
            first = broken[0]
            message = (
                f"thay đổi này làm sai ví dụ chuẩn {first.example.id}: "
                f"'{first.example.input}' phải đọc '{first.example.expected}' "
                f"nhưng sẽ đọc '{first.got}'"
            )
            code = "lexicon.breaks_example"
            if field:
                raise InvalidInput(field, message, code=code)
            raise Conflict(message, code=code)


def _record(
    db: Session,
    row: LexiconEntry,
    action: LexiconAction,
    author: str,
    before: dict[str, Any] | None,
) -> None:
    assert row.id is not None
    after = snapshot(row)
    db.add(
        LexiconChange(
            entry_id=row.id,
            action=action,
            author=author,
            before=before,
            after=after,
            revision=uuid.uuid4().hex,
        )
    )
    crud.flush(db)


def _proposal(row: LexiconEntry | None, values: dict[str, Any]) -> LexiconEntry:
    """A detached entry with the values a change would give (never added to the session)."""
    base = snapshot(row) | {"author": row.author} if row is not None else {}
    proposed = LexiconEntry.model_validate(base | values)
    proposed.id = row.id if row is not None else None
    return proposed


def _save(
    db: Session,
    row: LexiconEntry | None,
    values: dict[str, Any],
    field: str | None,
    guard: bool = True,
) -> LexiconEntry:
    """Validate the proposed values, then apply them to row (or a new row)."""
    proposed = _proposal(row, values)
    if proposed.station_id is not None and db.get(Station, proposed.station_id) is None:
        raise InvalidInput("station_id", f"đài {proposed.station_id} không tồn tại")
    if proposed.active:
        _check_conflict(db, proposed)
    if guard:
        check_examples(db, proposed, row.id if row else None, field)
    target = row or proposed
    for name in values:
        setattr(target, name, getattr(proposed, name))
    target.updated_at = utcnow()
    db.add(target)
    crud.flush(db)
    return target


def create_entry(db: Session, data: LexiconEntryCreate, guard: bool = True) -> LexiconEntry:
    """Add an entry after validation; recorded as a 'create' change."""
    values = clean_values(data.model_dump())
    row = _save(db, None, values, "spoken", guard)
    _record(db, row, LexiconAction.CREATE, data.author, None)
    return row


def update_entry(
    db: Session, row: LexiconEntry, patch: LexiconEntryUpdate, guard: bool = True
) -> LexiconEntry:
    """Apply an edit after validation; recorded as an 'update' change."""
    if not row.active:
        raise Conflict(
            f"mục từ số {row.id} đã bị xóa; hãy khôi phục trước khi sửa", code="lexicon.deleted"
        )
    author = patch.author
    changes = {k: v for k, v in patch.model_dump(exclude_unset=True).items() if v is not None}
    changes.pop("author", None)
    values = clean_values(changes)
    before = snapshot(row)
    row = _save(db, row, values | {"author": author or row.author}, "spoken", guard)
    _record(db, row, LexiconAction.UPDATE, author, before)
    return row


def delete_entry(db: Session, row: LexiconEntry, author: str = "") -> LexiconEntry:
    """Deactivate an entry (it stays in history and can be restored)."""
    if not row.active:
        return row
    before = snapshot(row)
    row = _save(db, row, {"active": False}, None)
    _record(db, row, LexiconAction.DELETE, author, before)
    return row


def restore_entry(db: Session, row: LexiconEntry, request: LexiconRestore) -> LexiconEntry:
    """Bring back the values an entry had after one change of its history (active again)."""
    values: dict[str, Any] = {"active": True}
    if request.change_id is not None:
        change = db.get(LexiconChange, request.change_id)
        if change is None or change.entry_id != row.id:
            raise InvalidInput(
                "change_id", f"mục từ {row.id} không có thay đổi số {request.change_id}"
            )
        kept = change.after if change.action != LexiconAction.DELETE else change.before
        values |= {k: v for k, v in (kept or {}).items() if k in VALUE_FIELDS and k != "active"}
    before = snapshot(row)
    row = _save(db, row, values, None)
    _record(db, row, LexiconAction.RESTORE, request.author, before)
    return row


def history(db: Session, row: LexiconEntry) -> Sequence[LexiconChange]:
    """Every change of an entry, oldest first."""
    query = select(LexiconChange).where(LexiconChange.entry_id == row.id)
    return db.exec(query.order_by(col(LexiconChange.id))).all()
