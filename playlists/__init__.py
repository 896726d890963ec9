"""Pure playlist sequencing for ward loudspeaker sessions (no I/O, no database)."""

from playlists.campaign import RangeInput, SessionOverride, next_session, plan_range
from playlists.rules import (
    GENERAL_WEIGHT,
    best_phase,
    days_since_aired,
    in_air_window,
    is_eligible,
    segment_weight,
)
from playlists.sequencer import Pin, build_daily_playlist
from playlists.types import (
    PEAK_MULTIPLIER,
    BulletinClass,
    FixedPosition,
    PhaseWindow,
    PlannedItem,
    PlannedPlaylist,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
    TopicShare,
)

__all__ = [
    "GENERAL_WEIGHT",
    "PEAK_MULTIPLIER",
    "BulletinClass",
    "FixedPosition",
    "Pin",
    "RangeInput",
    "SessionOverride",
    "TopicShare",
    "next_session",
    "plan_range",
    "PhaseWindow",
    "PlannedItem",
    "PlannedPlaylist",
    "SegmentCandidate",
    "SegmentRole",
    "SlotSpec",
    "best_phase",
    "build_daily_playlist",
    "days_since_aired",
    "in_air_window",
    "is_eligible",
    "segment_weight",
]
