"""A ward's broadcast station, its audio settings and its session slots; the units of the
organisation tree (province → legacy district → commune/ward) stations belong to."""

from datetime import datetime, time
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import ValidationInfo, field_validator
from sqlalchemy import JSON, Column
from sqlmodel import Field

from audio.playlist import JINGLE_MODES
from audio.presets import PRESETS
from audio.profiles import OutputProfile
from broadcast.models.common import LoaModel, utcnow
from playlists.quiet import MAX_WINDOWS, parse_clock


def check_audio_settings(value: Any, info: ValidationInfo) -> Any:
    """Check a preset name, a list of profile names, or a jingle mode; None passes."""
    if value is None:
        return None
    if info.field_name == "output_profiles":
        if not value or len(value) > 6:
            raise ValueError("cần từ 1 đến 6 định dạng xuất")
        try:
            names = [OutputProfile.parse(str(name)).name for name in value]
        except ValueError as exc:
            raise ValueError(f"định dạng xuất không hợp lệ ({exc})") from exc
        return list(dict.fromkeys(names))
    known = PRESETS if info.field_name == "processing_preset" else JINGLE_MODES
    if value not in known:
        raise ValueError(f"giá trị {value!r} không có; chọn một trong: {', '.join(known)}")
    return value


def check_quiet_hours(value: Any) -> Any:
    """Up to MAX_WINDOWS windows ``{"start": "HH:MM", "end": "HH:MM"}``, ends different."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValueError("cần một danh sách khung giờ, ví dụ [{start: 22:00, end: 05:30}]")
    if len(value) > MAX_WINDOWS:
        raise ValueError(f"tối đa {MAX_WINDOWS} khung giờ yên tĩnh")
    windows = []
    for number, window in enumerate(value, start=1):
        if not isinstance(window, dict) or set(window) != {"start", "end"}:
            raise ValueError(f"khung {number}: cần giờ bắt đầu (start) và giờ kết thúc (end)")
        try:
            start, end = parse_clock(window["start"]), parse_clock(window["end"])
        except ValueError as exc:
            raise ValueError(f"khung {number}: {exc}") from exc
        if start == end:
            raise ValueError(f"khung {number}: giờ bắt đầu và giờ kết thúc phải khác nhau")
        windows.append({"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")})
    return windows


MAX_ZONES = 50  # zones with their own quiet hours, per station


def check_zone_quiet_hours(value: Any) -> Any:
    """Zone name → extra quiet windows (each list checked like the station's); None passes."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(
            "cần các khu vực với khung giờ, ví dụ {Tổ 3: [{start: 21:00, end: 06:00}]}"
        )
    if len(value) > MAX_ZONES:
        raise ValueError(f"tối đa {MAX_ZONES} khu vực có giờ yên tĩnh riêng")
    zones: dict[str, list[dict[str, str]]] = {}
    for name, windows in value.items():
        zone = str(name).strip()
        if not zone or len(zone) > 200:
            raise ValueError("tên khu vực phải có từ 1 đến 200 ký tự")
        try:
            zones[zone] = check_quiet_hours(windows if windows is not None else [])
        except ValueError as exc:
            raise ValueError(f"khu vực {zone}: {exc}") from exc
    return {zone: windows for zone, windows in zones.items() if windows}


def _quiet_hours_schema(schema: dict[str, Any]) -> None:
    """JSON Schema of the quiet hours: a short list of local clock windows."""
    clock = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}
    schema.clear()
    schema.update(
        {
            "type": "array",
            "maxItems": MAX_WINDOWS,
            "items": {
                "type": "object",
                "properties": {"start": clock, "end": clock},
                "required": ["start", "end"],
                "additionalProperties": False,
            },
            "description": "Giờ yên tĩnh: khung giờ địa phương (HH:MM, qua nửa đêm được) "
            "không phát tin thường và tin ưu tiên; tin khẩn cấp vẫn phát",
        }
    )


QUIET_HOURS = {"json_schema_extra": _quiet_hours_schema}


def _zone_quiet_hours_schema(schema: dict[str, Any]) -> None:
    """JSON Schema of per-zone quiet hours: zone name → windows like the station's."""
    windows: dict[str, Any] = {}
    _quiet_hours_schema(windows)
    windows.pop("description")
    schema.clear()
    schema.update(
        {
            "type": "object",
            "maxProperties": MAX_ZONES,
            "additionalProperties": windows,
            "description": "Giờ yên tĩnh riêng của từng khu vực (tên khu vực của thiết bị → "
            "khung giờ), thêm vào giờ yên tĩnh của đài; tin khẩn cấp vẫn phát",
        }
    )


ZONE_QUIET_HOURS = {"json_schema_extra": _zone_quiet_hours_schema}

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(value: str) -> str:
    """An IANA time zone name such as Asia/Ho_Chi_Minh."""
    if value not in _known_zones():
        raise ValueError(f"múi giờ {value!r} không có; dùng tên IANA như Asia/Ho_Chi_Minh")
    return value


class UnitKind(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"  # a legacy level (before 2025), optional between province and commune
    COMMUNE = "commune"  # a commune or a ward


STATION_UNIT_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.COMMUNE})  # a province's own station


class UnitBase(LoaModel):
    name: str = Field(min_length=1, max_length=200)
    kind: UnitKind
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    code: str | None = Field(default=None, max_length=20)  # the administrative code, if known


class UnitCreate(UnitBase):
    pass


class UnitUpdate(LoaModel):
    name: str = Field(default=None, min_length=1, max_length=200)
    parent_id: int | None = Field(default=None, ge=1)
    code: str | None = Field(default=None, max_length=20)


