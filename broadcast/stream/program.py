"""What a station's stream plays and where it is heard: airings from the schedule, URLs, status."""

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import BaseModel
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.devices import DEFAULT_DAYS, player_schedule, station_export_mp3
from broadcast.errors import NotFound
from broadcast.stream.feeder import Airing, FeederStatus

HLS_PLAYLIST = "index.m3u8"
HLS_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}\.(m3u8|ts)$")  # what the HLS encoder writes
HLS_TYPES = {"m3u8": "application/vnd.apple.mpegurl", "ts": "video/mp2t"}


class NowPlaying(BaseModel):
    """What the stream carries now."""

    kind: str  # "session", "alert" or "live"
    title: str
    session_id: int | None = None


class StreamInfo(BaseModel):
    """A station's live stream as listeners see it."""

    enabled: bool
    icecast_url: str | None
    hls_url: str | None
    on_air: bool
    now_playing: NowPlaying | None = None


def mount(settings: Settings, station_id: int) -> str:
    """The station's Icecast mount, e.g. /station-1.mp3."""
    return settings.stream_mount.format(station_id=station_id)


def source_url(settings: Settings, station_id: int) -> str:
    """Where the encoder PUTs the station's MP3 (with the source credentials)."""
    parts = urlsplit((settings.stream_icecast_url or "").rstrip("/"))
    netloc = f"source:{quote(settings.stream_source_password, safe='')}@{parts.netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path + mount(settings, station_id), "", ""))


def listen_url(settings: Settings, station_id: int) -> str | None:
    """The public listen URL of the station's mount (None when streams are off)."""
    base = settings.stream_public_url or settings.stream_icecast_url
    return f"{base.rstrip('/')}{mount(settings, station_id)}" if base else None


def hls_url(station_id: int) -> str:
    """Where Loa serves the station's HLS playlist."""
    return f"/stations/{station_id}/stream/hls/{HLS_PLAYLIST}"


def hls_folder(settings: Settings, station_id: int) -> Path:
    """Where the station's HLS encoder writes its playlist and segments."""
    return settings.hls_dir / f"station-{station_id}"


def hls_file(settings: Settings, station_id: int, name: str) -> tuple[bytes, str]:
    """Content and media type of one HLS file of the station (NotFound when gone or unsafe)."""
    if not HLS_NAME.fullmatch(name):
        raise NotFound("Tệp HLS", name)
    try:  # read at once: the encoder deletes old segments as it goes
        content = (hls_folder(settings, station_id) / name).read_bytes()
    except OSError:
        raise NotFound("Tệp HLS", name) from None
    return content, HLS_TYPES[name.rsplit(".", 1)[1]]


def station_airings(
    db: Session, settings: Settings, station_id: int, now: datetime
) -> list[Airing]:
    """The station's ready sessions (exported, file present) as airings at their start times."""
    schedule = player_schedule(db, settings, station_id, DEFAULT_DAYS, now)
    airings = []
    for session in schedule.sessions:
        if not session.ready or session.file is None:
            continue
        start = datetime.strptime(session.start_utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        airings.append(
            Airing(
                key=f"session-{session.session_id}-{session.file.export_id}",
                start=start,
                path=station_export_mp3(db, settings, station_id, session.file.export_id),
                duration_s=session.file.duration_s,
                title=session.slot_name,
                session_id=session.session_id,
            )
        )
    return airings


def _scheduled_now(airings: list[Airing], now: datetime) -> NowPlaying | None:
    running = [a for a in airings if a.start <= now < a.end]
    if not running:
        return None
    last = max(running, key=lambda a: a.start)
    return NowPlaying(kind="session", title=last.title, session_id=last.session_id)


def stream_info(
    db: Session, settings: Settings, station_id: int, now: datetime, live: FeederStatus | None
) -> StreamInfo:
    """The stream of a station: URLs and what it carries (live state, else from the schedule)."""
    if not settings.stream_icecast_url:
        return StreamInfo(enabled=False, icecast_url=None, hls_url=None, on_air=False)
    if live is not None:
        playing = (
            NowPlaying(
                kind=live.kind or "session", title=live.title or "", session_id=live.session_id
            )
            if live.on_air
            else None
        )
    else:
        playing = _scheduled_now(station_airings(db, settings, station_id, now), now)
    return StreamInfo(
        enabled=True,
        icecast_url=listen_url(settings, station_id),
        hls_url=hls_url(station_id) if settings.stream_hls else None,
        on_air=playing is not None,
        now_playing=playing,
    )
