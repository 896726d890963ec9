"""Export of a session: audio for every item of its playlist, one session MP3 and a ZIP bundle."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from audio.bulletin import encode_copy
from audio.bundle import write_bundle
from audio.loudness import LoudnessTarget
from audio.playlist import JingleMode, with_jingles
from audio.presets import ProcessingPreset, get_preset
from audio.render import AudioItem, OutputProfile, RenderedSession, render_session
from broadcast import crud
from broadcast.config import Settings
from broadcast.errors import Conflict
from broadcast.exports.history import device_variant
from broadcast.media import asset_file, segment_audio
from broadcast.models import (
    AudioAsset,
    BroadcastSession,
    Campaign,
    Device,
    Export,
    ExportPublic,
    Segment,
    SegmentTopicLink,
    SessionStatus,
    Station,
)
from broadcast.programming import generate_session, session_items, station_slot
from broadcast.segments import is_cleared_to_air

Progress = Callable[[float, str], None]
MAX_REPLANS = 3


def _no_progress(_fraction: float, _message: str) -> None:
    return None


def export_stem(day: date, start_hhmm: str) -> str:
    """File name stem of a session's export, e.g. 2020-10-05-0630."""
    return f"{day.isoformat()}-{start_hhmm.replace(':', '')}"


def _asset_path(db: Session, settings: Settings, asset_id: int | None) -> Path | None:
    """The file of a station's jingle or bed asset, if it has one."""
    if asset_id is None:
        return None
    return asset_file(settings, crud.get_or_raise(db, AudioAsset, asset_id))


def _topic(db: Session, segment_id: int | None) -> str | None:
    link = db.exec(
        select(SegmentTopicLink)
        .where(SegmentTopicLink.segment_id == segment_id)
        .order_by(col(SegmentTopicLink.topic_id))
    ).first()
    return str(link.topic_id) if link else None


def _collect_audio(
    db: Session, settings: Settings, session: BroadcastSession, progress: Progress
) -> tuple[list[AudioItem], int, float]:
    """Audio of every item; returns the programme, the number synthesised and its length."""
    items = session_items(db, session)
    if not items:
        raise Conflict(
            f"danh sách phát {session.id} không có mục nào để xuất", code="session.empty"
        )
    station = crud.get_or_raise(db, Station, session.station_id)
    bed = _asset_path(db, settings, station.bed_asset_id)
    playlist, synthesized, total = [], 0, 0.0
    for index, item in enumerate(items):
        segment = crud.get_or_raise(db, Segment, item.segment_id)
        if not is_cleared_to_air(db, segment):
            raise Conflict(
                f"chuyên mục {segment.id} '{segment.title}' chưa được duyệt",
                code="segment.not_cleared",
            )
        asset, made = segment_audio(db, settings, segment)
        synthesized += int(made)
        total += asset.duration_s
        playlist.append(
            AudioItem(
                source=asset_file(settings, asset),
                title=segment.title,
                ref=f"segment-{segment.id}",
                bed=bed if segment.with_bed else None,
                topic=_topic(db, segment.id),
            )
        )
        progress(0.25 * (index + 1) / len(items), f"Chuẩn bị âm thanh {index + 1}/{len(items)}")
    return playlist, synthesized, total


def _prepare(
    db: Session, settings: Settings, session: BroadcastSession, progress: Progress
) -> tuple[list[AudioItem], int]:
    """Audio of the playlist; re-plans when real speech is longer than its estimate."""
    _station, slot = station_slot(db, session.station_id, session.slot_id)
    synthesized_total = 0
    for _attempt in range(MAX_REPLANS):
        playlist, synthesized, total = _collect_audio(db, settings, session, progress)
        synthesized_total += synthesized
        length = total + settings.gap_seconds * (len(playlist) - 1)
        if length <= slot.max_seconds:
            return playlist, synthesized_total
        session = generate_session(  # in quiet hours: emergencies only, never refused
            db,
            session.station_id,
            session.day,
            session.slot_id,
            settings.gap_seconds,
            emergency=True,
        )[0]
    raise Conflict(
        f"không xếp được danh sách phát {session.id} vừa khung giờ", code="session.over_slot"
    )


@dataclass(frozen=True)
class ExportPlan:
    """Everything a render needs, gathered in a short transaction."""

    playlist_id: int
    playlist: tuple[AudioItem, ...]
    synthesized: int
    target: LoudnessTarget
    target_dir: Path
    stem: str
    meta: dict[str, Any]
    preset: ProcessingPreset | None = None
    profiles: tuple[OutputProfile, ...] = (OutputProfile(),)
    # Other MP3 profiles the station's devices take (the low-bandwidth one for 3G receivers).
    device_profiles: tuple[OutputProfile, ...] = ()


def _device_profiles(db: Session, station_id: int, own: OutputProfile) -> list[OutputProfile]:
    """The MP3 profiles of the station's enabled devices other than the export's own."""
    query = select(Device.output_profile).where(
        Device.station_id == station_id, col(Device.enabled)
    )
    names = sorted(set(db.exec(query)) - {own.name})
    profiles = [OutputProfile.parse(name) for name in names]
    return [profile for profile in profiles if profile.codec == "mp3"]