class Unit(UnitBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class UnitPublic(UnitBase):
    id: int


class StationBase(LoaModel):
    name: str = Field(min_length=1, max_length=200)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    locality: str = Field(default="", max_length=300)
    timezone: str = Field(default=DEFAULT_TIMEZONE, max_length=64)
    target_lufs: float = Field(default=-16.0, ge=-40.0, le=-5.0)
    true_peak_dbtp: float = Field(default=-1.5, ge=-12.0, le=0.0)
    # Audio engine (issue 4): processing preset, output profiles, jingles, music bed.
    processing_preset: str = Field(default="horn", max_length=20)
    output_profiles: list[str] = Field(
        default_factory=lambda: ["mp3-128k-mono-44100"], sa_column=Column(JSON)
    )
    trim_silence: bool = False
    jingle_asset_id: int | None = Field(default=None, foreign_key="audio_asset.id")
    jingle_mode: str = Field(default="none", max_length=10)
    bed_asset_id: int | None = Field(default=None, foreign_key="audio_asset.id")
    # Quiet hours (issue 15): [{"start": "22:00", "end": "05:30"}, …] on the local clock.
    quiet_hours: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON), schema_extra=QUIET_HOURS
    )
    # Per zone (a device's zone name): extra windows, e.g. {"Tổ 3": [{"start": "21:00", …}]}.
    zone_quiet_hours: dict[str, list[dict[str, str]]] = Field(
        default_factory=dict, sa_column=Column(JSON), schema_extra=ZONE_QUIET_HOURS
    )

    _audio = field_validator("processing_preset", "output_profiles", "jingle_mode")(
        check_audio_settings
    )


class StationCreate(StationBase):
    _timezone = field_validator("timezone")(check_timezone)
    _quiet = field_validator("quiet_hours", mode="before")(check_quiet_hours)
    _zone_quiet = field_validator("zone_quiet_hours", mode="before")(check_zone_quiet_hours)


class StationUpdate(LoaModel):
    name: str = Field(default=None, min_length=1, max_length=200)
    unit_id: int | None = Field(default=None, ge=1)
    locality: str = Field(default=None, max_length=300)
    timezone: str = Field(default=None, max_length=64)
    target_lufs: float = Field(default=None, ge=-40.0, le=-5.0)
    true_peak_dbtp: float = Field(default=None, ge=-12.0, le=0.0)
    processing_preset: str = Field(default=None, max_length=20)
    output_profiles: list[str] = Field(default=None)
    trim_silence: bool = Field(default=None)
    jingle_asset_id: int | None = None
    jingle_mode: str = Field(default=None, max_length=10)
    bed_asset_id: int | None = None
    quiet_hours: list[dict[str, str]] = Field(default=None, schema_extra=QUIET_HOURS)
    zone_quiet_hours: dict[str, list[dict[str, str]]] = Field(
        default=None, schema_extra=ZONE_QUIET_HOURS
    )

    _audio = field_validator("processing_preset", "output_profiles", "jingle_mode")(
        check_audio_settings
    )
    _quiet = field_validator("quiet_hours", mode="before")(check_quiet_hours)
    _zone_quiet = field_validator("zone_quiet_hours", mode="before")(check_zone_quiet_hours)
    _timezone = field_validator("timezone")(check_timezone)


class Station(StationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class StationPublic(StationBase):
    id: int


def _check_weekdays(value: list[int] | None) -> list[int] | None:
    if value is None:
        return None
    if not value or any(day < 0 or day > 6 for day in value):
        raise ValueError("cần ít nhất một ngày phát, mỗi ngày từ 0 (Thứ Hai) đến 6 (Chủ nhật)")
    return sorted(set(value))


def _local_clock_schema(schema: dict[str, Any]) -> None:
    """A wall-clock time of the station: JSON Schema's "time" format would demand an offset."""
    schema.pop("format", None)
    schema["pattern"] = r"^\d\d:\d\d(:\d\d(\.\d+)?)?$"
    schema["description"] = "Giờ địa phương của đài, HH:MM hoặc HH:MM:SS, không ghi múi giờ"


def _check_local_clock(value: time | None) -> time | None:
    if value is not None and value.tzinfo is not None:
        raise ValueError("ghi giờ địa phương của đài, không kèm múi giờ")
    return value


LOCAL_CLOCK = {"json_schema_extra": _local_clock_schema}


class SessionSlotBase(LoaModel):
    station_id: int = Field(foreign_key="station.id", index=True)
    name: str = Field(min_length=1, max_length=100)
    start: time = Field(schema_extra=LOCAL_CLOCK)
    weekdays: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4], sa_column=Column(JSON))
    max_seconds: int = Field(default=900, ge=60, le=4 * 3600)


class SessionSlotCreate(SessionSlotBase):
    _weekdays = field_validator("weekdays")(_check_weekdays)
    _start = field_validator("start")(_check_local_clock)


class SessionSlotUpdate(LoaModel):
    name: str = Field(default=None, min_length=1, max_length=100)
    start: time = Field(default=None, schema_extra=LOCAL_CLOCK)
    weekdays: list[int] = Field(default=None)
    max_seconds: int = Field(default=None, ge=60, le=4 * 3600)

    _weekdays = field_validator("weekdays")(_check_weekdays)
    _start = field_validator("start")(_check_local_clock)


class SessionSlot(SessionSlotBase, table=True):
    __tablename__ = "session_slot"

    id: int | None = Field(default=None, primary_key=True)


class SessionSlotPublic(SessionSlotBase):
    id: int


def local_now(station: Station, now: datetime) -> datetime:
    """``now`` (aware) as the station's naive local time."""
    try:
        zone = ZoneInfo(station.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    return now.astimezone(zone).replace(tzinfo=None)
