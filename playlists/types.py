"""Frozen value types for pure playlist sequencing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

#: Multiplier applied to a phase's weight on days inside its peak window.
PEAK_MULTIPLIER = 2.0


class BulletinClass(StrEnum):
    """Urgency class of a bulletin; emergency airs before priority before normal."""

    NORMAL = "normal"
    PRIORITY = "priority"
    EMERGENCY = "emergency"


class FixedPosition(StrEnum):
    """A place in the session a segment must take when it airs."""

    OPENING = "opening"
    AFTER_OPENING = "after_opening"
    BEFORE_CLOSING = "before_closing"
    CLOSING = "closing"


class SegmentRole(StrEnum):
    """Where a segment goes in a session: framing (opening/closing) or body."""

    OPENING = "opening"
    CLOSING = "closing"
    BODY = "body"


def _require_finite(name: str, value: float, *, minimum: float, strict: bool = False) -> None:
    """Raise ValueError unless ``value`` is finite and above (or at) ``minimum``."""
    too_small = value <= minimum if strict else value < minimum
    if not math.isfinite(value) or too_small:
        relation = ">" if strict else ">="
        raise ValueError(f"{name} must be finite and {relation} {minimum}, got {value!r}")


@dataclass(frozen=True)
class PhaseWindow:
    """A campaign phase active on the inclusive date range ``start``..``end``.

    ``peak_start``/``peak_end`` (inclusive) must be given together or not at all.
    A day counts as "in peak" only if the phase is also active that day.
    """

    id: int
    label: str
    start: date
    end: date
    weight: float = 1.0
    peak_start: date | None = None
    peak_end: date | None = None

    def __post_init__(self) -> None:
        """Validate the date ranges and the weight."""
        if self.start > self.end:
            raise ValueError(f"phase {self.id}: start {self.start} is after end {self.end}")
        _require_finite("weight", self.weight, minimum=0.0)
        if (self.peak_start is None) != (self.peak_end is None):
            raise ValueError(f"phase {self.id}: peak_start and peak_end go together")
        if (
            self.peak_start is not None
            and self.peak_end is not None
            and (self.peak_start > self.peak_end)
        ):
            raise ValueError(f"phase {self.id}: peak_start is after peak_end")

    def is_active(self, day: date) -> bool:
        """Return True if ``day`` lies within the phase's inclusive window."""
        return self.start <= day <= self.end

    def in_peak(self, day: date) -> bool:
        """Return True if the phase is active and ``day`` lies within its peak window."""
        if self.peak_start is None or self.peak_end is None:
            return False
        return self.is_active(day) and self.peak_start <= day <= self.peak_end

    def effective_weight(self, day: date) -> float:
        """Return the weight on ``day``: doubled in the peak window, 0.0 when inactive."""
        if not self.is_active(day):
            return 0.0
        return self.weight * PEAK_MULTIPLIER if self.in_peak(day) else self.weight


@dataclass(frozen=True)
class SegmentCandidate:
    """An approved-or-not programme segment offered to the sequencer.

    ``phase_ids`` empty means *general* content: eligible on any day (when approved
    and inside its air window) with weight ``rules.GENERAL_WEIGHT`` (0.5), i.e. below
    phase content of default weight 1.0.
    """

    id: int
    title: str
    role: SegmentRole
    bulletin_class: BulletinClass
    duration_s: float
    approved: bool
    air_start: date | None = None
    air_end: date | None = None
    phase_ids: tuple[int, ...] = ()
    last_aired: date | None = None
    #: Days of the week (0 = Monday) the segment may air on; empty = every day.
    weekdays: tuple[int, ...] = ()
    #: Whole days that must pass between two airing days (0 = may air on consecutive days).
    min_days_between: int = 0
    max_per_day: int | None = None
    max_per_week: int | None = None
    fixed_position: FixedPosition | None = None
    #: May air twice in one session to fill time left over.
    allow_repeat: bool = False
    topic_ids: tuple[int, ...] = ()
    #: Place among the items of its class: -1 before them (a higher unit's bulletin, by default),
    #: 1 after them, 0 the station's own.
    class_order: int = 0
    #: Airings already planned on the day being planned / in its ISO week.
    aired_today: int = 0
    aired_this_week: int = 0

    def __post_init__(self) -> None:
        """Validate the duration and the air window."""
        _require_finite("duration_s", self.duration_s, minimum=0.0, strict=True)
        if any(day < 0 or day > 6 for day in self.weekdays):
            raise ValueError(f"segment {self.id}: weekdays must be 0..6")
        if (
            self.air_start is not None
            and self.air_end is not None
            and (self.air_start > self.air_end)
        ):
            raise ValueError(f"segment {self.id}: air_start is after air_end")

    @property
    def is_general(self) -> bool:
        """Return True if the segment serves no particular phase."""
        return not self.phase_ids


@dataclass(frozen=True)
class TopicShare:
    """A topic of a phase and its weight in the phase's airtime."""

    id: int
    phase_id: int
    weight: float = 1.0

    def __post_init__(self) -> None:
        """Validate the weight."""
        _require_finite("weight", self.weight, minimum=0.0, strict=True)


@dataclass(frozen=True)
class SlotSpec:
    """A daily broadcast session: start time, maximum length and gap between items."""

    id: int
    start: time
    max_seconds: float
    gap_s: float = 1.0
    #: Days of the week (0 = Monday) the session runs; empty = every day.
    weekdays: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        """Validate the length and the gap."""
        _require_finite("max_seconds", self.max_seconds, minimum=0.0)
        _require_finite("gap_s", self.gap_s, minimum=0.0)


@dataclass(frozen=True)
class PlannedItem:
    """One segment placed in a session; ``position`` is 0-based."""

    segment_id: int
    position: int
    start_offset_s: float
    duration_s: float
    reason: str
    pinned: bool = False

    @property
    def end_offset_s(self) -> float:
        """Return the offset (seconds from session start) where this item ends."""
        return self.start_offset_s + self.duration_s


@dataclass(frozen=True)
class PlannedPlaylist:
    """The planned running order of one session on one day.

    ``skipped`` holds ``(segment_id, Vietnamese reason)`` for every input segment that
    was not placed, sorted by segment id.
    """

    day: date
    slot_id: int
    items: tuple[PlannedItem, ...]
    total_s: float
    unused_s: float
    skipped: tuple[tuple[int, str], ...]
