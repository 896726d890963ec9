"""Broadcast sessions (one slot of a station on one day), the items of their playlists, and the
alerts (an emergency bulletin or a live broadcast) that pre-empt them on the devices.

The table keeps its older name ``playlist`` (and ``playlist_id`` in other tables and in the
HTTP API): a stored session is its playlist plus its state (status, lock, removals).
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, field_validator
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


MAX_ZONES = 100


class AlertKind(StrEnum):
    EMERGENCY = "emergency"  # an approved emergency bulletin, played from its MP3
    LIVE = "live"  # the operator's microphone, relayed as an endless MP3 stream


def check_zones(value: list[str]) -> list[str]:
    """Zone names without blanks or repeats, in the order given."""
    zones = [zone.strip() for zone in value]
    if any(not zone for zone in zones):
        raise ValueError("tên khu vực không được để trống")
    return list(dict.fromkeys(zones))


class AlertBase(LoaModel):
    station_id: int = Field(foreign_key="station.id", index=True, ge=1)
    kind: AlertKind = AlertKind.EMERGENCY
    segment_id: int | None = Field(default=None, foreign_key="segment.id", ge=1)
    resume: bool = Field(default=True, description="Phát tiếp buổi bị ngắt sau khi phát xong")


class AlertCreate(AlertBase):
    zones: list[str] = Field(
        default_factory=list,
        max_length=MAX_ZONES,
        description="Khu vực nhận tin (tên khu vực của thiết bị); để trống: mọi thiết bị của đài",
    )
    title: str | None = Field(default=None, max_length=200)

    _zones = field_validator("zones")(check_zones)


class Alert(AlertBase, table=True):
    """One alert of a station; active while not ended and not expired."""

    __tablename__ = "alert"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    zones: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    ended_at: datetime | None = None
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # The bulletin's MP3 (emergency alerts), made when the alert is created.
    audio_path: str | None = Field(default=None, max_length=500)
    audio_sha256: str | None = Field(default=None, max_length=64)
    audio_size: int | None = None
    audio_duration_s: float | None = None


class AlertPublic(AlertBase):
    id: int
    title: str
    zones: list[str]
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None
    created_by_id: int | None
    audio_sha256: str | None
    audio_size: int | None
    audio_duration_s: float | None
    active: bool = False
