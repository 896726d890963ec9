"""A device's heartbeat, stored on its row in one cheap UPDATE, and its online state read back."""

from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session

from broadcast import crud
from broadcast.models.accounts import HEARTBEAT_FIELDS, Device, Heartbeat
from broadcast.models.common import as_utc, utcnow

__all__ = ["HEARTBEAT_FIELDS", "NEXT_HEARTBEAT_S", "Link", "link_state", "record_heartbeat"]
NEXT_HEARTBEAT_S = 30  # what the server asks for; a device counts offline after 2 × 60 s


class Link(StrEnum):
    """Whether a device is heard from: online, offline (heartbeats missed) or never connected."""

    ONLINE = "online"
    OFFLINE = "offline"
    NEVER = "never"


def record_heartbeat(db: Session, device: Device, beat: Heartbeat) -> datetime:
    """Store a heartbeat on the device (no audit entry: it is not a change); the server time."""
    now = utcnow()
    device.last_heartbeat_at = now
    device.clock_offset_s = round((as_utc(beat.clock) - now).total_seconds(), 3)
    device.reported_state = beat.model_dump(mode="json", exclude={"clock", "agent_version"})
    device.agent_version = beat.agent_version
    db.add(device)
    crud.flush(db)
    return now


def link_state(device: Device, offline_after_s: float, now: datetime | None = None) -> Link:
    """Online when the last heartbeat is recent enough, offline when older, never when none."""
    if device.last_heartbeat_at is None:
        return Link.NEVER
    age = (now or utcnow()) - as_utc(device.last_heartbeat_at)
    return Link.ONLINE if age <= timedelta(seconds=offline_after_s) else Link.OFFLINE


def offline_devices(
    devices: list[Device], offline_after_s: float, now: datetime | None = None
) -> list[Device]:
    """The enabled devices among these that connected once and have missed their heartbeats."""
    return [
        device
        for device in devices
        if device.enabled and link_state(device, offline_after_s, now) is Link.OFFLINE
    ]
