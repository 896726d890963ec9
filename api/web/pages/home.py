"""Tổng quan: today's and tomorrow's sessions, exports, schedule warnings, the scheduler."""

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session, col, select

from api.deps import DbDep, SettingsDep
from api.web.context import PageActor, PageStation, station_today
from api.web.templating import render
from broadcast.access import Action, Actor, Scope
from broadcast.asrun import station_now, unconfirmed_count
from broadcast.devices import list_devices, offline_devices
from broadcast.exports import recent_export_jobs
from broadcast.models import Job
from broadcast.models.scheduler import SchedulerRun
from broadcast.schedule import calendar
from broadcast.segments import returned_drafts, review_queue
from broadcast.stream import StreamInfo, stream_info

router = APIRouter(include_in_schema=False)
ASRUN_DAYS = 7  # the dashboard counts unconfirmed sessions of the last week, today included


def user_export_jobs(db: Session, actor: Actor, limit: int = 8) -> list[Job]:
    """The latest export jobs of the user's stations, newest first."""
    return recent_export_jobs(db, Scope(db, actor).station_ids(), limit)


def last_scheduler_run(db: Session, station_id: int) -> SchedulerRun | None:
    """The scheduler's most recent pass for a station."""
    query = select(SchedulerRun).where(SchedulerRun.station_id == station_id)
    return db.exec(query.order_by(col(SchedulerRun.id).desc())).first()


def live_stream(request: Request, db: Session, station_id: int) -> StreamInfo:
    """The station's live stream for the "Nghe trực tiếp" player."""
    streams = getattr(request.app.state, "streams", None)
    live = streams.status(station_id) if streams is not None else None
    settings = request.app.state.settings
    return stream_info(db, settings, station_id, datetime.now(UTC), live)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, db: DbDep, settings: SettingsDep, station: PageStation, actor: PageActor
) -> Any:
    """The dashboard; an approver also sees what waits for review."""
    if station is None:
        return render(request, "home.html", days=[], warnings=[], jobs=[], run=None)
    approves = actor.can(Action.APPROVE_SEGMENT, station.id)
    waiting = review_queue(db, [station.id or 0]) if approves else []
    writes = actor.can(Action.EDIT_SEGMENT, station.id)
    returned = returned_drafts(db, station.id or 0) if writes else []
    today = station_today(station)
    view = calendar(db, station.id or 0, today, today + timedelta(days=1), today)
    now = station_now(db, station.id or 0)
    week_ago = now.date() - timedelta(days=ASRUN_DAYS - 1)
    return render(
        request,
        "home.html",
        today=today,
        days=view["days"],
        warnings=view["warnings"],
        jobs=user_export_jobs(db, request.state.actor),
        run=last_scheduler_run(db, station.id or 0),
        scheduler_enabled=settings.scheduler_enabled,
        scheduler_time=settings.scheduler_time,
        unconfirmed=unconfirmed_count(db, station.id or 0, week_ago, now.date(), now),
        asrun_days=ASRUN_DAYS,
        approves=approves,
        waiting=waiting,
        returned=returned,
        stream=live_stream(request, db, station.id or 0),
        offline=offline_devices(
            list_devices(db, {station.id or 0}), settings.device_offline_after_s
        ),
    )
