"""Alerts: emergency bulletins and live broadcasts that pre-empt what a station's devices play.

service.py   Create (checked), end, the active alerts of a station or a device, the bulletin's MP3
messages.py  What a device is told of an alert (contract B), on the event stream and the poll
notify.py    Wake this process's device streams once an alert's write commits
relay.py     Live alerts: recorded chunks through one transcoder, MP3 fanned out to listeners
"""

from broadcast.alerts.messages import AlertList, AlertMessage, alert_message
from broadcast.alerts.notify import SIGNAL, AlertSignal
from broadcast.alerts.relay import (
    AsyncListener,
    LiveRelay,
    QueueListener,
    close_relay,
    close_relays,
    listen_live,
    live_relay,
)
from broadcast.alerts.service import (
    ALERT_PROFILE,
    active_alerts,
    alert_audio_path,
    alert_public,
    create_alert,
    device_alerts,
    emergency_approved,
    end_alert,
    is_active,
    list_alerts,
    reaches,
    station_zones,
)

__all__ = [
    "ALERT_PROFILE",
    "SIGNAL",
    "AlertList",
    "AlertMessage",
    "AlertSignal",
    "AsyncListener",
    "LiveRelay",
    "QueueListener",
    "active_alerts",
    "alert_audio_path",
    "alert_message",
    "alert_public",
    "close_relay",
    "close_relays",
    "create_alert",
    "device_alerts",
    "emergency_approved",
    "end_alert",
    "is_active",
    "list_alerts",
    "listen_live",
    "live_relay",
    "reaches",
    "station_zones",
]
