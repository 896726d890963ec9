"""Devices of a station: receivers, bridges and players, each with its own token (role player).

registry.py  Create, list, edit, disable devices; issue and re-issue a device's token; find the
             device a token belongs to
"""

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

__all__ = [
    "DEVICE_TOKEN_PREFIX",
    "create_device",
    "device_public",
    "find_token_device",
    "issued",
    "list_devices",
    "reissue_token",
    "update_device",
]
