"""Player bundles: every session of a station over a day or a week, in one or more profiles.

Three steps like a session export: ``prepare_bundle`` (short transaction: sessions, audio of
every item), ``render_bundle`` (no database: each session rendered per profile, cached items
joined, one ZIP), and the job handler records nothing but its result (the ZIP path).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from audio.player_bundle import BundleSession, write_player_bundle
from audio.presets import get_preset
from audio.profiles import OutputProfile
from audio.render import render_session
from broadcast import crud
from broadcast.access import JOB
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.errors import Conflict, InvalidInput
from broadcast.exports.service import ExportPlan, prepare_export
from broadcast.models import BroadcastSession, Job, SessionSlot, Station

Progress = Callable[[float, str], None]
MAX_DAYS = 7


@dataclass(frozen=True)
class BundlePlan:
    """What a bundle render needs, gathered in one short transaction."""

    station_id: int
    start: date
    end: date
    profiles: tuple[OutputProfile, ...]
    sessions: tuple[tuple[ExportPlan, str], ...]  # (export plan, slot name)
    out_zip: Path
    meta: dict[str, Any]


def check_bundle_range(start: date, end: date) -> None:
    """A bundle covers 1 to 7 days."""
    if end < start:
        raise InvalidInput("to", "ngày kết thúc phải sau hoặc bằng ngày bắt đầu")
    if end - start >= timedelta(days=MAX_DAYS):
        raise InvalidInput("to", f"một gói chỉ chứa tối đa {MAX_DAYS} ngày")


def parse_profiles(names: list[str] | None, station: Station) -> tuple[OutputProfile, ...]:
    """The requested profiles (default: the station's); InvalidInput names a bad one."""
    chosen = names or station.output_profiles
    if not chosen or len(chosen) > 6:
        raise InvalidInput("profiles", "cần từ 1 đến 6 định dạng đầu ra")
    try:
        return tuple(dict.fromkeys(OutputProfile.parse(name) for name in chosen))
    except ValueError:
        raise InvalidInput("profiles", f"định dạng không hợp lệ: {', '.join(chosen)}") from None


def prepare_bundle(
    db: Session,
    settings: Settings,
    station_id: int,
    start: date,
    end: date,
    profiles: list[str] | None = None,
) -> BundlePlan:
    """Check the request and prepare every session of the station between start and end."""
    check_bundle_range(start, end)
    station = crud.get_or_raise(db, Station, station_id)
    chosen = parse_profiles(profiles, station)
    sessions = db.exec(
        select(BroadcastSession)
        .where(
            BroadcastSession.station_id == station_id,
            BroadcastSession.day >= start,
            BroadcastSession.day <= end,
        )
        .order_by(col(BroadcastSession.day), col(BroadcastSession.slot_id))
    ).all()
    if not sessions:
        raise Conflict(
            f"không có danh sách phát nào từ {start} đến {end}: hãy lập lịch trước",
            code="bundle.no_sessions",
        )
    plans = []
    for session in sessions:
        assert session.id is not None
        slot = crud.get_or_raise(db, SessionSlot, session.slot_id)
        plans.append((prepare_export(db, settings, session.id), slot.name))
    folder = settings.exports_dir / f"station-{station_id}" / f"goi-{start}-{end}"
    meta = {
        "station": station.name,
        "locality": station.locality,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "campaign": plans[0][0].meta.get("campaign", ""),
    }
    return BundlePlan(
        station_id, start, end, chosen, tuple(plans), folder.with_suffix(".zip"), meta
    )


def render_bundle(settings: Settings, plan: BundlePlan, progress: Progress) -> Path:
    """Render each session in each profile (cached items joined) and write the ZIP."""
    folder = plan.out_zip.with_suffix("")
    sessions, total = [], len(plan.sessions) * len(plan.profiles)
    done = 0
    for export, slot in plan.sessions:
        renders = {}
        for profile in plan.profiles:
            out = folder / f"{export.stem}-{profile.name}{profile.suffix}"
            renders[profile.name] = render_session(
                export.playlist,
                out,
                work_dir=settings.work_dir,
                target=export.target,
                preset=export.preset or get_preset("horn"),
                profile=profile,
                gap_s=settings.gap_seconds,
                max_workers=settings.render_threads or None,
            )
            done += 1
            progress(0.1 + 0.8 * done / total, f"Đã dựng {done}/{total} buổi phát")
        day = date.fromisoformat(str(export.meta["date"]))
        ids = {"playlist_id": export.playlist_id}
        sessions.append(BundleSession(day, str(export.meta["start"]), slot, renders, ids))
    progress(0.92, "Đóng gói tệp ZIP")
    names = [profile.name for profile in plan.profiles]
    return write_player_bundle(sessions, plan.out_zip, profiles=names, meta=plan.meta)


def run_bundle_job(engine: Engine, settings: Settings, job: Job, progress: Progress) -> dict:  # type: ignore[type-arg]
    """Job handler: prepare in a transaction, render without the database, report the ZIP."""
    params = job.params
    with transaction(engine, JOB) as db:
        plan = prepare_bundle(
            db,
            settings,
            int(params["station_id"]),
            date.fromisoformat(params["from"]),
            date.fromisoformat(params["to"]),
            params.get("profiles"),
        )
    progress(0.1, "Đã chuẩn bị âm thanh")
    zip_path = render_bundle(settings, plan, progress)
    return {
        "zip_path": settings.stored_path(zip_path),
        "download_url": f"/exports/bundle/{job.id}/download",
        "sessions": len(plan.sessions),
        "profiles": [p.name for p in plan.profiles],
    }
