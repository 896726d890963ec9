"""The unattended scheduler: its state, and a pass on demand (run as a job)."""

from typing import Any

from fastapi import APIRouter, Request

from api.auth import ScopeDep
from api.deps import DbDep, SettingsDep
from broadcast.jobs import enqueue
from broadcast.models import JobKind, JobPublic
from broadcast.scheduler import status

router = APIRouter(prefix="/scheduler", tags=["scheduler"])


@router.get("")
def get_scheduler(db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Any:
    """Settings, lease, last and next passes of the caller's stations."""
    return status(db, settings, station_ids=scope.station_ids())


@router.post("/run", response_model=JobPublic, status_code=202)
def post_run(request: Request, db: DbDep, scope: ScopeDep) -> Any:
    """Queue one pass now for the caller's stations; poll GET /jobs/{id} for its runs."""
    mine = scope.acting_station_ids()
    job = enqueue(
        db, JobKind.SCHEDULER_RUN, {"station_ids": None if mine is None else sorted(mine)}
    )
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake()  # the job is committed with the request; the worker's next look finds it
    return job
