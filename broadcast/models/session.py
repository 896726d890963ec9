"""Broadcast sessions (one slot of a station on one day) and the items of their playlists.

The table keeps its older name ``playlist`` (and ``playlist_id`` in other tables and in the
HTTP API): a stored session is its playlist plus its state (status, lock, removals).
"""

from datetime import date, datetime
from typing import Any

from pydantic import ConfigDict
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from broadcast.models.common import LoaModel, SessionStatus, utcnow


class BroadcastSession(LoaModel, table=True):
    __tablename__ = "playlist"
    __table_args__ = (UniqueConstraint("station_id", "day", "slot_id"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    slot_id: int = Field(foreign_key="session_slot.id", index=True)
    day: date = Field(index=True)
    status: SessionStatus = SessionStatus.GENERATED
    total_s: float = 0.0
    unused_s: float = 0.0
    skipped: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    generated_at: datetime = Field(default_factory=utcnow)
    # Manual edits (issue 5): a locked session is never re-planned; removed ids stay out.
    locked: bool = False
    removed_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON))


class PlaylistItem(LoaModel, table=True):
    __tablename__ = "playlist_item"

    id: int | None = Field(default=None, primary_key=True)
    playlist_id: int = Field(foreign_key="playlist.id", index=True, ondelete="CASCADE")
    position: int
    segment_id: int = Field(foreign_key="segment.id", index=True)
    start_offset_s: float
    duration_s: float
    reason: str = Field(max_length=1000)
    pinned: bool = False  # kept at its position when the session is re-planned


class PlaylistItemPublic(LoaModel):
    position: int
    segment_id: int
    title: str
    kind: str
    start_offset_s: float
    duration_s: float
    reason: str
    pinned: bool = False


class BroadcastSessionPublic(LoaModel):
    id: int
    station_id: int
    slot_id: int
    slot_start: str
    day: date
    status: SessionStatus
    total_s: float
    unused_s: float
    max_seconds: int
    items: list[PlaylistItemPublic]
    skipped: list[dict[str, Any]]
    locked: bool = False
    removed_ids: list[int] = Field(default_factory=list)
    changes: dict[str, Any] | None = None


class SessionGenerate(LoaModel):
    """One session (day + slot_id) or every session of a range (from + to)."""

    model_config = ConfigDict(populate_by_name=True)  # type: ignore[assignment]

    station_id: int
    day: date | None = None
    slot_id: int | None = None
    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")
