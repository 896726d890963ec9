"""The unattended scheduler: its state, and a pass on demand."""

from typing import Any

from fastapi import APIRouter, Request
from sqlmodel import Session

from api.deps import DbDep, SettingsDep
from broadcast.scheduler import run_once, status

router = APIRouter(prefix="/scheduler", tags=["scheduler"])


@router.get("")
def get_scheduler(db: DbDep, settings: SettingsDep) -> Any:
    """Settings, lease, last and next passes of every station."""
    return status(db, settings)


@router.post("/run", status_code=202)
def post_run(request: Request, settings: SettingsDep) -> Any:
    """Run one pass now for every station (exports are queued as jobs)."""
    runs = run_once(request.app.state.engine, settings, force=True, trigger="api")
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake()
    with Session(request.app.state.engine) as db:
        return {"runs": [r.model_dump() for r in runs], "state": status(db, settings)}
