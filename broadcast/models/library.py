"""The media library: a station's own audio files (jingles, beds, themes, recordings, files
sent by the district or province), each pointing to a stored audio asset."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from broadcast.models.common import LoaModel, utcnow


class LibraryKind(StrEnum):
    """What a library file is for."""

    JINGLE = "jingle"
    BED = "bed"
    THEME = "theme"  # opening or closing theme of a session
    RECORDING = "recording"  # a recorded announcement
    UPPER_LEVEL = "upper_level"  # a file from the district or province


class LibraryItemUpdate(LoaModel):
    title: str = Field(default=None, min_length=1, max_length=300)
    kind: LibraryKind = Field(default=None)


class LibraryItem(LoaModel, table=True):
    """One file of a station's library; the same content in two stations is two items."""

    __tablename__ = "library_item"
    __table_args__ = (UniqueConstraint("station_id", "asset_id", name="uq_library_item_asset"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    asset_id: int = Field(foreign_key="audio_asset.id", index=True)
    kind: LibraryKind
    title: str = Field(min_length=1, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class LibraryUse(LoaModel):
    """Something that uses a library file: a segment, or the station's jingle or bed."""

    kind: str = Field(description="segment, station_jingle or station_bed")
    id: int
    title: str
    status: str | None = None


class LibraryItemPublic(LoaModel):
    id: int
    station_id: int
    asset_id: int
    kind: LibraryKind
    title: str
    original_name: str | None
    duration_s: float
    integrated_lufs: float | None
    true_peak_dbtp: float | None
    loudness_text: str = Field(description="Độ lớn nói bằng lời, so với mức mục tiêu của đài")
    used_by: list[LibraryUse]
    created_at: datetime
    updated_at: datetime


class LibraryReplacePublic(LoaModel):
    """A replaced file: the item, and the segments that went back to review."""

    item: LibraryItemPublic
    returned_segment_ids: list[int]


class LibraryAttach(LoaModel):
    """A library file chosen as a segment's audio."""

    item_id: int = Field(ge=1)
