"""A session's latest export and export job, and an export's MP3 on disk (or a device's copy)."""

from collections.abc import Collection, Sequence
from pathlib import Path

from sqlmodel import Session, col, select

from audio.profiles import OutputProfile
from broadcast.config import Settings
from broadcast.models import BroadcastSession, Export, Job, JobKind

EXPORT_KINDS = (JobKind.EXPORT_SESSION, JobKind.EXPORT_BUNDLE)
#: How many of a station's latest export jobs are looked through for one session's job.
SCAN_LIMIT = 500


def job_int(value: object) -> int | None:
    """An integer parameter of a job (ids are stored as JSON), None when it is not one."""
    try:
        return int(str(value))
    except ValueError:
        return None


def sessions_of_jobs(db: Session, jobs: Sequence[Job]) -> dict[int, BroadcastSession]:
    """The sessions the export jobs name, by id, in one query."""
    ids = {job_int(j.params.get("playlist_id")) for j in jobs if j.kind == JobKind.EXPORT_SESSION}
    wanted = [i for i in ids if i is not None]
    query = select(BroadcastSession).where(col(BroadcastSession.id).in_(wanted))
    return {p.id or 0: p for p in db.exec(query)}


def recent_export_jobs(
    db: Session, station_ids: Collection[int] | None, limit: int = 8
) -> list[Job]:
    """The latest export and bundle jobs of these stations (None: of every one), newest first,
    found by the jobs' station index however many stations share the database."""
    query = select(Job).where(col(Job.kind).in_(EXPORT_KINDS))
    if station_ids is not None:
        query = query.where(col(Job.station_id).in_(station_ids))
    return list(db.exec(query.order_by(col(Job.id).desc()).limit(limit)).all())


def latest_export(db: Session, playlist_id: int) -> Export | None:
    """The most recent finished export of a session."""
    query = select(Export).where(Export.playlist_id == playlist_id)
    return db.exec(query.order_by(col(Export.id).desc())).first()


def latest_export_job(db: Session, playlist_id: int) -> Job | None:
    """The most recent export job of a session (queued, running or finished), among its
    station's latest SCAN_LIMIT export jobs."""
    session = db.get(BroadcastSession, playlist_id)
    if session is None:
        return None
    query = select(Job).where(Job.kind == JobKind.EXPORT_SESSION)
    query = query.where(Job.station_id == session.station_id).order_by(col(Job.id).desc())
    for job in db.exec(query.limit(SCAN_LIMIT)):
        if job_int(job.params.get("playlist_id")) == playlist_id:
            return job
    return None


def export_mp3(settings: Settings, export: Export) -> Path:
    """The session MP3 of an export on disk."""
    return settings.data_path(export.mp3_path)


def device_variant(mp3: Path, profile: OutputProfile) -> Path:
    """Where a session MP3's copy in another profile lives (next to it)."""
    return mp3.with_name(f"{mp3.stem}.{profile.name}{profile.suffix}")


def device_mp3(settings: Settings, export: Export, profile_name: str | None) -> Path:
    """The export's MP3 for a device of this profile: its own copy when the export made one
    (e.g. the low-bandwidth profile), else the session MP3."""
    main = export_mp3(settings, export)
    try:
        profile = OutputProfile.parse(profile_name) if profile_name else None
    except ValueError:
        return main
    variant = device_variant(main, profile) if profile is not None else main
    return variant if variant.is_file() else main
