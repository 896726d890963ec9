"""Waveform pictures of audio assets, of a segment's audio and of a whole session.

Each picture is described first (its ETag comes from content hashes and the session's items,
without decoding anything), then drawn on demand; the web layer turns it into SVG. Envelopes
are cached under ``data_dir/waveforms``, keyed by the asset's content hash, so a picture
decodes its audio once.
"""

import hashlib
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from sqlmodel import Session, col, select

from audio.errors import AudioError
from audio.waveform import Envelope, Part, Picture, asset_picture, cached_envelope
from audio.waveform import session_picture as build_session_picture
from broadcast import crud
from broadcast.config import Settings
from broadcast.errors import Conflict, NotFound
from broadcast.exports.history import export_mp3
from broadcast.exports.service import export_file
from broadcast.media import asset_file
from broadcast.models import (
    AudioAsset,
    BroadcastSession,
    Export,
    Segment,
    SessionSlot,
    SessionStatus,
)
from broadcast.programming import session_items
from broadcast.segments import segment_duration

RENDER_VERSION: Final = 1  # part of every ETag: bump when the pictures change
MAX_MANIFEST_BYTES: Final = 4 * 1024 * 1024
Source = Literal["auto", "items"]


@dataclass(frozen=True)
class Waveform:
    """A picture ready to render: its ETag (known before decoding) and how to draw it."""

    etag: str
    title: str
    picture: Callable[[], Picture]


def _etag(*parts: object) -> str:
    """A strong ETag from the given values (JSON-serialised, hashed)."""
    text = json.dumps([RENDER_VERSION, *parts], ensure_ascii=False, default=str)
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + '"'


def asset_envelope(settings: Settings, asset: AudioAsset) -> Envelope:
    """The envelope of an asset's file (cached); NotFound/Conflict when missing or broken."""
    path = asset_file(settings, asset)
    try:
        return cached_envelope(path, settings.waveforms_dir, key=asset.content_hash)
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise NotFound("Tệp âm thanh", asset.id) from exc
    except AudioError as exc:
        raise Conflict(
            f"không vẽ được dạng sóng của tệp âm thanh {asset.id}: tệp hỏng", code="audio.damaged"
        ) from exc


def asset_waveform(
    db: Session, settings: Settings, asset_id: int, width: int, title: str | None = None
) -> Waveform:
    """The picture of one stored audio asset, ``width`` buckets wide."""
    asset = crud.get_or_raise(db, AudioAsset, asset_id)
    name = title or f"Dạng sóng tệp âm thanh {asset.original_name or asset.id}"

    def picture() -> Picture:
        return asset_picture(asset_envelope(settings, asset), width)

    return Waveform(_etag("asset", asset.content_hash, width, name), name, picture)


def segment_waveform(db: Session, settings: Settings, segment_id: int, width: int) -> Waveform:
    """The picture of a segment's current audio (upload, else synthesised speech)."""
    segment = crud.get_or_raise(db, Segment, segment_id)
    asset_id = segment.audio_asset_id or segment.speech_asset_id
    if asset_id is None:
        raise NotFound("Âm thanh của chuyên mục", segment_id)
    title = f"Dạng sóng chuyên mục {segment.id}: {segment.title}"
    return asset_waveform(db, settings, asset_id, width, title)


@dataclass(frozen=True)
class _Item:
    label: str
    duration_s: float
    asset: AudioAsset | None


def _items(db: Session, session: BroadcastSession) -> list[_Item]:
    """Each item's label, its audio asset (if any yet) and its length."""
    out = []
    for number, item in enumerate(session_items(db, session), start=1):
        segment = crud.get_or_raise(db, Segment, item.segment_id)
        asset_id = segment.audio_asset_id or segment.speech_asset_id
        asset = db.get(AudioAsset, asset_id) if asset_id is not None else None
        duration = segment_duration(db, segment) or item.duration_s
        out.append(_Item(f"{number}. {segment.title}", duration, asset))
    return out


def _item_part(settings: Settings, item: _Item) -> Part:
    """The item's envelope, or a flat placeholder of its length while it has no usable audio."""
    if item.asset is not None:
        try:
            return Part(item.asset.duration_s, asset_envelope(settings, item.asset), item.label)
        except (NotFound, Conflict):
            pass
    return Part(item.duration_s, None, item.label)


@dataclass(frozen=True)
class _Exported:
    mp3: Path
    sha256: str | None
    markers: tuple[tuple[float, str], ...]


def _manifest(zip_path: Path) -> dict[str, Any] | None:
    """The manifest.json of an export bundle, or None when it cannot be read."""
    try:
        with zipfile.ZipFile(zip_path) as zf:
            info = zf.getinfo("manifest.json")
            if info.file_size > MAX_MANIFEST_BYTES:
                return None
            data = json.loads(zf.read(info).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    return data if isinstance(data, dict) else None


def _exported(db: Session, settings: Settings, session: BroadcastSession) -> _Exported | None:
    """The MP3 of the session's latest export, when it matches the session's current playlist."""
    if session.status != SessionStatus.EXPORTED:
        return None
    export = db.exec(
        select(Export).where(Export.playlist_id == session.id).order_by(col(Export.id).desc())
    ).first()
    if export is None:
        return None
    mp3 = export_mp3(settings, export)
    if not mp3.is_file():
        return None
    manifest = _manifest(export_file(settings, export)) or {}
    sha = (manifest.get("session") or {}).get("sha256")
    markers = tuple(
        (float(it["offset_s"]), f"{it.get('position', '')}. {it.get('title', '')}")
        for it in manifest.get("items") or ()
        if isinstance(it, dict) and isinstance(it.get("offset_s"), int | float)
    )
    return _Exported(mp3, sha if isinstance(sha, str) else None, markers)


def _title(db: Session, session: BroadcastSession) -> str:
    slot = crud.get_or_raise(db, SessionSlot, session.slot_id)
    return f"Dạng sóng buổi phát {slot.start:%H:%M} ngày {session.day:%d/%m/%Y}"


def _export_picture(settings: Settings, exported: _Exported, width: int) -> Picture:
    try:
        envelope = cached_envelope(exported.mp3, settings.waveforms_dir, key=exported.sha256)
    except AudioError as exc:
        raise Conflict(
            "không vẽ được dạng sóng của tệp buổi phát đã xuất: tệp hỏng", code="audio.damaged"
        ) from exc
    return asset_picture(envelope, width, exported.markers)


def session_waveform(
    db: Session, settings: Settings, playlist_id: int, width: int, source: Source = "auto"
) -> Waveform:
    """The picture of a session: its exported MP3 when current, else its items end to end."""
    session = crud.get_or_raise(db, BroadcastSession, playlist_id)
    title = _title(db, session)
    exported = _exported(db, settings, session) if source == "auto" else None
    if exported is not None:
        stamp = exported.sha256 or [str(exported.mp3), exported.mp3.stat().st_mtime_ns]
        return Waveform(
            _etag("export", stamp, exported.markers, width, title),
            title,
            lambda: _export_picture(settings, exported, width),
        )
    items = _items(db, session)
    gap = settings.gap_seconds
    keys = [
        [i.label, i.asset.content_hash if i.asset else None, round(i.duration_s, 3)] for i in items
    ]

    def picture() -> Picture:
        parts: Sequence[Part] = [_item_part(settings, item) for item in items]
        return build_session_picture(parts, width, gap)

    return Waveform(_etag("items", keys, gap, width, title), title, picture)
