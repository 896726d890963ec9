"""As-run status of sessions: confirmed aired/partly/not aired, or unconfirmed."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from broadcast.models.asrun import AsRun, AsRunStatus

UNCONFIRMED = "unconfirmed"


def session_statuses(db: Session, playlist_ids: Sequence[int]) -> dict[int, str]:
    """session id → as-run status; sessions without a confirmation are left out."""
    if not playlist_ids:
        return {}
    query = select(AsRun).where(col(AsRun.playlist_id).in_(playlist_ids))
    return {row.playlist_id: AsRunStatus(row.status).value for row in db.exec(query)}
