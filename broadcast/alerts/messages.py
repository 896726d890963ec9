"""What a device is told of an alert (contract B): one body on the event stream and the poll."""

from datetime import datetime

from pydantic import BaseModel

from broadcast.models import Alert, AlertKind
from broadcast.models.common import as_utc


class AlertAudio(BaseModel):
    """The bulletin's MP3: where to download it and how to check it."""

    url: str
    size: int
    sha256: str
    duration_s: float


class AlertMessage(BaseModel):
    """An active alert for the device: play it at once, then resume (or not) the session."""

    alert_id: int
    kind: AlertKind
    title: str
    zones: list[str]
    resume: bool
    created_at: datetime
    expires_at: datetime
    audio: AlertAudio | None = None
    stream_url: str | None = None


class AlertList(BaseModel):
    """The polling fallback: the device's active alerts, oldest first."""

    alerts: list[AlertMessage]


def audio_url(alert_id: int) -> str:
    """Where a device downloads an emergency alert's MP3."""
    return f"/player/v1/alerts/{alert_id}/audio"


def live_url(alert_id: int) -> str:
    """Where a device listens to a live alert (endless MP3)."""
    return f"/player/v1/alerts/{alert_id}/live"


def alert_message(alert: Alert) -> AlertMessage:
    """The device's view of an alert."""
    alert_id = alert.id or 0
    audio = None
    if alert.audio_sha256 is not None:
        audio = AlertAudio(
            url=audio_url(alert_id),
            size=alert.audio_size or 0,
            sha256=alert.audio_sha256,
            duration_s=alert.audio_duration_s or 0.0,
        )
    return AlertMessage(
        alert_id=alert_id,
        kind=alert.kind,
        title=alert.title,
        zones=list(alert.zones),
        resume=alert.resume,
        created_at=as_utc(alert.created_at),
        expires_at=as_utc(alert.expires_at),
        audio=audio,
        stream_url=live_url(alert_id) if alert.kind == AlertKind.LIVE else None,
    )
