"""Bulletins down the tree: a unit issues, its approvers approve (four eyes), every station
below receives a read-only copy sharing one audio asset, placed as its priority says.

issue.py     write a draft at a unit: content, window, deadline, targets
approval.py  approve at the issuing unit, render the audio once, deliver
delivery.py  one copy and delivery row per station; priority and emergency placed at once
placing.py   the next session, insertion, and the order among a station's own priority items
inbox.py     a receiving station places, refuses or orders what it received
states.py    received → placed → exported → aired (or refused), read from what happened
"""

from broadcast.bulletins.approval import approve_bulletin, bulletin_audio
from broadcast.bulletins.inbox import order_delivery, place_delivery, refuse_delivery
from broadcast.bulletins.issue import (
    attach_bulletin_audio,
    create_bulletin,
    get_bulletin,
    list_bulletins,
    target_stations,
    update_bulletin,
)
from broadcast.bulletins.states import (
    bulletin_deliveries,
    delivery_public,
    delivery_state,
    delivery_states,
    open_sessions,
    received_in,
    station_inbox,
)

__all__ = [
    "approve_bulletin",
    "attach_bulletin_audio",
    "bulletin_audio",
    "bulletin_deliveries",
    "create_bulletin",
    "delivery_public",
    "delivery_state",
    "delivery_states",
    "get_bulletin",
    "list_bulletins",
    "open_sessions",
    "order_delivery",
    "place_delivery",
    "received_in",
    "refuse_delivery",
    "station_inbox",
    "target_stations",
    "update_bulletin",
]
