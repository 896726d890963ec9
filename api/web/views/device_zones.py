"""Thiết bị by zone, without a map: each zone's devices counted by link, and who is silent."""

from dataclasses import dataclass, field

from broadcast.models import Device

NO_ZONE = "Chưa ghi khu vực"


@dataclass
class ZoneRow:
    """One zone: how many devices, how many online, offline, never connected or off, playing."""

    zone: str
    total: int = 0
    online: int = 0
    offline: int = 0
    never: int = 0
    disabled: int = 0
    playing: int = 0
    silent: list[str] = field(default_factory=list)  # the enabled devices that are offline

    @property
    def state(self) -> str:
        """'offline' when a device is silent, 'online' when all enabled ones are, else 'never'."""
        if self.offline:
            return "offline"
        return "online" if self.online == self.total - self.disabled else "never"


def zone_rows(devices: list[Device], links: dict[int | None, str]) -> list[ZoneRow]:
    """The zones of these devices in name order (devices without a zone last)."""
    rows: dict[str, ZoneRow] = {}
    for device in devices:
        row = rows.setdefault(device.zone.strip(), ZoneRow(device.zone.strip() or NO_ZONE))
        row.total += 1
        if not device.enabled:
            row.disabled += 1
            continue
        link = links.get(device.id, "never")
        row.online += link == "online"
        row.never += link == "never"
        if link == "offline":
            row.offline += 1
            row.silent.append(device.name)
        row.playing += link == "online" and bool((device.reported_state or {}).get("playing"))
    return [rows[key] for key in sorted(rows, key=lambda zone: (not zone, zone.casefold()))]
