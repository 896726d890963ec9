"""Fixed places in a running order: the opening stays first and the closing stays last.

Every edit (a drag, a move, an insert, a pinned item put back when re-planning) asks here
where an item may go; a place before the opening or after the closing is clamped to the
nearest allowed one, so an operator's drop lands as close as the frames allow.
"""

from __future__ import annotations

from collections.abc import Sequence

from playlists.types import SegmentRole


def body_bounds(roles: Sequence[SegmentRole]) -> tuple[int, int]:
    """First and last insert index for a body item: after every opening, before every closing."""
    low = max((i + 1 for i, role in enumerate(roles) if role is SegmentRole.OPENING), default=0)
    high = min((i for i, role in enumerate(roles) if role is SegmentRole.CLOSING), default=None)
    return low, max(low, len(roles) if high is None else high)


def insert_place(
    roles: Sequence[SegmentRole], position: int, role: SegmentRole = SegmentRole.BODY
) -> int:
    """Where an item of ``role`` asked for at ``position`` goes among items of ``roles``."""
    if role is SegmentRole.OPENING:
        return 0
    if role is SegmentRole.CLOSING:
        return len(roles)
    low, high = body_bounds(roles)
    return min(max(position, low), high)


def default_insert(roles: Sequence[SegmentRole]) -> int:
    """Where a body item goes when no place is asked for: last before the closing."""
    return body_bounds(roles)[1]


def move_place(roles: Sequence[SegmentRole], position: int, to: int) -> int:
    """Where the item at ``position`` lands when moved to ``to`` (frames stay where they are)."""
    rest = [*roles[:position], *roles[position + 1 :]]
    return insert_place(rest, to, roles[position])


__all__ = ["body_bounds", "default_insert", "insert_place", "move_place"]
