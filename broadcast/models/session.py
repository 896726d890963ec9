"""Broadcast sessions (one slot of a station on one day), the items of their playlists, the
alerts (an emergency bulletin or a live broadcast) that pre-empt them on the devices, and the
bulletins a unit issues to the stations below it (with their delivery to each station).

The table keeps its older name ``playlist`` (and ``playlist_id`` in other tables and in the
HTTP API): a stored session is its playlist plus its state (status, lock, removals).
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, field_validator
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from broadcast.models.common import BulletinClass, LoaModel, SessionStatus, utcnow


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


MAX_TARGETS = 2000


class DeliveryState(StrEnum):
    """Where a bulletin stands at one receiving station (read from what happened there)."""

    RECEIVED = "received"
    PLACED = "placed"  # in a session's running order
    EXPORTED = "exported"  # that session was exported
    AIRED = "aired"  # the as-run log says that session aired
    REFUSED = "refused"


class BulletinBase(LoaModel):
    unit_id: int = Field(foreign_key="unit.id", index=True, ge=1)
    title: str = Field(min_length=1, max_length=300)
    script: str = Field(default="", max_length=20000)
    voice: str = Field(default="vi", max_length=50)
    bulletin_class: BulletinClass = BulletinClass.NORMAL
    air_start: date
    air_end: date
    place_by: date | None = Field(
        default=None,
        description="Tin thường: hạn để xã tự xếp vào buổi phát; quá hạn, hệ thống tự xếp",
    )
    target_unit_ids: list[int] = Field(
        default_factory=list, sa_column=Column(JSON), max_length=MAX_TARGETS
    )
    target_station_ids: list[int] = Field(
        default_factory=list, sa_column=Column(JSON), max_length=MAX_TARGETS
    )


class BulletinCreate(BulletinBase):
    pass


class BulletinUpdate(LoaModel):
    title: str = Field(default=None, min_length=1, max_length=300)
    script: str = Field(default=None, max_length=20000)
    voice: str = Field(default=None, max_length=50)
    bulletin_class: BulletinClass = Field(default=None)
    air_start: date = Field(default=None)
    air_end: date = Field(default=None)
    place_by: date | None = None
    target_unit_ids: list[int] = Field(default=None, max_length=MAX_TARGETS)
    target_station_ids: list[int] = Field(default=None, max_length=MAX_TARGETS)


class Bulletin(BulletinBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    audio_asset_id: int | None = Field(default=None, foreign_key="audio_asset.id")
    author_id: int | None = Field(default=None, foreign_key="user_account.id")
    # Who wrote part of the content (four eyes: none of them approves it).
    contributor_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON))
    approved_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    approved_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class BulletinPublic(BulletinBase):
    id: int
    audio_asset_id: int | None
    author_id: int | None
    approved_by_id: int | None
    approved_at: datetime | None
    created_at: datetime
    deliveries: int = 0


class BulletinDelivery(LoaModel, table=True):
    """One receiving station's copy of a bulletin: a read-only segment of that station."""

    __tablename__ = "bulletin_delivery"
    __table_args__ = (UniqueConstraint("bulletin_id", "station_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    segment_id: int = Field(foreign_key="segment.id", index=True)
    bulletin_first: bool = True  # before the station's own priority items in a session
    note: str = Field(default="", max_length=2000)  # what the delivery did (or could not)
    refused_at: datetime | None = None
    refuse_reason: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)


class DeliveryPublic(LoaModel):
    id: int
    bulletin_id: int
    station_id: int
    station_name: str
    segment_id: int
    title: str
    bulletin_class: BulletinClass
    air_start: date
    air_end: date
    place_by: date | None
    unit_name: str
    state: DeliveryState
    playlist_ids: list[int]
    bulletin_first: bool
    note: str
    refused_at: datetime | None
    refuse_reason: str


class DeliveryPlace(LoaModel):
    """A receiving station puts a bulletin into one of its sessions."""

    playlist_id: int = Field(ge=1)
    position: int | None = Field(default=None, ge=0, le=1000)


class DeliveryRefuse(LoaModel):
    reason: str = Field(min_length=1, max_length=2000)


class DeliveryOrder(LoaModel):
    """Whether the bulletin goes before (default) or after the station's own priority items."""

    bulletin_first: bool


class BulletinApproval(LoaModel):
    note: str = Field(default="", max_length=2000)
