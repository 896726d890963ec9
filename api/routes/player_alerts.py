"""The player protocol's alerts (``/player/v1/alerts``): the polling fallback of the event
stream, an emergency bulletin's MP3 (ETag and Range) and a live alert's endless MP3."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, StreamingResponse
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.openapi import file_answer
from api.routes.player import PARTIAL
from broadcast.alerts import (
    AlertList,
    AsyncListener,
    alert_audio_path,
    alert_message,
    device_alerts,
    is_active,
    live_relay,
    reaches,
)
from broadcast.errors import Forbidden, NotFound
from broadcast.models import Alert, AlertKind, Device

router = APIRouter(prefix="/player/v1", tags=["player"])
LIVE_CHECK_S = 5.0  # with no audio for this long, look whether the alert is still on
LIVE_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "MP3 liên tục (đơn kênh 24 kHz 48 kbit/s) cho tới khi buổi phát kết thúc",
        "content": {"audio/mpeg": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def own_device(request: Request, scope: ScopeDep) -> Device:
    """The device whose token sent the request; Forbidden for any other caller."""
    device = getattr(request.state, "device", None)
    if not scope.actor.is_device or not isinstance(device, Device):
        raise Forbidden("chỉ thiết bị phát dùng được địa chỉ này", code="player.only")
    return device


def device_alert(scope: ScopeDep, device: Device, alert_id: int) -> Alert:
    """An alert of the device's station for its zone; NotFound for any other."""
    alert = scope.row(Alert, alert_id)
    if not reaches(alert, device.zone):
        raise NotFound("Alert", alert_id)
    return alert


@router.get("/alerts", response_model=AlertList)
def alerts(request: Request, db: DbDep, scope: ScopeDep) -> Any:
    """The device's active alerts (its station, its zone), oldest first: the polling fallback
    of /player/v1/events (poll every 5 s while the event stream is down)."""
    device = own_device(request, scope)
    found = device_alerts(db, device, datetime.now(UTC))
    return AlertList(alerts=[alert_message(a) for a in found])


@router.get(
    "/alerts/{alert_id:int}/audio",
    response_class=FileResponse,
    responses=file_answer("audio/mpeg") | PARTIAL,
)
def alert_audio(
    alert_id: RowId, request: Request, scope: ScopeDep, settings: SettingsDep
) -> FileResponse:
    """An emergency alert's MP3; ETag is its sha256, `Range: bytes=N-` resumes a download."""
    alert = device_alert(scope, own_device(request, scope), alert_id)
    path = alert_audio_path(settings, alert)
    if path is None or alert.audio_sha256 is None:
        raise NotFound("Tệp của tin", alert_id)
    headers = {"ETag": f'"{alert.audio_sha256}"', "Cache-Control": "no-cache"}
    return FileResponse(path, media_type="audio/mpeg", filename=path.name, headers=headers)


def _still_on(engine: Engine, alert_id: int) -> bool:
    with Session(engine) as db:
        alert = db.get(Alert, alert_id)
        return alert is not None and is_active(alert, datetime.now(UTC))


async def _relay(engine: Engine, alert_id: int) -> AsyncIterator[bytes]:
    listener = AsyncListener()  # made on the event loop that reads it
    relay = live_relay(alert_id)
    relay.add(listener)
    try:
        while True:
            chunk = await listener.next(LIVE_CHECK_S)
            if chunk is None:
                return
            if chunk:
                yield chunk
            elif not await run_in_threadpool(_still_on, engine, alert_id):
                return
    finally:
        relay.remove(listener)


@router.get("/alerts/{alert_id:int}/live", response_class=StreamingResponse, responses=LIVE_ANSWER)
def alert_live(alert_id: RowId, request: Request, scope: ScopeDep) -> StreamingResponse:
    """A live alert's sound as one endless MP3 (mono 24 kHz 48 kbit/s) from the moment of
    connecting; it ends when the alert ends. A listener that cannot keep up is cut off."""
    alert = device_alert(scope, own_device(request, scope), alert_id)
    if alert.kind != AlertKind.LIVE or not is_active(alert, datetime.now(UTC)):
        raise NotFound("Buổi phát trực tiếp", alert_id)
    return StreamingResponse(
        _relay(request.app.state.engine, alert_id),
        media_type="audio/mpeg",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
