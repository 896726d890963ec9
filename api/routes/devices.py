"""Devices of a station: list, create, edit, enable or disable, and re-issue a device's token."""

from typing import Any

from fastapi import APIRouter

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, RowId
from broadcast.devices import (
    create_device,
    device_public,
    issued,
    list_devices,
    reissue_token,
    update_device,
)
from broadcast.models import Device, DeviceCreate, DeviceIssued, DevicePublic, DeviceUpdate

router = APIRouter(prefix="/devices", tags=["devices"])


@router.get("", response_model=list[DevicePublic])
def list_all(db: DbDep, scope: ScopeDep, station_id: QueryId = None) -> Any:
    """Devices of the caller's stations (of one station when given), by station and name."""
    stations = {scope.station(station_id).id or 0} if station_id else scope.station_ids()
    return [device_public(row) for row in list_devices(db, stations)]


@router.post("", response_model=DeviceIssued, status_code=201)
def create(data: DeviceCreate, db: DbDep, scope: ScopeDep) -> Any:
    """A new device of a station with its token, shown this once (admins of the station)."""
    scope.station(data.station_id, "station_id")
    device, token = create_device(db, data)
    return issued(device, token)


@router.get("/{device_id:int}", response_model=DevicePublic)
def get(device_id: RowId, scope: ScopeDep) -> Any:
    """One device."""
    return device_public(scope.row(Device, device_id))


@router.patch("/{device_id:int}", response_model=DevicePublic)
def update(device_id: RowId, patch: DeviceUpdate, db: DbDep, scope: ScopeDep) -> Any:
    """Rename, move, tune, enable or disable a device; disabled, its token stops at once."""
    return device_public(update_device(db, scope.row(Device, device_id), patch))


@router.post("/{device_id:int}/token", response_model=DeviceIssued)
def reissue(device_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """A new token for the device, shown this once; the old token stops at once."""
    device = scope.row(Device, device_id)
    token = reissue_token(db, device)
    return issued(device, token)
