"""Create, list, edit, disable devices; issue and re-issue a device's token; find the device a
token belongs to."""

import secrets
from collections.abc import Collection

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.accounts import digest
from broadcast.errors import Conflict
from broadcast.models.accounts import (
    Device,
    DeviceCreate,
    DeviceIssued,
    DevicePublic,
    DeviceUpdate,
)
from broadcast.models.common import utcnow

DEVICE_TOKEN_PREFIX = "loa_dev_"  # user API tokens start with "loa_"; devices' with this


def _new_token() -> str:
    return DEVICE_TOKEN_PREFIX + secrets.token_urlsafe(32)


def _set_token(device: Device) -> str:
    """Give the device a fresh token (the old one stops working) and return its value."""
    value = _new_token()
    device.token_hash = digest(value)
    device.token_prefix = value[:14]
    device.token_issued_at = utcnow()
    return value


def _check_name_free(db: Session, station_id: int, name: str, device_id: int | None) -> None:
    query = select(Device).where(Device.station_id == station_id, Device.name == name)
    held = db.exec(query).first()
    if held is not None and held.id != device_id:
        raise Conflict(f"đài đã có thiết bị tên '{name}'", code="device.name_taken")


def device_public(device: Device) -> DevicePublic:
    """The API view of a device, without its token hash."""
    return DevicePublic.model_validate(device)


def issued(device: Device, token: str) -> DeviceIssued:
    """The API view of a device with its new token (shown this once)."""
    return DeviceIssued.model_validate(device, update={"token": token})


def create_device(db: Session, data: DeviceCreate) -> tuple[Device, str]:
    """A new enabled device of a station and its token's value (shown once)."""
    _check_name_free(db, data.station_id, data.name, None)
    device = Device.model_validate(data, update={"token_hash": "", "token_prefix": ""})
    token = _set_token(device)
    db.add(device)
    crud.flush(db)
    return device, token


def update_device(db: Session, device: Device, patch: DeviceUpdate) -> Device:
    """Rename, move, tune, enable or disable a device; disabling stops its token at once."""
    changes = patch.model_dump(exclude_unset=True)
    if "name" in changes:
        _check_name_free(db, device.station_id, changes["name"], device.id)
    for name, value in changes.items():
        setattr(device, name, value)
    if changes:
        device.updated_at = utcnow()
    db.add(device)
    crud.flush(db)
    return device


def reissue_token(db: Session, device: Device) -> str:
    """A new token for the device; the old one stops working at once."""
    token = _set_token(device)
    device.updated_at = utcnow()
    db.add(device)
    crud.flush(db)
    return token


def list_devices(db: Session, station_ids: Collection[int] | None) -> list[Device]:
    """Devices of these stations (None: of every station), by station and name."""
    query = select(Device).order_by(col(Device.station_id), col(Device.name))
    if station_ids is not None:
        query = query.where(col(Device.station_id).in_(station_ids))
    return list(db.exec(query).all())


def find_token_device(db: Session, value: str) -> Device | None:
    """The enabled device a token belongs to, else None (unknown, re-issued or disabled)."""
    if not value.startswith(DEVICE_TOKEN_PREFIX):
        return None
    device = db.exec(select(Device).where(Device.token_hash == digest(value))).first()
    return device if device is not None and device.enabled else None
