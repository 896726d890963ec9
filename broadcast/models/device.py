"""Devices of a station (receivers, bridges, players): where they are, how they play, their
token."""

from datetime import datetime
from enum import StrEnum

from pydantic import field_validator
from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from audio.profiles import OutputProfile
from broadcast.models.common import LoaModel, utcnow

DEFAULT_PROFILE = "mp3-128k-mono-44100"


class DeviceKind(StrEnum):
    """What a device is."""

    IP_RECEIVER = "ip_receiver"  # an IP loudspeaker receiver ("cụm thu phát IP")
    FM_BRIDGE = "fm_bridge"  # feeds an FM transmitter
    WIRED_BRIDGE = "wired_bridge"  # feeds a wired loudspeaker line
    CARD_PLAYER = "card_player"  # plays files from a memory card


def check_profile(value: str | None) -> str | None:
    """An output profile name such as mp3-128k-mono-44100 (None passes)."""
    if value is None:
        return None
    try:
        return OutputProfile.parse(value).name
    except ValueError as exc:
        raise ValueError(f"định dạng xuất {value!r} không có ({exc})") from exc


class DeviceBase(LoaModel):
    name: str = Field(min_length=1, max_length=100)
    kind: DeviceKind
    zone: str = Field(default="", max_length=200, description="Khu vực, ví dụ Tổ dân phố 3")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    volume: int = Field(default=7, ge=1, le=10)
    output_profile: str = Field(default=DEFAULT_PROFILE, max_length=40)


class DeviceCreate(DeviceBase):
    station_id: int = Field(ge=1)

    _profile = field_validator("output_profile")(check_profile)


class DeviceUpdate(LoaModel):
    name: str = Field(default=None, min_length=1, max_length=100)
    kind: DeviceKind = Field(default=None)
    zone: str = Field(default=None, max_length=200)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    volume: int = Field(default=None, ge=1, le=10)
    output_profile: str = Field(default=None, max_length=40)
    enabled: bool = Field(default=None)

    _profile = field_validator("output_profile")(check_profile)


class Device(DeviceBase, table=True):
    """One device of a station; its token is stored as a SHA-256 only."""

    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("station_id", "name", name="uq_device_name"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    agent_version: str | None = Field(default=None, max_length=50)
    enabled: bool = True
    token_hash: str = Field(max_length=64, unique=True, index=True)
    token_prefix: str = Field(max_length=16)
    token_issued_at: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class DevicePublic(DeviceBase):
    id: int
    station_id: int
    agent_version: str | None
    enabled: bool
    token_prefix: str
    token_issued_at: datetime
    created_at: datetime
    updated_at: datetime


class DeviceIssued(DevicePublic):
    """A device with its new token, shown once (at creation and on re-issue)."""

    token: str
