"""Shared column helpers and enumerations of the domain."""

import re
import unicodedata
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import field_validator
from sqlmodel import SQLModel

# The regulation's bulletin classes are the sequencer's own: one definition, re-exported.
from playlists.types import BulletinClass as BulletinClass

MAX_ID = 2**31 - 1  # ids and other integers beyond this are refused, not overflowed
# C0 control characters but tab, line feed and carriage return (one regex scan, not a loop).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_value(value: Any) -> Any:
    """NFC text without control characters, integers within the storable range, times in UTC."""
    if isinstance(value, str):
        if _CONTROLS.search(value):
            raise ValueError("không được chứa ký tự điều khiển")
        if value.isascii() or unicodedata.is_normalized("NFC", value):
            return value
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > MAX_ID:
        raise ValueError(f"số quá lớn (tối đa {MAX_ID})")
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, datetime):
        return as_utc(value)  # stored times are UTC without an offset (SQLite keeps none)
    return value


class LoaModel(SQLModel):
    """Base of every model: text is NFC, integers fit the database, times are UTC.

    In an XUpdate model a field left out keeps its value; a field typed without None (default
    None, never validated) refuses null with a 422 naming it; `X | None` fields may be cleared.
    """

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_value(value)


def as_utc(value: datetime) -> datetime:
    """A stored time (UTC, with or without an offset) as an aware UTC time."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_text(value: datetime) -> str:
    """A time in the API's one format: ISO 8601 in UTC ending in Z, as pydantic writes it."""
    return as_utc(value).isoformat().replace("+00:00", "Z")


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
    SUBMITTED = "submitted"  # sent for review by an editor: the approvers' queue
    APPROVED = "approved"
    RETIRED = "retired"


class SessionStatus(StrEnum):
    GENERATED = "generated"
    EXPORTED = "exported"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobKind(StrEnum):
    RENDER_SEGMENT = "render_segment"
    EXPORT_SESSION = "export_playlist"  # stored by name; migration 0002 renamed older rows
    SPEECH_PREVIEW = "speech_preview"
    EXPORT_BUNDLE = "export_bundle"
    SCHEDULER_RUN = "scheduler_run"
