"""Read-side of the review queue: what waits for an approver, with its audio and spoken text."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from api.web.views.segments import user_names
from broadcast.access import Action, Actor
from broadcast.media import current_asset
from broadcast.models import AudioAsset, Segment, Station
from broadcast.segments import (
    content_hash,
    contributors,
    review_counts,
    review_queue,
    segment_duration,
    spoken_text,
    waiting_since,
)


@dataclass(frozen=True)
class Waiting:
    """One segment of the queue, with what the approver needs to decide in one place."""

    segment: Segment
    author: str
    since: datetime
    spoken: str | None  # None: a recording or upload (its script is shown as written)
    asset: AudioAsset | None
    duration: float | None
    content_hash: str  # bound to the approve button: a later edit refuses the approval
    mine: bool  # the viewer wrote part of it: four eyes, someone else approves it


def waiting_items(db: Session, actor: Actor, station_id: int) -> list[Waiting]:
    """The station's review queue as the viewer sees it, emergency first, oldest first."""
    rows = review_queue(db, [station_id])
    names = user_names(db, [row.author_id for row in rows])
    return [
        Waiting(
            segment=row,
            author=names.get(row.author_id or 0, "—"),
            since=waiting_since(row),
            spoken=spoken_text(db, row),
            asset=current_asset(db, row),
            duration=segment_duration(db, row),
            content_hash=content_hash(db, row),
            mine=actor.user_id is not None and actor.user_id in contributors(row),
        )
        for row in rows
    ]


def waiting_counts(db: Session, actor: Actor, stations: Sequence[Station]) -> dict[int, int]:
    """How many segments wait at each station the viewer approves at (for the menu's badge)."""
    ids = [s.id for s in stations if s.id is not None and actor.can(Action.APPROVE_SEGMENT, s.id)]
    return review_counts(db, ids)
