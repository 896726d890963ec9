"""Where a bulletin stands at each receiving station, read from what happened there: its copy
in a running order (placed), that session exported, that session's as-run (aired)."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.models import AsRun, BroadcastSession, Export, PlaylistItem, Station, Unit
from broadcast.models.asrun import AsRunStatus
from broadcast.models.session import Bulletin, BulletinDelivery, DeliveryPublic, DeliveryState


def _aired(run: AsRun, item: PlaylistItem) -> bool:
    """Whether a session's as-run covers the item: aired whole, or partly past its end."""
    if run.status == AsRunStatus.AIRED:
        return True
    until = run.aired_until_s
    return (
        run.status == AsRunStatus.PARTLY
        and until is not None
        and until >= (item.start_offset_s + item.duration_s - 0.5)
    )


def delivery_state(db: Session, delivery: BulletinDelivery) -> tuple[DeliveryState, list[int]]:
    """The delivery's state and the sessions holding its copy."""
    if delivery.refused_at is not None:
        return DeliveryState.REFUSED, []
    items = db.exec(
        select(PlaylistItem).where(PlaylistItem.segment_id == delivery.segment_id)
    ).all()
    sessions = sorted({item.playlist_id for item in items})
    if not sessions:
        return DeliveryState.RECEIVED, []
    runs = {
        run.playlist_id: run
        for run in db.exec(select(AsRun).where(col(AsRun.playlist_id).in_(sessions)))
    }
    if any(item.playlist_id in runs and _aired(runs[item.playlist_id], item) for item in items):
        return DeliveryState.AIRED, sessions
    exported = db.exec(select(Export.id).where(col(Export.playlist_id).in_(sessions))).first()
    return (DeliveryState.EXPORTED if exported else DeliveryState.PLACED), sessions


def delivery_public(db: Session, delivery: BulletinDelivery) -> DeliveryPublic:
    """A delivery as the issuing unit and the receiving station read it."""
    bulletin = crud.get_or_raise(db, Bulletin, delivery.bulletin_id)
    station = crud.get_or_raise(db, Station, delivery.station_id)
    unit = crud.get_or_raise(db, Unit, bulletin.unit_id)
    state, sessions = delivery_state(db, delivery)
    return DeliveryPublic(
        id=delivery.id or 0,
        bulletin_id=bulletin.id or 0,
        station_id=station.id or 0,
        station_name=station.name,
        segment_id=delivery.segment_id,
        title=bulletin.title,
        bulletin_class=bulletin.bulletin_class,
        air_start=bulletin.air_start,
        air_end=bulletin.air_end,
        place_by=bulletin.place_by,
        unit_name=unit.name,
        state=state,
        playlist_ids=sessions,
        bulletin_first=delivery.bulletin_first,
        note=delivery.note,
        refused_at=delivery.refused_at,
        refuse_reason=delivery.refuse_reason,
    )


def bulletin_deliveries(db: Session, bulletin_id: int) -> Sequence[BulletinDelivery]:
    """A bulletin's deliveries, by station."""
    query = select(BulletinDelivery).where(BulletinDelivery.bulletin_id == bulletin_id)
    return db.exec(query.order_by(col(BulletinDelivery.station_id))).all()


def station_inbox(db: Session, station_id: int) -> Sequence[BulletinDelivery]:
    """The bulletins a station received, newest first."""
    query = select(BulletinDelivery).where(BulletinDelivery.station_id == station_id)
    return db.exec(query.order_by(col(BulletinDelivery.id).desc())).all()


def open_sessions(db: Session, station_id: int, bulletin: Bulletin) -> Sequence[BroadcastSession]:
    """The station's stored sessions in the bulletin's window, where it may be placed."""
    query = select(BroadcastSession).where(
        BroadcastSession.station_id == station_id,
        col(BroadcastSession.day) >= bulletin.air_start,
        col(BroadcastSession.day) <= bulletin.air_end,
    )
    return db.exec(query.order_by(col(BroadcastSession.day), col(BroadcastSession.id))).all()
