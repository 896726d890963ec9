"""The player protocol (``/player/v1``), for a device's own token: who the device is, what it
plays over the coming days (with an ETag, so an unchanged schedule costs a 304) and the files,
served with ETag and byte ranges so that a cut download resumes."""

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import FileResponse

from api.auth import ActorDep
from api.deps import DbDep, RowId, SettingsDep
from api.openapi import file_answer
from broadcast.devices import (
    DEFAULT_DAYS,
    MAX_DAYS,
    PlayerSchedule,
    device_public,
    file_sha256,
    player_schedule,
    station_export_mp3,
)
from broadcast.errors import Forbidden
from broadcast.models import Device, DevicePublic

router = APIRouter(prefix="/player/v1", tags=["player"])

NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Lịch không đổi từ phiên bản gửi trong If-None-Match"}
}
PARTIAL: dict[int | str, dict[str, Any]] = {
    206: {
        "description": "Một đoạn của tệp (Range)",
        "content": {"audio/mpeg": {"schema": {"type": "string", "format": "binary"}}},
    },
    416: {"description": "Đoạn yêu cầu (Range) nằm ngoài tệp"},
}


def _device(request: Request, actor: Any) -> Device:
    """The device whose token sent the request (Forbidden for any other caller)."""
    device = getattr(request.state, "device", None)
    if not actor.is_device or device is None:
        raise Forbidden("chỉ thiết bị phát dùng được địa chỉ này", code="player.only")
    return device  # type: ignore[no-any-return]


def _matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2)."""
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


@router.get("/me", response_model=DevicePublic)
def me(request: Request, actor: ActorDep) -> Any:
    """The device this token belongs to: its station, zone, volume and output profile."""
    return device_public(_device(request, actor))


@router.get("/schedule", response_model=PlayerSchedule, responses=NOT_MODIFIED)
def schedule(
    request: Request,
    actor: ActorDep,
    db: DbDep,
    settings: SettingsDep,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = DEFAULT_DAYS,
    start: Annotated[
        date | None,
        Query(
            alias="from",
            description="Ngày đầu (mặc định: hôm nay theo giờ đài), để chạy thử hoặc chép thẻ nhớ",
        ),
    ] = None,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Any:
    """The station's sessions over `days` days from `from` (default: its local today), each
    with its items and its file (or `ready` false and why); the ETag is the schedule's version."""
    device = _device(request, actor)
    found = player_schedule(
        db,
        settings,
        device.station_id,
        days,
        datetime.now(UTC),
        start,
        zone_name=device.zone,
        profile=device.output_profile,
    )
    etag = f'"{found.version}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if _matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    body = found.model_dump_json()
    return Response(body, media_type="application/json", headers=headers)


@router.get(
    "/files/{export_id:int}",
    response_class=FileResponse,
    responses=file_answer("audio/mpeg") | PARTIAL,
)
def session_file(
    export_id: RowId, request: Request, actor: ActorDep, db: DbDep, settings: SettingsDep
) -> FileResponse:
    """A session's MP3 of the device's own station; ETag is its sha256. `Range: bytes=N-`
    resumes a cut download (206 with Content-Range; 416 for a range outside the file)."""
    device = _device(request, actor)
    path = station_export_mp3(db, settings, device.station_id, export_id, device.output_profile)
    headers = {"ETag": f'"{file_sha256(path)}"', "Cache-Control": "no-cache"}
    return FileResponse(path, media_type="audio/mpeg", filename=path.name, headers=headers)
