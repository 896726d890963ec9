"""What a player plays: its station's sessions of the coming days with their exported files.

A normal or priority session inside the quiet hours of the device's zone (or of its station)
is listed not ready (reason ``quiet_hours``); a session holding an emergency bulletin plays.
"""

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel
from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.config import Settings
from broadcast.errors import NotFound
from broadcast.exports import device_mp3, latest_export
from broadcast.models import (
    BroadcastSession,
    Export,
    Segment,
    SessionSlot,
    SessionStatus,
    Station,
)
from broadcast.models.station import DEFAULT_TIMEZONE
from broadcast.programming import list_sessions, session_public
from broadcast.quiet_hours import zone_windows
from playlists.quiet import QuietWindow, quiet_window_hit
from playlists.rules import CLASS_RANK
from playlists.types import BulletinClass

DEFAULT_DAYS, MAX_DAYS = 2, 14
NOT_EXPORTED, EXPORT_OUTDATED, FILE_MISSING = "not_exported", "export_outdated", "file_missing"
QUIET_HOURS = "quiet_hours"
REASONS = {
    NOT_EXPORTED: "buổi phát chưa được xuất âm thanh",
    EXPORT_OUTDATED: "buổi phát đã sửa sau lần xuất gần nhất: cần xuất lại",
    FILE_MISSING: "không tìm thấy tệp âm thanh của lần xuất",
    QUIET_HOURS: "buổi phát rơi vào giờ yên tĩnh của đài hoặc của khu vực thiết bị: "
    "không phát tin thường và tin ưu tiên",
}


class PlayerItem(BaseModel):
    """One item of a session, in airing order."""

    position: int
    title: str
    kind: str
    bulletin_class: BulletinClass
    start_offset_s: float
    duration_s: float


class PlayerFile(BaseModel):
    """The session's exported MP3: where to download it and how to check it."""

    export_id: int
    url: str
    size: int
    sha256: str
    duration_s: float


class PlayerSession(BaseModel):
    """One session of the schedule; `ready` False (with a reason) when it has no current file."""

    session_id: int
    day: date
    slot_name: str
    start_local: str
    start_utc: str
    priority: BulletinClass
    total_s: float
    ready: bool
    reason: str | None = None
    reason_text: str | None = None
    items: list[PlayerItem]
    file: PlayerFile | None = None


class PlayerSchedule(BaseModel):
    """A device's schedule; `version` changes whenever anything in it changes."""

    station_id: int
    timezone: str
    start: date
    end: date
    version: str
    sessions: list[PlayerSession]


def station_zone(station: Station) -> ZoneInfo:
    """The station's time zone (the default one when its name is unknown)."""
    try:
        return ZoneInfo(station.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


@lru_cache(maxsize=512)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """sha256 of a file, remembered while its size and modification time stay the same."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 (hex) of a file on disk."""
    stat = path.stat()
    return _digest(str(path), stat.st_size, stat.st_mtime_ns)


def player_file(
    settings: Settings, export: Export, profile: str | None = None
) -> PlayerFile | None:
    """The download description of an export's MP3; None when the file is gone."""
    path = device_mp3(settings, export, profile)
    if not path.is_file():
        return None
    return PlayerFile(
        export_id=export.id or 0,
        url=f"/player/v1/files/{export.id}",
        size=path.stat().st_size,
        sha256=file_sha256(path),
        duration_s=export.duration_s,
    )


def _priority(classes: list[BulletinClass]) -> BulletinClass:
    return min(classes, key=CLASS_RANK.__getitem__, default=BulletinClass.NORMAL)


def _quiet(
    slot: SessionSlot, total_s: float, priority: BulletinClass, windows: list[QuietWindow]
) -> QuietWindow | None:
    """The quiet window a normal or priority session airs inside (emergencies play anyway)."""
    if priority is BulletinClass.EMERGENCY:
        return None
    return quiet_window_hit(slot.start, total_s or float(slot.max_seconds), windows)


def _session(
    db: Session,
    settings: Settings,
    session: BroadcastSession,
    zone: ZoneInfo,
    windows: list[QuietWindow],
    profile: str | None = None,
) -> PlayerSession:
    public = session_public(db, session)
    slot = crud.get_or_raise(db, SessionSlot, session.slot_id)
    ids = [item.segment_id for item in public.items]
    segments = {s.id: s for s in db.exec(select(Segment).where(col(Segment.id).in_(ids)))}
    items = [
        PlayerItem(
            position=item.position,
            title=item.title,
            kind=item.kind,
            bulletin_class=segments[item.segment_id].bulletin_class,
            start_offset_s=item.start_offset_s,
            duration_s=item.duration_s,
        )
        for item in public.items
    ]
    start = datetime.combine(session.day, slot.start, tzinfo=zone)
    export = latest_export(db, session.id or 0)
    file = player_file(settings, export, profile) if export is not None else None
    priority = _priority([item.bulletin_class for item in items])
    quiet = _quiet(slot, session.total_s, priority, windows)
    reason = None
    if quiet is not None:
        reason = QUIET_HOURS
    elif export is None:
        reason = NOT_EXPORTED
    elif session.status != SessionStatus.EXPORTED:
        reason = EXPORT_OUTDATED
    elif file is None:
        reason = FILE_MISSING
    return PlayerSession(
        session_id=session.id or 0,
        day=session.day,
        slot_name=slot.name,
        start_local=start.replace(tzinfo=None).isoformat(timespec="seconds"),
        start_utc=start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        priority=priority,
        total_s=session.total_s,
        ready=reason is None,
        reason=reason,
        reason_text=f"{REASONS[QUIET_HOURS]} ({quiet.label()})"
        if quiet
        else REASONS.get(reason or ""),
        items=items,
        file=file if reason is None else None,
    )


def schedule_version(sessions: list[PlayerSession]) -> str:
    """A hash of everything a player acts on: it changes when any session, item or file does."""
    content = json.dumps([s.model_dump(mode="json") for s in sessions], sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()[:32]


def player_schedule(
    db: Session,
    settings: Settings,
    station_id: int,
    days: int,
    now: datetime,
    start: date | None = None,
    zone_name: str = "",
    profile: str | None = None,
) -> PlayerSchedule:
    """The station's sessions over `days` days from `start` (default: its local today), for a
    device in ``zone_name`` (its quiet hours apply) taking files in ``profile`` (its own copy
    when the export made one)."""
    station = crud.get_or_raise(db, Station, station_id)
    windows = zone_windows(station, zone_name)
    zone = station_zone(station)
    start = start or now.astimezone(zone).date()
    end = start + timedelta(days=days - 1)
    rows = sorted(
        list_sessions(db, station_id, start, end),
        key=lambda s: (s.day, crud.get_or_raise(db, SessionSlot, s.slot_id).start, s.id or 0),
    )
    sessions = [_session(db, settings, row, zone, windows, profile) for row in rows]
    return PlayerSchedule(
        station_id=station_id,
        timezone=zone.key,
        start=start,
        end=end,
        version=schedule_version(sessions),
        sessions=sessions,
    )


def station_export_mp3(
    db: Session, settings: Settings, station_id: int, export_id: int, profile: str | None = None
) -> Path:
    """The MP3 of an export of this station (NotFound for another station's or a gone file)."""
    export = db.get(Export, export_id)
    session = db.get(BroadcastSession, export.playlist_id) if export is not None else None
    path = device_mp3(settings, export, profile) if export is not None else None
    if session is None or session.station_id != station_id or path is None or not path.is_file():
        raise NotFound("Tệp", export_id)
    return path
