"""Devices of a station: receivers, bridges and players, each with its own token (role player).

registry.py  Create, list, edit, disable devices; issue and re-issue a device's token; find the
             device a token belongs to
asrun.py     A device's as-run reports: checked, stored once per report id, fed to the as-run log
played.py    What the devices played, read back from their reports: who played a session, and
             each device's last report
heartbeat.py Store a device's heartbeat (state, agent version, clock offset); online or offline
schedule.py  What a player plays: its station's sessions of the coming days with their exported
             files (size, sha256), the schedule's version, a device's own export files
"""

from broadcast.devices.asrun import FUTURE_SLACK, check_report, record_reports
from broadcast.devices.heartbeat import (
    HEARTBEAT_FIELDS,
    NEXT_HEARTBEAT_S,
    Link,
    link_state,
    offline_devices,
    record_heartbeat,
)
from broadcast.devices.played import DevicePlay, LastReport, last_reports, session_plays
from broadcast.devices.registry import (
    DEVICE_TOKEN_PREFIX,
    create_device,
    device_public,
    find_token_device,
    issued,
    list_devices,
    reissue_token,
    update_device,
)
from broadcast.devices.schedule import (
    DEFAULT_DAYS,
    MAX_DAYS,
    PlayerSchedule,
    file_sha256,
    player_schedule,
    station_export_mp3,
)

__all__ = [
    "FUTURE_SLACK",
    "check_report",
    "record_reports",
    "DevicePlay",
    "LastReport",
    "last_reports",
    "session_plays",
    "DEFAULT_DAYS",
    "MAX_DAYS",
    "PlayerSchedule",
    "file_sha256",
    "player_schedule",
    "station_export_mp3",
    "DEVICE_TOKEN_PREFIX",
    "HEARTBEAT_FIELDS",
    "NEXT_HEARTBEAT_S",
    "Link",
    "link_state",
    "offline_devices",
    "record_heartbeat",
    "create_device",
    "device_public",
    "find_token_device",
    "issued",
    "list_devices",
    "reissue_token",
    "update_device",
]
