"""As-run log: confirm sessions, upload a player log, list confirmations."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile

from api.auth import ScopeDep
from api.deps import DbDep
from broadcast.asrun import asrun_public, confirm, import_player_log, list_asrun
from broadcast.errors import InvalidInput
from broadcast.models.asrun import AsRunCreate, AsRunPublic
from broadcast.models.common import MAX_ID

router = APIRouter(prefix="/asrun", tags=["asrun"])
MAX_LOG_BYTES = 5 * 1024 * 1024


@router.post("", response_model=AsRunPublic, status_code=201)
def post_asrun(data: AsRunCreate, db: DbDep, scope: ScopeDep) -> Any:
    """Confirm a session: aired, partly (with aired_until_s) or not_aired, with a note."""
    scope.station(data.station_id)
    return asrun_public(confirm(db, data))


@router.post("/upload", response_model=list[AsRunPublic], status_code=201)
def upload(
    db: DbDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="CSV: date,time,status[,aired_seconds,note]")],
    station_id: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Any:
    """Confirm every session of a player log; the whole file is refused if a line is wrong."""
    scope.station(station_id)
    content = file.file.read(MAX_LOG_BYTES + 1)  # a worker thread: the loop stays free
    if len(content) > MAX_LOG_BYTES:
        raise InvalidInput("file", "tệp nhật ký quá lớn (tối đa 5 MB)")
    return [asrun_public(row) for row in import_player_log(db, station_id, content)]


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
