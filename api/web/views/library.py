"""Read-side helpers of the media library: kind labels, and the library files a select offers
(the station's jingle and bed, a segment's audio)."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from api.web.templating import minutes
from broadcast.library import list_items
from broadcast.models import AudioAsset, LibraryItem, LibraryKind, Segment, SegmentKind, Station
from playlists.types import FixedPosition

LIBRARY_KIND_LABELS = {
    LibraryKind.JINGLE.value: "Nhạc hiệu ngắn (jingle)",
    LibraryKind.BED.value: "Nhạc nền",
    LibraryKind.THEME.value: "Nhạc hiệu mở đầu/kết thúc",
    LibraryKind.RECORDING.value: "Bản tin thu sẵn",
    LibraryKind.UPPER_LEVEL.value: "Tệp của cấp trên (huyện, tỉnh)",
}
STATION_JINGLE_KINDS = (LibraryKind.JINGLE, LibraryKind.THEME)
STATION_BED_KINDS = (LibraryKind.BED,)
THEMES = (LibraryKind.THEME, LibraryKind.JINGLE)
SEGMENT_KINDS: dict[SegmentKind, tuple[LibraryKind, ...]] = {
    SegmentKind.JINGLE: (LibraryKind.JINGLE, LibraryKind.THEME),
    SegmentKind.OPENING: THEMES,
    SegmentKind.CLOSING: THEMES,
    SegmentKind.MUSIC: (LibraryKind.BED, LibraryKind.JINGLE),
    SegmentKind.ANNOUNCEMENT: (LibraryKind.RECORDING, LibraryKind.UPPER_LEVEL),
    SegmentKind.RECORDING: (LibraryKind.RECORDING, LibraryKind.UPPER_LEVEL),
}


def _durations(db: Session, items: Sequence[LibraryItem]) -> dict[int, float]:
    ids = [item.asset_id for item in items]
    rows = db.exec(select(AudioAsset).where(col(AudioAsset.id).in_(ids))).all()
    return {row.id or 0: row.duration_s for row in rows}


def choice_label(item: LibraryItem, duration_s: float | None) -> str:
    """How a library file reads in a select: title, kind and length."""
    return f"{item.title} · {LIBRARY_KIND_LABELS[item.kind.value]} · {minutes(duration_s)}"


def asset_choices(
    db: Session, station: Station, kinds: Sequence[LibraryKind], current: int | None
) -> list[tuple[int, str]]:
    """(asset id, label) of the station's library files of these kinds, for its jingle or bed;
    the current choice is kept when it is not (or no longer) such a file."""
    items = list_items(db, {station.id or 0}, kinds)
    lengths = _durations(db, items)
    choices = {item.asset_id: choice_label(item, lengths.get(item.asset_id)) for item in items}
    if current is not None and current not in choices:
        choices[current] = f"Tệp đang dùng (#{current}, chưa có trong thư viện)"
    return sorted(choices.items(), key=lambda pair: pair[1].casefold())


def segment_kinds(segment: Segment) -> tuple[LibraryKind, ...]:
    """The library kinds that fit a segment: themes for the opening and closing."""
    if segment.fixed_position in (FixedPosition.OPENING, FixedPosition.CLOSING):
        return THEMES
    return SEGMENT_KINDS.get(segment.kind, tuple(LibraryKind))


def segment_choices(db: Session, segment: Segment) -> list[tuple[int, str]]:
    """(item id, label) of the library files of the segment's station that fit it."""
    items = list_items(db, {segment.station_id}, segment_kinds(segment))
    lengths = _durations(db, items)
    return [(item.id or 0, choice_label(item, lengths.get(item.asset_id))) for item in items]


def item_of_segment(db: Session, segment: Segment) -> LibraryItem | None:
    """The library file a segment plays, if its audio came from the library."""
    if segment.audio_asset_id is None:
        return None
    query = select(LibraryItem).where(
        LibraryItem.station_id == segment.station_id,
        LibraryItem.asset_id == segment.audio_asset_id,
    )
    return db.exec(query).first()
