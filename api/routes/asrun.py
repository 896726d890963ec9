"""As-run log: confirm or correct sessions, confirm a day, upload a player log, list them."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile

from api.auth import ScopeDep
from api.deps import DbDep
from broadcast.asrun import (
    asrun_public,
    confirm,
    confirm_day,
    import_player_log,
    list_asrun,
    station_now,
)
from broadcast.errors import InvalidInput
from broadcast.models.asrun import (
    AsRunCreate,
    AsRunDayCreate,
    AsRunPublic,
    PlayerLogPublic,
    RefusedLine,
)
from broadcast.models.common import MAX_ID

router = APIRouter(prefix="/asrun", tags=["asrun"])
MAX_LOG_BYTES = 5 * 1024 * 1024


@router.post("", response_model=AsRunPublic, status_code=201)
def post_asrun(data: AsRunCreate, db: DbDep, scope: ScopeDep) -> Any:
    """Confirm a started session (aired, partly with aired_until_s, not_aired) or correct it."""
    scope.station(data.station_id)
    return asrun_public(confirm(db, data))


@router.post("/day", response_model=list[AsRunPublic], status_code=201)
def post_asrun_day(data: AsRunDayCreate, db: DbDep, scope: ScopeDep) -> Any:
    """Confirm as aired every started, unconfirmed session of a day; answers those confirmed."""
    scope.station(data.station_id)
    now = station_now(db, data.station_id)
    return [asrun_public(row) for row in confirm_day(db, data.station_id, data.day, now)]


@router.post("/upload", response_model=PlayerLogPublic, status_code=201)
def upload(
    db: DbDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="CSV: date,time,status[,aired_seconds,note]")],
    station_id: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Any:
    """Confirm the sessions a player log names; other lines are refused with their reason."""
    scope.station(station_id)
    content = file.file.read(MAX_LOG_BYTES + 1)  # a worker thread: the loop stays free
    if len(content) > MAX_LOG_BYTES:
        raise InvalidInput("file", "tệp nhật ký quá lớn (tối đa 5 MB)")
    result = import_player_log(db, station_id, content)
    return PlayerLogPublic(
        matched=len(result.confirmed),
        confirmed=[asrun_public(row) for row in result.confirmed],
        refused=[RefusedLine(line=line, reason=reason) for line, reason in result.refused],
    )


@router.get("", response_model=list[AsRunPublic])
def get_asrun(
    db: DbDep,
    scope: ScopeDep,
    station: Annotated[int, Query(ge=1, le=MAX_ID)],
    start: Annotated[date, Query(alias="from")],
    end: Annotated[date, Query(alias="to")],
) -> Any:
    scope.station(station)
    return [asrun_public(row) for row in list_asrun(db, station, start, end)]
