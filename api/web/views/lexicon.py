"""Read-side helpers of the lexicon page: entries that apply at a station, searched by text."""

from typing import Any

from sqlmodel import Session, col, or_, select

from broadcast.models.lexicon import LexiconChange, LexiconEntry

SHOWN_FIELDS = ("written", "spoken", "context_before", "context_after", "kind", "note", "active")


def search_entries(
    db: Session, station_id: int | None, text: str = "", include_deleted: bool = False
) -> list[LexiconEntry]:
    """Global entries and the station's own, alphabetical; text matches written, spoken, note."""
    query = select(LexiconEntry)
    if station_id is None:
        query = query.where(col(LexiconEntry.station_id).is_(None))
    else:
        query = query.where(
            or_(col(LexiconEntry.station_id).is_(None), LexiconEntry.station_id == station_id)
        )
    if not include_deleted:
        query = query.where(col(LexiconEntry.active).is_(True))
    rows = list(db.exec(query.order_by(col(LexiconEntry.written), col(LexiconEntry.id))))
    needle = text.strip().casefold()
    if not needle:  # matched in Python: SQLite's LIKE folds ASCII only, not Vietnamese letters
        return rows
    return [
        row
        for row in rows
        if needle in row.written.casefold()
        or needle in row.spoken.casefold()
        or needle in row.note.casefold()
    ]


def change_summary(change: LexiconChange) -> list[tuple[str, Any, Any]]:
    """(field, before, after) of the values one change altered; a new entry's empty fields are left
    out."""
    before, after = change.before or {}, change.after or {}
    return [
        (name, before.get(name), after.get(name))
        for name in SHOWN_FIELDS
        if before.get(name) != after.get(name) and (name in before or after.get(name) != "")
    ]
