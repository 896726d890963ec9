"""The player protocol's reports: a device says it is alive (``/player/v1/heartbeat``) and what
it played (``/player/v1/asrun``)."""

from typing import Any

from fastapi import APIRouter, Request

from api.auth import ScopeDep
from api.deps import DbDep
from broadcast.devices import NEXT_HEARTBEAT_S, record_heartbeat, record_reports
from broadcast.errors import Forbidden, InvalidInput, NotFound
from broadcast.models import (
    BroadcastSession,
    Device,
    DeviceReports,
    DeviceReportsAnswer,
    Heartbeat,
    HeartbeatAnswer,
)
from broadcast.models.common import utcnow

router = APIRouter(prefix="/player/v1", tags=["player"])


def _own_device(request: Request, scope: ScopeDep) -> Device:
    """The device whose token sent the request; Forbidden for any other caller."""
    device = getattr(request.state, "device", None)
    if not scope.actor.is_device or not isinstance(device, Device):
        raise Forbidden("chỉ thiết bị phát dùng được địa chỉ này", code="player.only")
    return device


@router.post("/heartbeat", response_model=HeartbeatAnswer)
def heartbeat(beat: Heartbeat, request: Request, db: DbDep, scope: ScopeDep) -> Any:
    """Store the device's state, agent version and clock offset; when to send the next one.

    Send at least every 60 s: a device silent for longer than LOA_DEVICE_OFFLINE_AFTER_S
    (default 120 s) is shown offline.
    """
    device = _own_device(request, scope)
    if beat.playing is not None and beat.playing.session_id is not None:
        session_id = beat.playing.session_id
        try:
            scope.row(BroadcastSession, session_id)
        except NotFound:
            raise InvalidInput(
                "playing.session_id", f"không có buổi phát số {session_id} của đài này"
            ) from None
    server_time = record_heartbeat(db, device, beat)
    return HeartbeatAnswer(server_time=server_time, next_heartbeat_s=NEXT_HEARTBEAT_S)


@router.post("/asrun", response_model=DeviceReportsAnswer)
def asrun(batch: DeviceReports, request: Request, scope: ScopeDep) -> Any:
    """Store what the device played: items, whole sessions and alerts, 1 to 500 at once.

    Each report's `id` is its idempotency key: a report sent again (after a cut link) counts
    as a duplicate. Session reports fill the station's as-run log (source `device`):
    completed → aired, interrupted → partly (`played_s`), skipped → not aired; the best
    outcome across devices stands, and an operator's confirmation is never overwritten.
    A session of another station is a 404; nothing is stored unless every report is valid.
    """
    device = _own_device(request, scope)
    return record_reports(scope, device, batch.reports, utcnow())
