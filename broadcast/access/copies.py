"""Copies of a bulletin a station received: read-only there (the issuing unit owns the content)."""

from sqlmodel import Session, SQLModel, select

from broadcast.access.roles import Action
from broadcast.errors import Forbidden
from broadcast.models.segment import Segment
from broadcast.models.session import BulletinDelivery

# Writes that would change what a segment says or sends it back through review.
CONTENT_ACTIONS = frozenset(
    {Action.EDIT_SEGMENT, Action.RECORD_AUDIO, Action.APPROVE_SEGMENT, Action.FAST_TRACK}
)


def is_bulletin_copy(db: Session, segment_id: int | None) -> bool:
    """Whether a segment is a station's copy of a bulletin issued above it."""
    if segment_id is None:
        return False
    query = select(BulletinDelivery.id).where(BulletinDelivery.segment_id == segment_id)
    return db.exec(query).first() is not None


def refuse_copy_edit(db: Session, row: SQLModel, action: Action | None) -> None:
    """Forbidden: the content of a received bulletin is changed only where it was issued."""
    if action in CONTENT_ACTIONS and isinstance(row, Segment) and is_bulletin_copy(db, row.id):
        raise Forbidden(
            "bản tin cấp trên gửi xuống: đài nhận không được sửa nội dung",
            code="bulletin.read_only",
        )
