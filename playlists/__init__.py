"""Pure playlist sequencing for ward loudspeaker sessions (no I/O, no database)."""

from playlists.rules import (
    GENERAL_WEIGHT,
    best_phase,
    days_since_aired,
    in_air_window,
    is_eligible,
    segment_weight,
)
from playlists.sequencer import build_daily_playlist
from playlists.types import (
    PEAK_MULTIPLIER,
    BulletinClass,
    PhaseWindow,
    PlannedItem,
    PlannedPlaylist,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
)

__all__ = [
    "GENERAL_WEIGHT",
    "PEAK_MULTIPLIER",
    "BulletinClass",
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
