"""Replacing a library file's audio: every segment playing it goes back to review."""

from pathlib import Path

from sqlmodel import Session

from broadcast import crud
from broadcast.audit import audit_as
from broadcast.config import Settings
from broadcast.library.items import import_for_item
from broadcast.library.usage import using_segments, using_station
from broadcast.models import LibraryItem, Segment, Station
from broadcast.models.common import utcnow
from broadcast.segments import attach_asset

REPLACED_NOTE = "Tệp âm thanh «{title}» trong thư viện đã được thay: nghe lại và duyệt lại."


def replace_item(
    db: Session, settings: Settings, item: LibraryItem, src: Path, name: str | None
) -> list[Segment]:
    """Give a library file new audio; the segments playing it take the new audio and go back
    to review (whoever replaced it may not approve them), the station's jingle or bed follow."""
    station = crud.get_or_raise(db, Station, item.station_id)
    old_asset_id = item.asset_id
    segments = using_segments(db, item)
    chosen_by = using_station(db, item)
    asset = import_for_item(db, settings, station, src, name)
    note = REPLACED_NOTE.format(title=item.title)
    with audit_as(db, "return", note):
        for segment in segments:
            attach_asset(db, segment, asset)
            segment.review_note = note
            db.add(segment)
        if chosen_by is not None:
            if chosen_by.jingle_asset_id == old_asset_id:
                chosen_by.jingle_asset_id = asset.id
            if chosen_by.bed_asset_id == old_asset_id:
                chosen_by.bed_asset_id = asset.id
            db.add(chosen_by)
        item.asset_id = asset.id or 0
        item.updated_at = utcnow()
        db.add(item)
        crud.flush(db)
    return segments
