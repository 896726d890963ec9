"""The review flow: an editor sends a draft for review; approvers work through the queue.

draft ──submit──▶ submitted ──approve──▶ approved
  ▲                   │
  └──return / edit────┘   (an edit of what airs withdraws the request: it is sent again)

Approval does not require a submission: four eyes rests on the contributors and the content
hash (approval.py), not on the status, so an approver may still approve a draft they did not
write, and an admin fast-tracks an emergency bulletin without waiting for a request.
"""

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.audit import audit_as
from broadcast.errors import Conflict
from broadcast.models import Segment, SegmentStatus
from broadcast.models.common import BulletinClass, as_utc, utcnow
from broadcast.segments.approval import check_approvable

WAITING = or_(
    col(Segment.status) == SegmentStatus.SUBMITTED,
    and_(col(Segment.status) == SegmentStatus.DRAFT, col(Segment.lexicon_returned).is_(True)),
)


def submit_segment(db: Session, segment: Segment, note: str = "") -> Segment:
    """Send a draft for review with an optional note for the approver (an audited request)."""
    if segment.status == SegmentStatus.SUBMITTED:
        raise Conflict("chuyên mục đã được gửi duyệt, đang chờ duyệt", code="segment.submitted")
    if segment.status == SegmentStatus.APPROVED:
        raise Conflict("chuyên mục đã được duyệt", code="segment.approved")
    check_approvable(segment)
    with audit_as(db, "submit", note.strip()):
        segment.status = SegmentStatus.SUBMITTED
        segment.submitted_at = utcnow()
        segment.submit_note = note.strip()
        segment.returned_at = None  # the editor has acted on the approver's note
        segment.plan_template = False  # sent for review: written work now
        db.add(segment)
        crud.flush(db)
    return segment


def _waiting(station_ids: Collection[int]) -> list[ColumnElement[bool]]:
    """The conditions of a segment waiting for review at one of these stations."""
    return [
        WAITING,
        col(Segment.plan_template).is_(False),
        col(Segment.station_id).in_(list(station_ids)),
    ]


def waiting_since(segment: Segment) -> datetime:
    """When a waiting segment joined the queue: sent for review, else returned by the lexicon."""
    return as_utc(segment.submitted_at or segment.updated_at)


def review_queue(db: Session, station_ids: Collection[int]) -> list[Segment]:
    """What waits for an approver at these stations: the segments sent for review and those a
    lexicon change returned; emergency first, then priority, each oldest first."""
    rows = db.exec(select(Segment).where(*_waiting(station_ids))).all()
    return sorted(rows, key=lambda s: (_rank(s.bulletin_class), waiting_since(s), s.id or 0))


def returned_drafts(db: Session, station_id: int, limit: int = 50) -> list[Segment]:
    """A station's drafts an approver sent back with a note, not yet sent again; newest first."""
    query = select(Segment).where(
        Segment.station_id == station_id,
        Segment.status == SegmentStatus.DRAFT,
        col(Segment.returned_at).is_not(None),
    )
    newest_first = (col(Segment.returned_at).desc(), col(Segment.id).desc())  # ties: any engine
    return list(db.exec(query.order_by(*newest_first).limit(limit)).all())


def review_counts(db: Session, station_ids: Collection[int]) -> dict[int, int]:
    """How many segments wait for an approver, per station (stations with none left out)."""
    if not station_ids:
        return {}
    query = (
        select(col(Segment.station_id), func.count())
        .where(*_waiting(station_ids))
        .group_by(col(Segment.station_id))
    )
    return {int(sid): int(n) for sid, n in db.exec(query).all()}


def _rank(bulletin_class: BulletinClass) -> int:
    return {BulletinClass.EMERGENCY: 0, BulletinClass.PRIORITY: 1}.get(bulletin_class, 2)
