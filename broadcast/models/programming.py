"""API models of range programming and manual edits of a session's playlist (no tables)."""

from datetime import date
from typing import Any

from sqlmodel import Field

from broadcast.models.common import MAX_ID, LoaModel


class SessionSummary(LoaModel):
    playlist_id: int
    day: date
    slot_id: int
    items: int
    total_s: float
    fill_pct: float
    locked: bool
    changes: dict[str, Any]


class RangeResult(LoaModel):
    station_id: int
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    sessions: list[SessionSummary]
    changed: int
    unchanged: int
    locked: int


class ItemInsert(LoaModel):
    segment_id: int = Field(ge=1, le=MAX_ID)
    position: int = Field(ge=0, le=1000)


class ItemMove(LoaModel):
    to: int = Field(ge=0, le=1000)


class PinSet(LoaModel):
    pinned: bool = True


class LockSet(LoaModel):
    locked: bool = True


class DayLock(LoaModel):
    station_id: int = Field(ge=1, le=MAX_ID)
    day: date
    locked: bool = True
