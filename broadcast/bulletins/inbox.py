"""What a receiving station does with a bulletin: place it (a session of its choice), refuse
it with a reason (normal bulletins not yet placed), order it among its own priority items."""

from sqlmodel import Session

from broadcast import crud
from broadcast.bulletins.placing import put_in_session, reorder_everywhere
from broadcast.bulletins.states import delivery_state
from broadcast.errors import Conflict, InvalidInput
from broadcast.models import BroadcastSession, BulletinClass, Segment, SegmentStatus
from broadcast.models.common import utcnow
from broadcast.models.session import Bulletin, BulletinDelivery, DeliveryState


def _bulletin(db: Session, delivery: BulletinDelivery) -> Bulletin:
    return crud.get_or_raise(db, Bulletin, delivery.bulletin_id)


def _refuse_refused(delivery: BulletinDelivery) -> None:
    if delivery.refused_at is not None:
        raise Conflict("đài đã từ chối bản tin này", code="bulletin.refused")


def place_delivery(
    db: Session,
    delivery: BulletinDelivery,
    session: BroadcastSession | None,
    position: int | None,
    gap_s: float,
) -> int:
    """Put the copy into a session of the station within the bulletin's window; its place."""
    _refuse_refused(delivery)
    bulletin = _bulletin(db, delivery)
    if session is None or session.station_id != delivery.station_id:
        raise InvalidInput("playlist_id", "buổi phát không thuộc đài nhận bản tin")
    if not bulletin.air_start <= session.day <= bulletin.air_end:
        raise InvalidInput(
            "playlist_id",
            f"buổi {session.day} nằm ngoài thời gian phát "
            f"({bulletin.air_start} – {bulletin.air_end})",
        )
    place = put_in_session(db, session, delivery.segment_id, position, gap_s)
    reorder_everywhere(db, delivery, gap_s)
    return place


def refuse_delivery(db: Session, delivery: BulletinDelivery, reason: str) -> BulletinDelivery:
    """Refuse a normal bulletin not yet placed; its copy is retired (never planned)."""
    _refuse_refused(delivery)
    if _bulletin(db, delivery).bulletin_class is not BulletinClass.NORMAL:
        raise Conflict(
            "chỉ được từ chối tin thường; tin ưu tiên và khẩn cấp phải phát",
            code="bulletin.refuse_not_allowed",
        )
    if delivery_state(db, delivery)[0] is not DeliveryState.RECEIVED:
        raise Conflict(
            "bản tin đã được xếp vào buổi phát: bỏ khỏi buổi trước khi từ chối",
            code="bulletin.placed",
        )
    if not reason.strip():
        raise InvalidInput("reason", "ghi rõ lý do từ chối")
    delivery.refused_at = utcnow()
    delivery.refuse_reason = reason.strip()
    segment = crud.get_or_raise(db, Segment, delivery.segment_id)
    segment.status = SegmentStatus.RETIRED
    db.add(segment)
    db.add(delivery)
    crud.flush(db)
    return delivery


def order_delivery(
    db: Session, delivery: BulletinDelivery, bulletin_first: bool, gap_s: float
) -> list[int]:
    """Choose whether the bulletin airs before or after the station's own priority items, in
    every session not locked that holds it; the sessions changed."""
    _refuse_refused(delivery)
    delivery.bulletin_first = bulletin_first
    db.add(delivery)
    crud.flush(db)
    return reorder_everywhere(db, delivery, gap_s)
