"""Where a bulletin stands at each receiving station, read from what happened there: its copy
in a running order (placed), that session exported, that session's as-run (aired)."""

from collections.abc import Collection, Sequence
from datetime import date

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


def delivery_states(
    db: Session, deliveries: Sequence[BulletinDelivery]
) -> dict[int, tuple[DeliveryState, list[int]]]:
    """Each delivery's state and the sessions holding its copy, by delivery id (3 queries)."""
    segment_ids = {d.segment_id for d in deliveries if d.refused_at is None}
    items = db.exec(select(PlaylistItem).where(col(PlaylistItem.segment_id).in_(segment_ids))).all()
    session_ids = {item.playlist_id for item in items}
    runs = {
        run.playlist_id: run
        for run in db.exec(select(AsRun).where(col(AsRun.playlist_id).in_(session_ids)))
    }
    exported = set(
        db.exec(select(Export.playlist_id).where(col(Export.playlist_id).in_(session_ids)))
    )
    by_segment: dict[int | None, list[PlaylistItem]] = {}
    for item in items:
        by_segment.setdefault(item.segment_id, []).append(item)
    found: dict[int, tuple[DeliveryState, list[int]]] = {}
    for delivery in deliveries:
        mine = by_segment.get(delivery.segment_id, [])
        sessions = sorted({item.playlist_id for item in mine})
        if delivery.refused_at is not None:
            state, sessions = DeliveryState.REFUSED, []
        elif not sessions:
            state = DeliveryState.RECEIVED
        elif any(i.playlist_id in runs and _aired(runs[i.playlist_id], i) for i in mine):
            state = DeliveryState.AIRED
        elif exported & set(sessions):
            state = DeliveryState.EXPORTED
        else:
            state = DeliveryState.PLACED
        found[delivery.id or 0] = (state, sessions)
    return found


def delivery_state(db: Session, delivery: BulletinDelivery) -> tuple[DeliveryState, list[int]]:
    """The delivery's state and the sessions holding its copy."""
    return delivery_states(db, [delivery])[delivery.id or 0]


def received_in(
    db: Session, station_ids: Collection[int], start: date, end: date
) -> Sequence[BulletinDelivery]:
    """The deliveries to these stations of bulletins whose air window meets the period."""
    query = (
        select(BulletinDelivery)
        .join(Bulletin, col(Bulletin.id) == BulletinDelivery.bulletin_id)
        .where(
            col(BulletinDelivery.station_id).in_(list(station_ids)),
            col(Bulletin.air_start) <= end,
            col(Bulletin.air_end) >= start,
        )
    )
    return db.exec(query.order_by(col(BulletinDelivery.id))).all()


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
