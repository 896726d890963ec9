"""Fixed places: the opening stays first and the closing last, whatever the edit or re-plan."""

from __future__ import annotations

from datetime import date, time

import pytest

from playlists import Pin, build_daily_playlist
from playlists.running_order import body_bounds, default_insert, insert_place, move_place
from playlists.types import BulletinClass, PhaseWindow, SegmentCandidate, SegmentRole, SlotSpec

OPEN, CLOSE, BODY = SegmentRole.OPENING, SegmentRole.CLOSING, SegmentRole.BODY
FRAMED = [OPEN, BODY, BODY, BODY, CLOSE]
DAY = date(2025, 3, 10)
PHASE = PhaseWindow(1, "Đợt 1", date(2025, 3, 1), date(2025, 3, 31))
SLOT = SlotSpec(id=1, start=time(6, 30), max_seconds=900.0, gap_s=2.0)


def test_body_items_live_between_the_frames() -> None:
    assert body_bounds(FRAMED) == (1, 4)
    assert body_bounds([BODY, BODY]) == (0, 2)  # no frames: anywhere
    assert body_bounds([OPEN]) == (1, 1)
    assert body_bounds([CLOSE]) == (0, 0)
    assert body_bounds([]) == (0, 0)


@pytest.mark.parametrize(("asked", "placed"), [(0, 1), (1, 1), (3, 3), (4, 4), (5, 4)])
def test_an_insert_is_clamped_between_the_opening_and_the_closing(asked: int, placed: int) -> None:
    assert insert_place(FRAMED, asked) == placed


def test_an_insert_with_no_place_goes_last_before_the_closing() -> None:
    assert default_insert(FRAMED) == 4
    assert default_insert([OPEN, BODY]) == 2
    assert insert_place(FRAMED, 2, OPEN) == 0 and insert_place(FRAMED, 2, CLOSE) == 5


@pytest.mark.parametrize(
    ("position", "to", "placed"),
    [
        (2, 0, 1),  # above the opening: just after it
        (1, 4, 3),  # below the closing: just before it
        (3, 1, 1),
        (1, 3, 3),
        (0, 3, 0),  # the opening does not move
        (4, 0, 4),  # nor does the closing
    ],
)
def test_a_move_keeps_the_frames_in_place(position: int, to: int, placed: int) -> None:
    assert move_place(FRAMED, position, to) == placed


def test_every_move_of_every_item_leaves_the_frames_at_the_ends() -> None:
    for position in range(len(FRAMED)):
        for to in range(len(FRAMED)):
            order = list(range(len(FRAMED)))
            item = order.pop(position)
            order.insert(move_place(FRAMED, position, to), item)
            assert order[0] == 0 and order[-1] == len(FRAMED) - 1, (position, to, order)


def _seg(sid: int, role: SegmentRole = BODY) -> SegmentCandidate:
    return SegmentCandidate(
        id=sid,
        title=f"Mục {sid}",
        role=role,
        bulletin_class=BulletinClass.NORMAL,
        duration_s=60.0,
        approved=True,
        phase_ids=(1,),
    )


def test_replanning_puts_a_pin_before_the_opening_after_it() -> None:
    segs = [_seg(1, OPEN), _seg(2), _seg(3), _seg(4), _seg(9, CLOSE)]
    plan = build_daily_playlist(DAY, SLOT, segs, [PHASE], pins=(Pin(4, 0), Pin(3, 99)))
    order = [i.segment_id for i in plan.items]
    assert order[0] == 1 and order[1] == 4 and order[-1] == 9 and order[-2] == 3, order
