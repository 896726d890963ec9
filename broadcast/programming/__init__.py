"""Programming: sessions filled by the pure sequencer (one or a range), hand edits, urgent."""

from broadcast.programming.candidates import (
    active_phases,
    phase_live,
    segment_candidates,
    station_slots,
)
from broadcast.programming.edits import (
    insert_item,
    lock_day,
    lock_playlist,
    move_item,
    pin_item,
    remove_item,
)
from broadcast.programming.service import (
    check_range,
    generate_playlist,
    generate_session,
    list_playlists,
    playlist_items,
    playlist_public,
    program_range,
    station_slot,
)
from broadcast.programming.urgent import urgent_session

__all__ = [
    "active_phases",
    "check_range",
    "generate_playlist",
    "generate_session",
    "insert_item",
    "list_playlists",
    "lock_day",
    "lock_playlist",
    "move_item",
    "phase_live",
    "pin_item",
    "playlist_items",
    "playlist_public",
    "program_range",
    "remove_item",
    "segment_candidates",
    "station_slot",
    "station_slots",
    "urgent_session",
]