def station_preset(station: Station) -> ProcessingPreset:
    """The station's chain; its own loudness target wins once changed from the defaults."""
    preset = get_preset(station.processing_preset)
    target = LoudnessTarget(station.target_lufs, station.true_peak_dbtp)
    return preset if target == LoudnessTarget() else preset.with_target(target)


def station_playlist(
    db: Session, settings: Settings, station: Station, playlist: list[AudioItem]
) -> list[AudioItem]:
    """The programme with the station's jingles inserted (none / every item / between topics)."""
    jingle = _asset_path(db, settings, station.jingle_asset_id)
    mode: JingleMode = station.jingle_mode  # type: ignore[assignment]
    return with_jingles(playlist, jingle, mode, gap_s=min(settings.gap_seconds, 0.5))


def prepare_export(
    db: Session,
    settings: Settings,
    playlist_id: int,
    *,
    out_dir: Path | None = None,
    progress: Progress = _no_progress,
) -> ExportPlan:
    """Check the playlist, make sure every item has audio, and describe the render."""
    session = crud.get_or_raise(db, BroadcastSession, playlist_id)
    station, slot = station_slot(db, session.station_id, session.slot_id)
    playlist, synthesized = _prepare(db, settings, session, progress)
    stem = export_stem(session.day, slot.start.strftime("%H:%M"))
    default_dir = settings.exports_dir / f"station-{station.id}" / session.day.isoformat()
    campaign = db.exec(
        select(Campaign).where(Campaign.station_id == station.id).order_by(col(Campaign.id))
    ).first()
    meta: dict[str, Any] = {
        "station": station.name,
        "locality": station.locality,
        "campaign": campaign.title if campaign else "",
        "date": session.day.isoformat(),
        "slot": slot.name,
        "start": slot.start.strftime("%H:%M"),
        "session_name": f"{stem}.mp3",
        "target_lufs": station.target_lufs,
    }
    preset = station_preset(station)
    meta["preset"] = preset.name
    own = station_export_profile(station)
    return ExportPlan(
        playlist_id=playlist_id,
        playlist=tuple(station_playlist(db, settings, station, playlist)),
        synthesized=synthesized,
        target=preset.target,
        target_dir=out_dir or default_dir,
        stem=stem,
        meta=meta,
        preset=preset,
        profiles=tuple(OutputProfile.parse(name) for name in station.output_profiles),
        device_profiles=tuple(_device_profiles(db, station.id or 0, own)),
    )


def export_profile(plan: ExportPlan) -> OutputProfile:
    """The profile of a session's own export: the station's first MP3 profile (or the default)."""
    return next((p for p in plan.profiles if p.codec == "mp3"), OutputProfile())


def station_export_profile(station: Station) -> OutputProfile:
    """The profile of the station's session exports (its first MP3 profile, or the default)."""
    profiles = [OutputProfile.parse(name) for name in station.output_profiles]
    return next((p for p in profiles if p.codec == "mp3"), OutputProfile())


def render_export(
    settings: Settings, plan: ExportPlan, progress: Progress = _no_progress
) -> tuple[RenderedSession, Path]:
    """Render the session MP3 and its ZIP bundle; touches no database."""
    plan.target_dir.mkdir(parents=True, exist_ok=True)
    rendered = render_session(
        plan.playlist,
        plan.target_dir / f"{plan.stem}.mp3",
        work_dir=settings.work_dir,
        target=plan.target,
        preset=plan.preset or get_preset("horn"),
        profile=export_profile(plan),
        gap_s=settings.gap_seconds,
        progress=lambda fraction, message: progress(0.25 + 0.65 * fraction, message),
        max_workers=settings.render_threads or None,
    )
    for profile in plan.device_profiles:
        encode_copy(rendered.path, device_variant(rendered.path, profile), profile)
    progress(0.92, "Đóng gói tệp ZIP")
    zip_path = write_bundle(rendered, plan.target_dir / f"{plan.stem}.zip", meta=plan.meta)
    return rendered, zip_path


def record_export(
    db: Session,
    settings: Settings,
    plan: ExportPlan,
    rendered: RenderedSession,
    zip_path: Path,
    job_id: int | None = None,
) -> Export:
    """Store the finished export and mark the session exported."""
    session = crud.get_or_raise(db, BroadcastSession, plan.playlist_id)
    export = Export(
        playlist_id=plan.playlist_id,
        job_id=job_id,
        zip_path=settings.stored_path(zip_path),
        mp3_path=settings.stored_path(rendered.path),
        duration_s=round(rendered.duration_s, 3),
        integrated_lufs=round(rendered.integrated_lufs, 2),
        true_peak_dbtp=round(rendered.true_peak_dbtp, 2),
        synthesized=plan.synthesized,
    )
    db.add(export)
    session.status = SessionStatus.EXPORTED
    db.add(session)
    crud.flush(db)
    return export


def export_file(settings: Settings, export: Export) -> Path:
    """The ZIP of an export on disk."""
    return settings.data_path(export.zip_path)


def export_public(export: Export) -> ExportPublic:
    """The API view of an export."""
    return ExportPublic.model_validate(
        export, update={"download_url": f"/exports/{export.id}/download"}
    )
