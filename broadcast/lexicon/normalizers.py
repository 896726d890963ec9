"""Operator lexicon as the normaliser sees it: entries, per-station normalisers and their cache."""

import logging
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, or_, select

from audio.text import BUILTIN_LEXICON, DEFAULT_NORMALIZER, Context, Entry, Normalizer
from broadcast.models.lexicon import LexiconChange, LexiconEntry

CONTEXT_SEPARATOR = "|"
_CACHE_SIZE = 64
_normalizers: dict[tuple[int | None, str], Normalizer] = {}
VERSION_KEY = "loa.lexicon_version"
_lock = threading.Lock()
log = logging.getLogger(__name__)


def context_phrases(value: str) -> tuple[str, ...]:
    """The alternative phrases of a stored context side ('đảng ủy|hđnd')."""
    return tuple(p for p in (part.strip() for part in value.split(CONTEXT_SEPARATOR)) if p)


def to_entry(row: LexiconEntry) -> Entry:
    """The normaliser's entry for one operator row."""
    before, after = context_phrases(row.context_before), context_phrases(row.context_after)
    context = Context(before, after) if before or after else None
    return Entry(row.written, row.spoken, context, origin="operator")


def _precedence(row: LexiconEntry) -> tuple[int, int, int]:
    """Station entries before global ones, entries with a context before catch-alls."""
    has_context = bool(row.context_before or row.context_after)
    return (row.station_id is None, not has_context, row.id or 0)


def _entries(rows: Iterable[LexiconEntry]) -> list[Entry]:
    """Normaliser entries of the active rows in precedence order; a malformed row is skipped."""
    entries = []
    for row in sorted((row for row in rows if row.active), key=_precedence):
        try:
            entries.append(to_entry(row))
        except ValueError:  # only rows written around the service can be malformed
            log.warning("lexicon entry %s skipped: %r → %r", row.id, row.written, row.spoken)
    return entries


def build_normalizer(rows: Iterable[LexiconEntry]) -> Normalizer:
    """A normaliser where these operator rows beat the built-in lexicon (station beats global)."""
    entries = _entries(rows)
    if not entries:
        return DEFAULT_NORMALIZER
    return Normalizer(BUILTIN_LEXICON.with_entries(entries))


def scope_rows(db: Session, station_id: int | None) -> Sequence[LexiconEntry]:
    """Active entries that apply at a station (its own and the global ones), or global only."""
    query = select(LexiconEntry).where(col(LexiconEntry.active).is_(True))
    if station_id is None:
        query = query.where(col(LexiconEntry.station_id).is_(None))
    else:
        query = query.where(
            or_(col(LexiconEntry.station_id).is_(None), LexiconEntry.station_id == station_id)
        )
    return db.exec(query.order_by(col(LexiconEntry.id))).all()


def lexicon_version(db: Session) -> str | None:
    """Token of the latest lexicon change; None while the operator lexicon was never edited.

    Read once per transaction until its next flush (which may hold a lexicon change).
    """
    if VERSION_KEY not in db.info:
        query = select(LexiconChange.revision).order_by(col(LexiconChange.id).desc()).limit(1)
        with db.no_autoflush:
            db.info[VERSION_KEY] = db.exec(query).first()
    version: str | None = db.info[VERSION_KEY]
    return version


@event.listens_for(OrmSession, "after_flush")
def _forget_version(db: OrmSession, _context: Any) -> None:
    db.info.pop(VERSION_KEY, None)


@event.listens_for(OrmSession, "after_transaction_end")
def _forget_version_at_end(db: OrmSession, _transaction: Any) -> None:
    db.info.pop(VERSION_KEY, None)


def normalizer_for(db: Session, station_id: int | None) -> Normalizer:
    """The normaliser of a station (None: global entries only), cached per lexicon version."""
    version = lexicon_version(db)
    if version is None:
        return DEFAULT_NORMALIZER
    key = (station_id, version)
    with _lock:
        normalizer = _normalizers.get(key)
    if normalizer is None:
        normalizer = build_normalizer(scope_rows(db, station_id))
        with _lock:
            if len(_normalizers) >= _CACHE_SIZE:
                _normalizers.pop(next(iter(_normalizers)))
            _normalizers[key] = normalizer
    return normalizer
