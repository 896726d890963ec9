"""Pure playlist sequencing for ward loudspeaker sessions (no I/O, no database).

campaign.py   Programme a date range: every session of every day, carrying the airing history along
fitting.py    Slot fitting: choose the best-valued set of items whose lengths fit a capacity
offers.py     A segment offered for one day: its place, the phase it serves and its value
quiet.py      Quiet hours: local wall-clock windows in which no normal or priority session may air
reasons.py    Vietnamese, human-readable reasons for sequencing decisions
rules.py      Small pure predicates and scorers used by the sequencer
running_order.py  Fixed places: the opening stays first and the closing last, whatever the edit
sequencer.py  Build one session's running order from candidate segments (pure, deterministic)
state.py      Airing history carried from one session to the next while programming a range
types.py      Frozen value types for pure playlist sequencing
"""

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
