"""The unattended scheduler: its state, and a pass on demand."""

from typing import Any

from fastapi import APIRouter, Request
from sqlmodel import Session

from api.auth import ScopeDep
from api.deps import DbDep, SettingsDep
from broadcast.scheduler import run_once, status

router = APIRouter(prefix="/scheduler", tags=["scheduler"])


@router.get("")
def get_scheduler(db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Any:
    """Settings, lease, last and next passes of the caller's stations."""
    return status(db, settings, station_ids=scope.station_ids())


@router.post("/run", status_code=202)
def post_run(request: Request, settings: SettingsDep, scope: ScopeDep) -> Any:
    """Run one pass now for the caller's stations (exports are queued as jobs)."""
    mine = scope.acting_station_ids()
    engine = request.app.state.engine
    runs = run_once(engine, settings, force=True, trigger="api", station_ids=mine)
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake()
    with Session(request.app.state.engine) as db:
        state = status(db, settings, station_ids=scope.station_ids())
        return {"runs": [r.model_dump() for r in runs], "state": state}
