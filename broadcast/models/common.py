"""Shared column helpers and enumerations of the domain."""

from datetime import UTC, datetime
from enum import StrEnum

# The regulation's bulletin classes are the sequencer's own: one definition, re-exported.
from playlists.types import BulletinClass as BulletinClass


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class EventLevel(StrEnum):
    WARD = "ward"
    DISTRICT = "district"
    CITY = "city"
    NATIONAL = "national"
    OTHER = "other"


class PhaseKind(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    GENERAL = "general"


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class SegmentKind(StrEnum):
    ANNOUNCEMENT = "announcement"
    RECORDING = "recording"
    JINGLE = "jingle"
    OPENING = "opening"
    CLOSING = "closing"
    MUSIC = "music"


class SegmentStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    RETIRED = "retired"


class PlaylistStatus(StrEnum):
    GENERATED = "generated"
    EXPORTED = "exported"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobKind(StrEnum):
    RENDER_SEGMENT = "render_segment"
    EXPORT_PLAYLIST = "export_playlist"
