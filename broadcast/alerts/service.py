"""Alerts: create (checked), end, the active ones of a station or a device, the bulletin's MP3."""

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from audio.bulletin import encode_bulletin
from audio.profiles import LOW_BANDWIDTH_PROFILE
from broadcast import crud
from broadcast.alerts.notify import changed_on_commit
from broadcast.audit import audit_as, current_actor
from broadcast.config import Settings
from broadcast.errors import Conflict, InvalidInput
from broadcast.media import asset_file, segment_audio
from broadcast.models import (
    Alert,
    AlertCreate,
    AlertKind,
    AlertPublic,
    BulletinClass,
    Device,
    Segment,
    Station,
)
from broadcast.models.common import as_utc, utcnow
from broadcast.segments import is_cleared_to_air

LIVE_TITLE = "Phát trực tiếp"
# Alerts carry speech to loudspeakers, many on 3G/4G links: the low-bandwidth profile is the
# smallest download (time to air) and the format of the live relay.
ALERT_PROFILE = LOW_BANDWIDTH_PROFILE


def is_active(alert: Alert, now: datetime) -> bool:
    """Not ended and not expired at ``now``."""
    return alert.ended_at is None and as_utc(alert.expires_at) > as_utc(now)


def station_zones(db: Session, station_id: int) -> list[str]:
    """The zones of a station's devices, sorted (blank zones left out)."""
    query = select(Device.zone).where(Device.station_id == station_id).distinct()
    return sorted(zone for zone in db.exec(query) if zone)


def _check_zones(db: Session, station_id: int, zones: list[str]) -> None:
    known = set(station_zones(db, station_id))
    unknown = [zone for zone in zones if zone not in known]
    if unknown:
        listed = ", ".join(f"'{z}'" for z in unknown)
        raise InvalidInput("zones", f"đài không có thiết bị nào ở khu vực {listed}")


def _emergency_segment(db: Session, station_id: int, segment_id: int | None) -> Segment:
    if segment_id is None:
        raise InvalidInput("segment_id", "chọn bản tin khẩn cấp đã duyệt để phát")
    segment = db.get(Segment, segment_id)
    if segment is None or segment.station_id != station_id:
        raise InvalidInput("segment_id", f"đài không có chuyên mục số {segment_id}")
    if segment.bulletin_class != BulletinClass.EMERGENCY:
        raise InvalidInput("segment_id", f"chuyên mục {segment_id} không phải tin khẩn cấp")
    if not is_cleared_to_air(db, segment):
        raise InvalidInput("segment_id", f"tin khẩn {segment_id} chưa được duyệt để phát")
    return segment


def alert_audio_file(settings: Settings, alert_id: int) -> Path:
    """Where an alert's MP3 is kept."""
    return settings.alerts_dir / f"alert-{alert_id}{ALERT_PROFILE.suffix}"


def _make_audio(db: Session, settings: Settings, alert: Alert, segment: Segment) -> None:
    """Encode the bulletin's audio (its recording, else its speech) into the alert's MP3."""
    asset, _made = segment_audio(db, settings, segment)
    encoded = encode_bulletin(
        asset_file(settings, asset), alert_audio_file(settings, alert.id or 0), ALERT_PROFILE
    )
    alert.audio_path = settings.stored_path(encoded.path)
    alert.audio_sha256 = encoded.sha256
    alert.audio_size = encoded.size
    alert.audio_duration_s = encoded.duration_s


def create_alert(
    db: Session, settings: Settings, data: AlertCreate, now: datetime | None = None
) -> Alert:
    """A new alert, checked: an emergency needs an approved emergency bulletin of the station,
    zones must be zones of the station's devices; its MP3 is made before it is stored."""
    crud.get_or_raise(db, Station, data.station_id)
    start = now or utcnow()
    segment = None
    if data.kind == AlertKind.EMERGENCY:
        segment = _emergency_segment(db, data.station_id, data.segment_id)
        ttl = settings.alert_ttl_s
    elif data.segment_id is not None:
        raise InvalidInput("segment_id", "phát trực tiếp không kèm chuyên mục")
    else:
        ttl = settings.alert_live_max_s
    _check_zones(db, data.station_id, data.zones)
    title = data.title or (segment.title if segment is not None else LIVE_TITLE)
    alert = Alert(
        station_id=data.station_id,
        kind=data.kind,
        segment_id=data.segment_id,
        resume=data.resume,
        title=title[:200],
        zones=data.zones,
        created_at=start,
        expires_at=start + timedelta(seconds=ttl),
        created_by_id=current_actor(db).user_id,
    )
    with audit_as(db, "send_alert", title[:200]):
        db.add(alert)
        crud.flush(db)
        if segment is not None:
            _make_audio(db, settings, alert, segment)
            db.add(alert)
            crud.flush(db)
    changed_on_commit(db)
    return alert


def emergency_approved(
    db: Session, settings: Settings, segment: Segment, again: bool = True
) -> Alert | None:
    """The alert an approved emergency bulletin starts: every device of its station, resume.
    With ``again`` False, none when the bulletin already went out once (a re-approval after a
    pronunciation change must not interrupt every loudspeaker a second time)."""
    if not again and db.exec(select(Alert.id).where(Alert.segment_id == segment.id)).first():
        return None
    data = AlertCreate(
        station_id=segment.station_id,
        kind=AlertKind.EMERGENCY,
        segment_id=segment.id,
        resume=True,
    )
    return create_alert(db, settings, data)


def end_alert(db: Session, alert: Alert, now: datetime | None = None) -> Alert:
    """End an alert now (devices stop it and resume or end as it says)."""
    if alert.ended_at is not None:
        raise Conflict("tin đã kết thúc", code="alert.ended")
    with audit_as(db, "end_alert", alert.title):
        alert.ended_at = now or utcnow()
        db.add(alert)
        crud.flush(db)
    changed_on_commit(db, ended=alert.id)
    return alert


def active_alerts(db: Session, station_id: int, now: datetime) -> list[Alert]:
    """The station's alerts not ended and not expired at ``now``, oldest first."""
    query = select(Alert).where(
        Alert.station_id == station_id,
        col(Alert.ended_at).is_(None),
        col(Alert.expires_at) > as_utc(now),
    )
    return [a for a in db.exec(query.order_by(col(Alert.id))) if is_active(a, now)]


def reaches(alert: Alert, zone: str) -> bool:
    """Whether an alert is for a device of this zone (no zones: every device)."""
    return not alert.zones or zone in alert.zones


def device_alerts(db: Session, device: Device, now: datetime) -> list[Alert]:
    """The active alerts of the device's station that are for its zone."""
    return [a for a in active_alerts(db, device.station_id, now) if reaches(a, device.zone)]


def list_alerts(db: Session, station_ids: Collection[int] | None, limit: int = 100) -> list[Alert]:
    """The latest alerts of these stations (None: of every station), newest first."""
    query = select(Alert).order_by(col(Alert.id).desc()).limit(limit)
    if station_ids is not None:
        query = query.where(col(Alert.station_id).in_(station_ids))
    return list(db.exec(query).all())


def alert_public(alert: Alert, now: datetime | None = None) -> AlertPublic:
    """The API view of an alert, with whether it is active now."""
    active = is_active(alert, now or datetime.now(UTC))
    return AlertPublic.model_validate(alert, update={"active": active})


def alert_audio_path(settings: Settings, alert: Alert) -> Path | None:
    """The MP3 of an emergency alert's bulletin; None for a live one or a missing file."""
    if alert.audio_path is None:
        return None
    path = settings.data_path(alert.audio_path)
    return path if path.is_file() else None
