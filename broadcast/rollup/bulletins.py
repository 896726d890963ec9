"""Bulletin delivery and airing in a unit's roll-up: per receiving station, how many bulletins
(whose air window meets the period) it received and how far they went.

Counts are cumulative: a bulletin that aired was also placed and exported; refused ones stand
apart. The states are the bulletins' own (broadcast/bulletins), read from what happened.
"""

from collections.abc import Collection
from datetime import date

from sqlmodel import Session

from broadcast.bulletins import delivery_states, received_in
from broadcast.models.session import DeliveryState
from broadcast.rollup.models import BulletinDelivery

REACHED = {
    "placed": {DeliveryState.PLACED, DeliveryState.EXPORTED, DeliveryState.AIRED},
    "exported": {DeliveryState.EXPORTED, DeliveryState.AIRED},
    "aired": {DeliveryState.AIRED},
    "refused": {DeliveryState.REFUSED},
}


def bulletin_delivery(
    db: Session, station_ids: Collection[int], start: date, end: date
) -> list[BulletinDelivery]:
    """Per station that received bulletins in the period: received, placed, exported, aired,
    refused (by station id)."""
    deliveries = received_in(db, station_ids, start, end)
    states = delivery_states(db, deliveries)
    lines: dict[int, BulletinDelivery] = {}
    for delivery in deliveries:
        line = lines.setdefault(
            delivery.station_id, BulletinDelivery(station_id=delivery.station_id)
        )
        line.received += 1
        state = states[delivery.id or 0][0]
        for name, reached in REACHED.items():
            if state in reached:
                setattr(line, name, getattr(line, name) + 1)
    return [lines[sid] for sid in sorted(lines)]
