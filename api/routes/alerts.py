"""Alert routes: send an emergency bulletin or go live to a station's devices, list, end; the
operator's recorded chunks of a live alert."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, RowId, SettingsDep
from broadcast.alerts import (
    alert_public,
    create_alert,
    end_alert,
    is_active,
    list_alerts,
    live_relay,
)
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import Alert, AlertCreate, AlertKind, AlertPublic
from broadcast.models.common import MAX_ID

router = APIRouter(prefix="/alerts", tags=["alerts"])
CHUNK_MAX = 512 * 1024  # a quarter second of recorded Opus is a few KB; the first holds headers


@router.post("", response_model=AlertPublic, status_code=201)
def send(data: AlertCreate, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Any:
    """Interrupt what the station's devices (of the chosen zones) play: an approved emergency
    bulletin (`segment_id`), or the operator's microphone (`kind` live). Devices hear of it
    at once on /player/v1/events."""
    scope.station(data.station_id, "station_id")
    return alert_public(create_alert(db, settings, data))


@router.get("", response_model=list[AlertPublic])
def listing(db: DbDep, scope: ScopeDep, station_id: QueryId = None) -> Any:
    """The latest alerts (100) of the caller's stations, or of one station; newest first."""
    stations = {scope.station(station_id).id or 0} if station_id else scope.station_ids()
    now = datetime.now(UTC)
    return [alert_public(a, now) for a in list_alerts(db, stations)]


@router.post("/{alert_id:int}/end", response_model=AlertPublic)
def end(alert_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """End an alert: devices stop it and resume the interrupted session (or not, as it says)."""
    return alert_public(end_alert(db, scope.row(Alert, alert_id)))


def _live_alert(scope: Any, alert_id: int) -> None:
    """Refuse anything but an active live alert the caller may send to."""
    alert = scope.row(Alert, alert_id)
    if alert.kind != AlertKind.LIVE:
        raise InvalidInput("alert_id", "tin này không phải phát trực tiếp")
    if not is_active(alert, datetime.now(UTC)):
        raise Conflict("buổi phát trực tiếp đã kết thúc", code="live.ended")


@router.post("/{alert_id:int}/live", status_code=204)
def live_chunk(
    alert_id: RowId,
    scope: ScopeDep,
    seq: Annotated[int, Query(ge=0, le=MAX_ID, description="Số thứ tự đoạn ghi, từ 0")],
    data: Annotated[bytes, Body(media_type="application/octet-stream", max_length=CHUNK_MAX)] = b"",
) -> None:
    """One chunk (about 250 ms) of the operator's recording, as MediaRecorder made it (WebM or
    Ogg with Opus): sent in order from seq 0; a chunk sent again is ignored, a gap is 409."""
    _live_alert(scope, alert_id)
    if not data:
        raise InvalidInput("body", "đoạn ghi âm rỗng")
    live_relay(alert_id).feed(seq, data)
