"""Approving a bulletin at its issuing unit (four eyes) and sending it down the tree."""

from datetime import datetime

from sqlmodel import Session

from broadcast import crud
from broadcast.audit import audit_as, current_actor
from broadcast.bulletins.delivery import deliver
from broadcast.bulletins.issue import refuse_issued, target_stations
from broadcast.config import Settings
from broadcast.errors import Conflict, Forbidden
from broadcast.media import speak
from broadcast.models import AudioAsset
from broadcast.models.common import utcnow
from broadcast.models.session import Bulletin, BulletinDelivery


def bulletin_audio(db: Session, settings: Settings, bulletin: Bulletin) -> AudioAsset:
    """The one audio every receiving station airs: the upload, else the script spoken once
    with the shared lexicon (the speech cache is keyed by content)."""
    if bulletin.audio_asset_id is not None:
        return crud.get_or_raise(db, AudioAsset, bulletin.audio_asset_id)
    if not bulletin.script.strip():
        raise Conflict(
            "bản tin chưa có kịch bản hoặc tệp âm thanh để phát", code="bulletin.no_content"
        )
    what = f"bản tin {bulletin.id}"
    return speak(db, settings, bulletin.script, bulletin.voice, None, what)[0]


def approve_bulletin(
    db: Session,
    settings: Settings,
    bulletin: Bulletin,
    note: str = "",
    now: datetime | None = None,
) -> list[BulletinDelivery]:
    """Approve a bulletin (never by someone who wrote part of it) and deliver it to every
    receiving station; the deliveries."""
    refuse_issued(bulletin)
    actor = current_actor(db)
    if actor.user_id is not None and actor.user_id in bulletin.contributor_ids:
        raise Forbidden(
            "người đã soạn hoặc sửa bản tin này không được tự duyệt (nguyên tắc bốn mắt)",
            code="bulletin.own_approval",
        )
    stations = target_stations(db, bulletin)
    if not stations:
        raise Conflict("không có đài nào nhận bản tin này", code="bulletin.no_station")
    asset = bulletin_audio(db, settings, bulletin)
    with audit_as(db, "approve", note):
        bulletin.approved_by_id = actor.user_id
        bulletin.approved_at = utcnow()
        db.add(bulletin)
        crud.flush(db)
    return deliver(db, settings, bulletin, stations, asset, settings.gap_seconds, now)
