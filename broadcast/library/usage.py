"""Where a library file is used, and choosing it as a segment's audio."""

from sqlmodel import Session, col, or_, select

from broadcast import crud
from broadcast.errors import InvalidInput
from broadcast.models import AudioAsset, LibraryItem, LibraryUse, Segment, Station
from broadcast.segments import attach_asset

JINGLE_TITLE = "Nhạc hiệu của đài"
BED_TITLE = "Nhạc nền của đài"


def using_segments(db: Session, item: LibraryItem) -> list[Segment]:
    """The station's segments whose audio is this file."""
    query = select(Segment).where(
        Segment.station_id == item.station_id, Segment.audio_asset_id == item.asset_id
    )
    return list(db.exec(query.order_by(col(Segment.id))).all())


def using_station(db: Session, item: LibraryItem) -> Station | None:
    """The item's station when the file is its jingle or its music bed."""
    query = select(Station).where(
        Station.id == item.station_id,
        or_(Station.jingle_asset_id == item.asset_id, Station.bed_asset_id == item.asset_id),
    )
    return db.exec(query).first()


def where_used(db: Session, item: LibraryItem) -> list[LibraryUse]:
    """Segments playing the file, and the station settings naming it (jingle, bed)."""
    uses = [
        LibraryUse(kind="segment", id=s.id or 0, title=s.title, status=s.status.value)
        for s in using_segments(db, item)
    ]
    station = using_station(db, item)
    if station is not None and station.jingle_asset_id == item.asset_id:
        uses.append(LibraryUse(kind="station_jingle", id=station.id or 0, title=JINGLE_TITLE))
    if station is not None and station.bed_asset_id == item.asset_id:
        uses.append(LibraryUse(kind="station_bed", id=station.id or 0, title=BED_TITLE))
    return uses


def attach_item(db: Session, segment: Segment, item: LibraryItem) -> Segment:
    """Make a library file the segment's audio (of the same station); it goes back to review."""
    if item.station_id != segment.station_id:
        raise InvalidInput("item_id", f"tệp {item.id} không có trong thư viện của đài này")
    if segment.audio_asset_id == item.asset_id:
        return segment
    return attach_asset(db, segment, crud.get_or_raise(db, AudioAsset, item.asset_id))
