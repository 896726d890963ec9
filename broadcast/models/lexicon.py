"""The operator lexicon: written forms and how a station (or every station) says them."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from broadcast.models.common import LoaModel, utcnow


class LexiconKind(StrEnum):
    ABBREVIATION = "abbreviation"
    CODE = "code"
    UNIT = "unit"
    NAME = "name"
    WORD = "word"
    OTHER = "other"


class LexiconAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


class LexiconEntryBase(LoaModel):
    written: str = Field(min_length=1, max_length=100)
    spoken: str = Field(min_length=1, max_length=300)
    context_before: str = Field(default="", max_length=300)
    context_after: str = Field(default="", max_length=300)
    kind: LexiconKind = LexiconKind.ABBREVIATION
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)
    note: str = Field(default="", max_length=500)


class LexiconEntryCreate(LexiconEntryBase):
    author: str = Field(default="", max_length=100)


class LexiconEntryUpdate(LoaModel):
    written: str = Field(default=None, min_length=1, max_length=100)
    spoken: str = Field(default=None, min_length=1, max_length=300)
    context_before: str = Field(default=None, max_length=300)
    context_after: str = Field(default=None, max_length=300)
    kind: LexiconKind = Field(default=None)
    note: str = Field(default=None, max_length=500)
    author: str = Field(default="", max_length=100)


class LexiconEntry(LexiconEntryBase, table=True):
    """One operator entry; context sides hold alternative phrases separated by '|'."""

    __tablename__ = "lexicon_entry"

    id: int | None = Field(default=None, primary_key=True)
    author: str = Field(default="", max_length=100)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ReturnedSegment(LoaModel):
    """An approved announcement a lexicon change sent back to review (its reading changed)."""

    id: int
    title: str


class LexiconEntryPublic(LexiconEntryBase):
    id: int
    scope: str
    author: str
    active: bool
    created_at: datetime
    updated_at: datetime
    returned_to_review: list[ReturnedSegment] = []


class LexiconChange(LoaModel, table=True):
    """One change of an entry, with the values before and after it (None when absent)."""

    __tablename__ = "lexicon_change"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="lexicon_entry.id", index=True)
    action: LexiconAction
    author: str = Field(default="", max_length=100)
    changed_at: datetime = Field(default_factory=utcnow)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    revision: str = Field(max_length=32, index=True)
    """Unique token of this change; the latest one is the version of the whole lexicon."""


class LexiconChangePublic(LoaModel):
    id: int
    entry_id: int
    action: LexiconAction
    author: str
    changed_at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class LexiconRestore(LoaModel):
    """Restore an entry to the values it had after one change (default: re-activate it)."""

    change_id: int | None = Field(default=None, ge=1)
    author: str = Field(default="", max_length=100)
