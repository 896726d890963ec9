"""Running queued jobs: the handler of each kind, progress and outcome."""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, or_, update

from audio.render import RenderedSession
from broadcast import crud
from broadcast.access import JOB
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.errors import LoaError
from broadcast.exports import (
    premeasure_asset,
    prepare_export,
    record_export,
    render_export,
    run_bundle_job,
)
from broadcast.jobs.leases import LeaseKeeper, lease_end
from broadcast.jobs.queue import claim_next, worker_id
from broadcast.media import ensure_speech, run_preview_job
from broadcast.models import Job, JobKind, JobStatus, Segment, Station
from broadcast.models.common import utcnow
from broadcast.scheduler import run_once

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
UNEXPECTED = "internal_error"  # error code of a job stopped by an unexpected exception
Handler = Callable[[Engine, Settings, Job, Progress], dict[str, Any]]


def _render_segment(
    engine: Engine, settings: Settings, job: Job, progress: Progress
) -> dict[str, Any]:
    with transaction(engine, JOB) as db:
        segment = crud.get_or_raise(db, Segment, int(job.params["segment_id"]))
        asset, synthesized = ensure_speech(db, settings, segment)
        premeasure_asset(settings, crud.get_or_raise(db, Station, segment.station_id), asset)
        return {
            "segment_id": segment.id,
            "asset_id": asset.id,
            "duration_s": asset.duration_s,
            "synthesized": synthesized,
        }


def _export_session(
    engine: Engine, settings: Settings, job: Job, progress: Progress
) -> dict[str, Any]:
    """Prepare, render and record in three steps: no write lock is held while rendering."""
    out_dir = job.params.get("out_dir")
    with transaction(engine, JOB) as db:
        plan = prepare_export(
            db,
            settings,
            int(job.params["playlist_id"]),
            out_dir=Path(out_dir) if out_dir else None,
        )
    progress(0.25, "Đã chuẩn bị âm thanh")
    rendered, zip_path = render_export(settings, plan, progress)
    with transaction(engine, JOB) as db:
        export = record_export(db, settings, plan, rendered, zip_path, job_id=job.id)
    return {
        "export_id": export.id,
        "download_url": f"/exports/{export.id}/download",
        "duration_s": export.duration_s,
        "synthesized": export.synthesized,
        **render_counts(rendered),
    }


def render_counts(rendered: RenderedSession) -> dict[str, int]:
    """Distinct items of a render processed now, and those the render cache already held
    (made by an earlier render, in any worker sharing the cache)."""
    made = {item.path for item in rendered.items if not item.cached}
    reused = {item.path for item in rendered.items if item.cached} - made
    return {"items_rendered": len(made), "items_cached": len(reused)}


def _run_scheduler(
    engine: Engine, settings: Settings, job: Job, progress: Progress
) -> dict[str, Any]:
    """A scheduler pass asked for through the API, for its stations (None: every station)."""
    ids = job.params.get("station_ids")
    runs = run_once(engine, settings, force=True, trigger="api", station_ids=ids)
    return {"runs": [run.model_dump(mode="json") for run in runs]}


HANDLERS: dict[JobKind, Handler] = {
    JobKind.RENDER_SEGMENT: _render_segment,
    JobKind.EXPORT_SESSION: _export_session,
    JobKind.SPEECH_PREVIEW: run_preview_job,
    JobKind.EXPORT_BUNDLE: run_bundle_job,
    JobKind.SCHEDULER_RUN: _run_scheduler,
}


class _ProgressWriter:
    """Writes a job's progress in short transactions of its own, only when it changes."""

    def __init__(self, engine: Engine, job_id: int, echo: Progress | None) -> None:
        self.engine, self.job_id, self.echo, self.last = engine, job_id, echo, -1

    def __call__(self, fraction: float, message: str) -> None:
        percent = max(0, min(99, int(fraction * 100)))
        if self.echo is not None:
            self.echo(fraction, message)
        if percent == self.last:
            return
        self.last = percent
        with Session(self.engine) as db:
            db.exec(
                update(Job)
                .where(col(Job.id) == self.job_id)
                .values(progress=percent, message=message[:2000])
            )
            db.commit()


def _finish(
    engine: Engine,
    job_id: int,
    status: JobStatus,
    message: str,
    result: Any,
    error_code: str | None = None,
) -> None:
    """Record the outcome, unless another worker took the job over (this one's lease ran out)."""
    mine = or_(col(Job.worker).is_(None), col(Job.worker) == worker_id())
    with Session(engine) as db:
        values: dict[str, Any] = {
            "status": status,
            "message": message[:2000],
            "error_code": error_code,
            "result": result,
            "finished_at": utcnow(),
        }
        if status == JobStatus.SUCCEEDED:
            values["progress"] = 100
        db.exec(update(Job).where(col(Job.id) == job_id, mine).values(**values))
        db.commit()


def run_job(engine: Engine, settings: Settings, job_id: int, echo: Progress | None = None) -> Job:
    """Run one claimed job; its handler owns its transactions, its outcome is always recorded."""
    progress = _ProgressWriter(engine, job_id, echo)
    try:
        with Session(engine) as db:
            job = crud.get_or_raise(db, Job, job_id)
        with LeaseKeeper(engine, settings, job_id):
            result = HANDLERS[job.kind](engine, settings, job, progress)
        _finish(engine, job_id, JobStatus.SUCCEEDED, "Hoàn tất", result)
    except LoaError as exc:
        _finish(engine, job_id, JobStatus.FAILED, exc.message, None, exc.code)
    except Exception as exc:  # a job must always end with a recorded status
        log.exception("job %s failed", job_id)
        message = f"Lỗi không mong đợi: {exc}"
        _finish(engine, job_id, JobStatus.FAILED, message, None, UNEXPECTED)
    with Session(engine) as db:
        return crud.get_or_raise(db, Job, job_id)


def run_pending(engine: Engine, settings: Settings) -> int:
    """Run queued jobs until none is left; returns how many ran."""
    count = 0
    while (job_id := claim_next(engine, lease_end(settings))) is not None:
        run_job(engine, settings, job_id)
        count += 1
    return count
