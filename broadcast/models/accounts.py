"""Accounts: users, their roles per station, API tokens and web sessions; devices of a station
(receivers, bridges, players) with their own tokens."""

import re
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import field_validator, model_validator
from sqlalchemy import JSON, Column
from sqlmodel import Field, UniqueConstraint

from audio.profiles import OutputProfile
from broadcast.models.common import LoaModel, utcnow

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,49}")


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    APPROVER = "approver"
    OPERATOR = "operator"
    VIEWER = "viewer"


class RoleGrant(LoaModel):
    """One role on one station, or on one unit (and all under it); neither: every station."""

    role: Role
    station_id: int | None = Field(default=None, ge=1)
    unit_id: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_place(self) -> "RoleGrant":
        if self.station_id is not None and self.unit_id is not None:
            raise ValueError("một vai trò thuộc một đài hoặc một đơn vị, không cả hai")
        return self

    @property
    def is_global(self) -> bool:
        """True for a role on every station."""
        return self.station_id is None and self.unit_id is None


def check_password(value: str | None) -> str | None:
    """A password of at least 10 characters that is not only spaces."""
    if value is None:
        return None
    if len(value) < 10:
        raise ValueError("mật khẩu phải có ít nhất 10 ký tự")
    if not value.strip():
        raise ValueError("mật khẩu không được chỉ có dấu cách")
    return value


def check_username(value: str) -> str:
    """2–50 characters: lowercase Latin letters, digits, dot, underscore, hyphen."""
    if not USERNAME_PATTERN.fullmatch(value):
        raise ValueError("chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang")
    return value


class UserBase(LoaModel):
    username: str = Field(min_length=2, max_length=50)
    full_name: str = Field(default="", max_length=200)

    _username = field_validator("username")(check_username)


class UserCreate(UserBase):
    password: str = Field(max_length=200)
    roles: list[RoleGrant] = Field(default_factory=list)

    _password = field_validator("password")(check_password)


class UserUpdate(LoaModel):
    full_name: str = Field(default=None, max_length=200)
    password: str = Field(default=None, max_length=200)
    roles: list[RoleGrant] = Field(default=None)
    is_active: bool = Field(default=None)
    unlock: bool = Field(default=None)

    _password = field_validator("password")(check_password)


class User(UserBase, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=50, index=True, unique=True)
    password_hash: str = Field(max_length=300)
    is_active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    last_login_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class UserPublic(UserBase):
    id: int
    is_active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime
    roles: list[RoleGrant]


class UserRole(LoaModel, table=True):
    """A role a user holds, on one station, one unit, or (neither) on all stations."""

    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role", "station_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: Role
    station_id: int | None = Field(default=None, foreign_key="station.id", ondelete="CASCADE")
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)


class ApiTokenCreate(LoaModel):
    name: str = Field(min_length=1, max_length=100)


class ApiToken(LoaModel, table=True):
    """A Bearer token for scripts and players; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    prefix: str = Field(max_length=12)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiTokenPublic(LoaModel):
    id: int
    user_id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiTokenIssued(ApiTokenPublic):
    token: str  # shown once, at creation


class WebSession(LoaModel, table=True):
    """A logged-in browser: the cookie's SHA-256 and the form token that guards writes."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class LoginRequest(LoaModel):
    username: str = Field(min_length=1, max_length=50)
    password: str = Field(min_length=1, max_length=200)


# Devices: where they are, how they play, their token (role player, one station).
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


# Written by each heartbeat only: such updates are not changes and are not audited.
HEARTBEAT_FIELDS = frozenset(
    {"last_heartbeat_at", "reported_state", "clock_offset_s", "agent_version"}
)


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
    # The last heartbeat (server time), what the device reported, and its clock minus ours.
    last_heartbeat_at: datetime | None = None
    reported_state: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    clock_offset_s: float | None = None


class DevicePublic(DeviceBase):
    id: int
    station_id: int
    agent_version: str | None
    enabled: bool
    token_prefix: str
    token_issued_at: datetime
    created_at: datetime
    updated_at: datetime
    last_heartbeat_at: datetime | None = None
    reported_state: dict[str, Any] | None = None
    clock_offset_s: float | None = None


class DeviceIssued(DevicePublic):
    """A device with its new token, shown once (at creation and on re-issue)."""

    token: str


class HeartbeatPlaying(LoaModel):
    """What a device is playing: the session (when known) and the item's title."""

    session_id: int | None = Field(default=None, ge=1)
    title: str | None = Field(default=None, max_length=200)


class Heartbeat(LoaModel):
    """A device's heartbeat: what it plays, its volume, free disk, agent version and clock."""

    playing: HeartbeatPlaying | None = None
    volume: int = Field(ge=1, le=10)
    free_disk_mb: int = Field(ge=0)
    agent_version: str = Field(min_length=1, max_length=50)
    clock: datetime = Field(description="Giờ UTC của thiết bị (ISO 8601)")


class HeartbeatAnswer(LoaModel):
    """The server's time and when the next heartbeat is due."""

    server_time: datetime
    next_heartbeat_s: int
