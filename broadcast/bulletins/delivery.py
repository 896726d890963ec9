"""Delivering an approved bulletin: one read-only copy per receiving station, all sharing the
one audio asset rendered at the issuing unit, then placed as its priority says."""

from datetime import datetime

from sqlmodel import Session

from broadcast import crud
from broadcast.alerts import emergency_approved
from broadcast.bulletins.placing import apply_order, next_station_session, put_in_session
from broadcast.config import Settings
from broadcast.errors import LoaError
from broadcast.models import AudioAsset, BulletinClass, Segment, SegmentStatus, Station, Unit
from broadcast.models.common import SegmentKind
from broadcast.models.session import Bulletin, BulletinDelivery
from broadcast.programming import urgent_session
from broadcast.segments import content_hash

ONCE_DAYS = 365  # a normal bulletin the sequencer places itself airs once in its window


def _copy(db: Session, bulletin: Bulletin, station_id: int, asset: AudioAsset) -> Segment:
    """The station's segment for the bulletin: approved as issued, with the shared audio."""
    unit = crud.get_or_raise(db, Unit, bulletin.unit_id)
    normal = bulletin.bulletin_class is BulletinClass.NORMAL
    segment = Segment(
        station_id=station_id,
        kind=SegmentKind.ANNOUNCEMENT,
        title=bulletin.title[:300],
        script=bulletin.script,
        voice=bulletin.voice,
        bulletin_class=bulletin.bulletin_class,
        # A normal bulletin: the sequencer may place it itself from the deadline on.
        air_start=(bulletin.place_by or bulletin.air_start) if normal else bulletin.air_start,
        air_end=bulletin.air_end,
        min_days_between=ONCE_DAYS if normal else 0,
        max_per_day=1 if normal else None,
        audio_asset_id=asset.id,
        status=SegmentStatus.APPROVED,
        author_id=bulletin.author_id,
        approved_by_id=bulletin.approved_by_id,
        approved_at=bulletin.approved_at,
        contributor_ids=[],
        review_note=f"Bản tin của {unit.name}"[:2000],
    )
    db.add(segment)
    crud.flush(db)
    segment.approved_hash = content_hash(db, segment)
    db.add(segment)
    return segment


def _priority(
    db: Session, delivery: BulletinDelivery, station: Station, gap_s: float, now: datetime | None
) -> str:
    """Into the station's next session, before the station's own priority items."""
    session = next_station_session(db, station, gap_s, now)
    if session is None:
        return "đài chưa có buổi phát sắp tới"
    if session.locked:
        return f"buổi {session.day} đã khoá: bản tin vào các buổi sau"
    put_in_session(db, session, delivery.segment_id, None, gap_s)
    apply_order(db, delivery, session, gap_s)
    return f"đã chèn vào buổi {session.day}"


def _emergency(
    db: Session, settings: Settings, delivery: BulletinDelivery, segment: Segment, gap_s: float
) -> str:
    """On air at once (an alert to the station's devices) and into the next session."""
    emergency_approved(db, settings, segment)
    answer = urgent_session(db, delivery.station_id, segment.id, gap_s)
    return f"đã phát cảnh báo và chèn vào buổi {answer['day']}"


def deliver(
    db: Session,
    settings: Settings,
    bulletin: Bulletin,
    stations: list[int],
    asset: AudioAsset,
    gap_s: float,
    now: datetime | None = None,
) -> list[BulletinDelivery]:
    """A delivery (and a copy) per receiving station, placed as the bulletin's class says;
    what could not be done at one station is noted on its delivery, not failed for all."""
    deliveries = []
    for station_id in stations:
        segment = _copy(db, bulletin, station_id, asset)
        delivery = BulletinDelivery(
            bulletin_id=bulletin.id or 0, station_id=station_id, segment_id=segment.id or 0
        )
        db.add(delivery)
        crud.flush(db)
        station = crud.get_or_raise(db, Station, station_id)
        try:
            if bulletin.bulletin_class is BulletinClass.PRIORITY:
                delivery.note = _priority(db, delivery, station, gap_s, now)
            elif bulletin.bulletin_class is BulletinClass.EMERGENCY:
                delivery.note = _emergency(db, settings, delivery, segment, gap_s)
        except LoaError as exc:  # checked before writing: nothing half done at the station
            delivery.note = exc.message[:2000]
        db.add(delivery)
        deliveries.append(delivery)
    crud.flush(db)
    return deliveries
