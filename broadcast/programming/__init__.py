"""Programming: sessions filled by the pure sequencer (one or a range), hand edits, urgent.

candidates.py  Plain values for the sequencer: phases, topics, slots, segments and airing history
edits.py       Manual edits of a session's playlist: insert, remove, pin, move an item (the
               opening stays first, the closing last)
locking.py     Locked sessions are frozen: lock/unlock a session or a range of days
service.py     Programming: gather the data, call the pure sequencer for a session or a range,
               store it
urgent.py      Emergency bulletins: re-plan the very next session and export it at once
"""

from broadcast.programming.candidates import (
    active_phases,
    phase_live,
    segment_candidates,
    slot_spec,
    station_slots,
)
from broadcast.programming.edits import insert_item, move_item, pin_item, remove_item
from broadcast.programming.locking import (
    LOCKED_CODE,
    lock_day,
    lock_range,
    lock_session,
    refuse_locked,
)
from broadcast.programming.service import (
    check_range,
    generate_session,
    list_sessions,
    programme_range,
    session_items,
    session_public,
    station_slot,
)
from broadcast.programming.urgent import urgent_session

__all__ = [
    "LOCKED_CODE",
    "active_phases",
    "check_range",
    "generate_session",
    "insert_item",
    "list_sessions",
    "lock_day",
    "lock_range",
    "lock_session",
    "move_item",
    "phase_live",
    "pin_item",
    "session_items",
    "session_public",
    "programme_range",
    "refuse_locked",
    "remove_item",
    "segment_candidates",
    "slot_spec",
    "station_slot",
    "station_slots",
    "urgent_session",
]
