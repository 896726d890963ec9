"""Daily playlists and their items."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from broadcast.models.common import LoaModel, PlaylistStatus, utcnow


class Playlist(LoaModel, table=True):
    __table_args__ = (UniqueConstraint("station_id", "day", "slot_id"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    slot_id: int = Field(foreign_key="session_slot.id", index=True)
    day: date = Field(index=True)
    status: PlaylistStatus = PlaylistStatus.GENERATED
    total_s: float = 0.0
    unused_s: float = 0.0
    skipped: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    generated_at: datetime = Field(default_factory=utcnow)


class PlaylistItem(LoaModel, table=True):
    __tablename__ = "playlist_item"

    id: int | None = Field(default=None, primary_key=True)
    playlist_id: int = Field(foreign_key="playlist.id", index=True, ondelete="CASCADE")
    position: int
    segment_id: int = Field(foreign_key="segment.id", index=True)
    start_offset_s: float
    duration_s: float
    reason: str = Field(max_length=1000)


class PlaylistItemPublic(LoaModel):
    position: int
    segment_id: int
    title: str
    kind: str
    start_offset_s: float
    duration_s: float
    reason: str


class PlaylistPublic(LoaModel):
    id: int
    station_id: int
    slot_id: int
    slot_start: str
    day: date
    status: PlaylistStatus
    total_s: float
    unused_s: float
    max_seconds: int
    items: list[PlaylistItemPublic]
    skipped: list[dict[str, Any]]


class PlaylistGenerate(LoaModel):
    station_id: int
    day: date
    slot_id: int
