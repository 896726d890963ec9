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


class SkippedSession(LoaModel):
    """A session left unplanned, with the reason (e.g. ``slot.quiet_hours``)."""

    day: date
    slot_id: int
    slot_start: str
    code: str
    reason: str


class RangeResult(LoaModel):
    station_id: int
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    sessions: list[SessionSummary]
    changed: int
    unchanged: int
    locked: int
    skipped: list[SkippedSession] = Field(default_factory=list)


class ItemInsert(LoaModel):
    segment_id: int = Field(ge=1, le=MAX_ID)
    position: int | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="0-based place; none: last before the closing. Kept after the opening "
        "and before the closing.",
    )


class ItemMove(LoaModel):
    to: int = Field(
        ge=0, le=1000, description="0-based place; kept after the opening and before the closing"
    )


class PinSet(LoaModel):
    pinned: bool = True


class LockSet(LoaModel):
    locked: bool = True


class DayLock(LoaModel):
    station_id: int = Field(ge=1, le=MAX_ID)
    day: date
    locked: bool = True


class RangeLock(LoaModel):
    """Lock (or unlock) every stored session of a station from ``from`` to ``to`` (inclusive)."""

    station_id: int = Field(ge=1, le=MAX_ID)
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    locked: bool = True


class RangeLockResult(LoaModel):
    station_id: int
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    locked: bool
    playlist_ids: list[int]
