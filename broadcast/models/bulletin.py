"""Bulletins a unit issues to the stations below it, and their delivery to each station."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from broadcast.models.common import BulletinClass, LoaModel, utcnow

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
