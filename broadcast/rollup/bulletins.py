"""Bulletin delivery and airing in a unit's roll-up: the extension point for broadcast/bulletins.

The provincial bulletins are built apart; until they land this section is empty. When they do,
this function returns one line per station that received bulletins in the period (received,
placed, exported, aired, refused), and the roll-up, its CSV and its pages show it as is.
"""

from collections.abc import Collection
from datetime import date

from sqlmodel import Session

from broadcast.rollup.models import BulletinDelivery


def bulletin_delivery(
    db: Session, station_ids: Collection[int], start: date, end: date
) -> list[BulletinDelivery]:
    """Per station, the bulletins it received in the period and what became of them (none yet)."""
    del db, station_ids, start, end  # read by the bulletins once they exist
    return []
