"""Programme segments, the phases/topics they serve, and stored audio assets."""

from datetime import date, datetime

from pydantic import field_validator
from sqlalchemy import JSON, Column, false
from sqlmodel import Field

from broadcast.models.common import BulletinClass, LoaModel, SegmentKind, SegmentStatus, utcnow
from playlists.types import FixedPosition


def check_segment_weekdays(value: list[int] | None) -> list[int] | None:
    """Weekdays 0 (Monday) … 6 (Sunday), sorted without duplicates; empty = every day."""
    if value is None:
        return None
    if any(day < 0 or day > 6 for day in value):
        raise ValueError("weekdays must be 0 (Monday) … 6 (Sunday)")
    return sorted(set(value))


class AudioAsset(LoaModel, table=True):
    """A stored audio file: an upload converted once, or synthesised speech."""

    __tablename__ = "audio_asset"

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(index=True, unique=True, max_length=64)
    path: str = Field(max_length=1000)
    source: str = Field(default="upload", max_length=20)
    duration_s: float
    sample_rate: int
    channels: int = 1
    integrated_lufs: float | None = None
    true_peak_dbtp: float | None = None
    loudness_range_lu: float | None = None  # issue 4: measured on import (ebur128 LRA)
    engine: str | None = Field(default=None, max_length=50)
    engine_version: str | None = Field(default=None, max_length=100)
    original_name: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class AudioAssetPublic(LoaModel):
    id: int
    content_hash: str
    source: str
    duration_s: float
    sample_rate: int
    channels: int
    integrated_lufs: float | None
    true_peak_dbtp: float | None
    engine: str | None
    engine_version: str | None


class SegmentPhaseLink(LoaModel, table=True):
    __tablename__ = "segment_phase"

    segment_id: int = Field(foreign_key="segment.id", primary_key=True, ondelete="CASCADE")
    phase_id: int = Field(foreign_key="phase.id", primary_key=True)


class SegmentTopicLink(LoaModel, table=True):
    __tablename__ = "segment_topic"

    segment_id: int = Field(foreign_key="segment.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topic.id", primary_key=True)


class SegmentBase(LoaModel):
    station_id: int = Field(foreign_key="station.id", index=True)
    kind: SegmentKind = SegmentKind.ANNOUNCEMENT
    title: str = Field(min_length=1, max_length=300)
    script: str = Field(default="", max_length=20000)
    bulletin_class: BulletinClass = BulletinClass.NORMAL
    air_start: date | None = None
    air_end: date | None = None
    # Sequencing rules (issue 5): weekdays 0 = Monday, empty = every day.
    weekdays: list[int] = Field(default_factory=list, sa_column=Column(JSON))
    min_days_between: int = Field(default=0, ge=0, le=365)
    max_per_day: int | None = Field(default=None, ge=1, le=24)
    max_per_week: int | None = Field(default=None, ge=1, le=168)
    fixed_position: FixedPosition | None = None
    allow_repeat: bool = False
    with_bed: bool = False  # issue 4: the station's music bed plays under this segment

    _weekdays = field_validator("weekdays")(check_segment_weekdays)


class SegmentCreate(SegmentBase):
    voice: str | None = Field(default=None, max_length=50)  # None: the station's default voice
    phase_ids: list[int] = Field(default_factory=list)
    topic_ids: list[int] = Field(default_factory=list)


class SegmentUpdate(LoaModel):
    kind: SegmentKind = Field(default=None)
    title: str = Field(default=None, min_length=1, max_length=300)
    script: str = Field(default=None, max_length=20000)
    bulletin_class: BulletinClass = Field(default=None)
    air_start: date | None = None
    air_end: date | None = None
    voice: str = Field(default=None, max_length=50)
    phase_ids: list[int] = Field(default=None)
    topic_ids: list[int] = Field(default=None)
    weekdays: list[int] = Field(default=None)
    min_days_between: int = Field(default=None, ge=0, le=365)
    max_per_day: int | None = Field(default=None, ge=1, le=24)
    max_per_week: int | None = Field(default=None, ge=1, le=168)
    fixed_position: FixedPosition | None = None
    allow_repeat: bool = Field(default=None)
    with_bed: bool = Field(default=None)

    _weekdays = field_validator("weekdays")(check_segment_weekdays)


class Segment(SegmentBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    voice: str = Field(default="vi", max_length=50)
    status: SegmentStatus = SegmentStatus.DRAFT
    audio_asset_id: int | None = Field(default=None, foreign_key="audio_asset.id")
    speech_asset_id: int | None = Field(default=None, foreign_key="audio_asset.id")
    engine_used: str | None = Field(default=None, max_length=50)
    approved_at: datetime | None = None
    # Four-eyes approval (issue 7): who wrote it, who approved which exact content.
    author_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    approved_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    approved_hash: str | None = Field(default=None, max_length=64)
    # Who wrote part of the content since the last approval (None: rows from before, the author).
    contributor_ids: list[int] | None = Field(default=None, sa_column=Column(JSON))
    review_note: str = Field(default="", max_length=2000)
    # Returned to review only because the lexicon changed its spoken text (the re-approval list).
    lexicon_returned: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    fast_track_reason: str | None = Field(default=None, max_length=2000)
    # The review flow (issue 14): when an editor sent it for review, and their note to approvers.
    submitted_at: datetime | None = None
    submit_note: str = Field(default="", max_length=2000, sa_column_kwargs={"server_default": ""})
    returned_at: datetime | None = None  # an approver sent it back with review_note, not redone
    # A draft the plan importer wrote from a topic, not yet touched by anyone (kept apart).
    plan_template: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class SegmentPublic(SegmentBase):
    id: int
    voice: str
    status: SegmentStatus
    phase_ids: list[int]
    topic_ids: list[int]
    audio_asset_id: int | None
    speech_asset_id: int | None
    engine_used: str | None
    duration_s: float | None
    spoken_text: str | None
    approved_at: datetime | None
    author_id: int | None
    approved_by_id: int | None
    contributor_ids: list[int] | None = None
    review_note: str
    lexicon_returned: bool = False
    fast_track_reason: str | None
    submitted_at: datetime | None = None
    submit_note: str = ""
    returned_at: datetime | None = None
    plan_template: bool = False
    content_hash: str | None = Field(
        default=None,
        description="What approval binds to (the content and its spoken text); send it back "
        "as `reviewed_hash` to approve only what was reviewed.",
    )


class SegmentReview(LoaModel):
    """An approver's decision note: why a segment is returned, or an admin's fast-track reason."""

    note: str = Field(default="", max_length=2000)


class SegmentApproval(SegmentReview):
    """An approval, optionally bound to the content the approver listened to and read."""

    reviewed_hash: str | None = Field(
        default=None,
        min_length=64,
        max_length=64,
        description="The content hash the approver reviewed (the review queue sends it): a "
        "segment whose content changed since is refused with 409 segment.changed.",
    )


class SegmentBatchApproval(LoaModel):
    """Several segments approved at once (the re-approval list), with one note."""

    ids: list[int] = Field(min_length=1, max_length=500)
    note: str = Field(default="", max_length=2000)


class RefusedApproval(LoaModel):
    """One segment of a batch that could not be approved, and why."""

    id: int
    title: str
    error: str
    detail: str


class BatchApprovalPublic(LoaModel):
    """What a batch approval did: the approved ids, the refused ones with their reason."""

    approved: list[int]
    refused: list[RefusedApproval]
