"""Alerts: an emergency bulletin or a live broadcast pre-empting what a station's devices play."""

from datetime import datetime
from enum import StrEnum

from pydantic import field_validator
from sqlalchemy import JSON, Column
from sqlmodel import Field

from broadcast.models.common import LoaModel, utcnow

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
