"""The player protocol (``/player/v1``), for a device's own token: who the device is."""

from typing import Any

from fastapi import APIRouter, Request

from api.auth import ActorDep
from broadcast.devices import device_public
from broadcast.errors import Forbidden
from broadcast.models import DevicePublic

router = APIRouter(prefix="/player/v1", tags=["player"])


@router.get("/me", response_model=DevicePublic)
def me(request: Request, actor: ActorDep) -> Any:
    """The device this token belongs to: its station, zone, volume and output profile."""
    device = getattr(request.state, "device", None)
    if not actor.is_device or device is None:
        raise Forbidden("chỉ thiết bị phát dùng được địa chỉ này", code="player.only")
    return device_public(device)
