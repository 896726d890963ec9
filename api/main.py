"""The FastAPI application: routes, error mapping, database and the job worker."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from sqlalchemy.engine import Engine

from api.auth import authenticated
from api.body_guard import BodyGuard
from api.deps import request_limiter
from api.errors import install_error_handlers
from api.openapi import install_openapi
from api.routes import (
    alerts,
    asrun,
    audit,
    auth,
    bulletins,
    bundles,
    devices,
    jobs,
    lexicon,
    library,
    meta,
    plans,
    player,
    player_alerts,
    player_events,
    player_status,
    reports,
    resources,
    schedule,
    scheduler,
    segments,
    sessions,
    speech,
    stream,
    unit_reports,
    units,
    users,
    waveforms,
)
from api.web.setup import install_web
from broadcast.accounts import count_users
from broadcast.alerts import close_relays
from broadcast.campaigns import database_is_empty, load_demo
from broadcast.config import Settings, get_settings
from broadcast.db import get_engine, init_db, transaction
from broadcast.jobs.leases import recover_jobs, sweep_temporary
from broadcast.jobs.worker import JobWorker
from broadcast.scheduler import SchedulerLoop
from broadcast.stream import ENABLE_HINT, StreamService

log = logging.getLogger("uvicorn.error")


def prepare_database(settings: Settings) -> None:
    """Create the data folders and tables, and load the demo campaign into a new database.

    Jobs left running by a server that died are queued again (or failed), and temporary files
    of killed work are swept.
    """
    settings.ensure_dirs()
    engine = get_engine(settings.db_url)
    init_db(engine)
    recover_jobs(engine, settings)
    sweep_temporary(settings, settings.temp_max_age_seconds)
    with transaction(engine) as db:
        if settings.load_demo and database_is_empty(db):
            load_demo(db, settings.voice)
        if count_users(db) == 0:
            log.warning(
                "Chưa có tài khoản nào: mở http://%s:%s/thiet-lap trên máy chủ "
                "hoặc chạy `loa create-admin`.",
                settings.host,
                settings.port,
            )


def start_streams(engine: Engine, settings: Settings) -> StreamService | None:
    """Every station's live stream when LOA_STREAM_ICECAST_URL is set; else say how to enable."""
    if not settings.stream_icecast_url:
        log.info(ENABLE_HINT)
        return None
    streams = StreamService(engine, settings)
    streams.start()
    log.info("Live streams of %d stations to %s", len(streams.feeders), settings.stream_icecast_url)
    return streams


def attach_queue(engine: Engine, settings: Settings) -> bool:
    """With LOA_QUEUE_BROKER_URL: jobs committed by this process are published to the broker
    (Celery); when it does not answer they wait in the database and are published later."""
    if not settings.queue_broker_url:
        return False
    from broadcast.jobs.celery_app import attach

    attach(engine, settings)
    return True


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for the given settings (default: from the environment)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        prepare_database(settings)
        queue = attach_queue(app.state.engine, settings)
        in_process = settings.run_worker and not queue  # with a broker, `loa worker`s run jobs
        worker = JobWorker(app.state.engine, settings) if in_process else None
        app.state.worker = worker
        if worker is not None:
            worker.start()
        wake = worker.wake if worker is not None else None
        loop = None
        if settings.scheduler_enabled:
            loop = SchedulerLoop(app.state.engine, settings, wake)
            loop.start()
        streams = start_streams(app.state.engine, settings)
        app.state.streams = streams
        try:
            yield
        finally:
            if streams is not None:
                await asyncio.to_thread(streams.stop)
            if loop is not None:
                await loop.stop()
            if worker is not None:
                worker.stop()
            close_relays()  # no live transcoder outlives the server

    app = FastAPI(
        title="Loa",
        description="Quản lý phát thanh cho hệ thống truyền thanh cơ sở",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = get_engine(settings.db_url)
    app.state.sessions = request_limiter(settings)
    install_error_handlers(app)
    install_openapi(app)
    app.add_middleware(BodyGuard, settings=settings)
    install_web(app)
    app.include_router(meta.public_router)
    app.include_router(auth.public_router)
    protected = [Depends(authenticated)]
    for router in resources.routers:
        app.include_router(router, dependencies=protected)
    modules = (segments, sessions, jobs, meta, lexicon, speech, plans, bundles, auth, users, units)
    for module in (
        *modules,
        schedule,
        scheduler,
        asrun,
        reports,
        audit,
        waveforms,
        library,
        devices,
        player,
        player_status,
        stream,
        player_alerts,
        player_events,
        alerts,
        bulletins,
        unit_reports,
    ):
        app.include_router(module.router, dependencies=protected)

    return app
