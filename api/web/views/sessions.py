"""One session as the Lịch phát page shows it: items, classes, exports, what can be added."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.exports import latest_export, latest_export_job
from broadcast.models import (
    AudioAsset,
    BroadcastSession,
    BroadcastSessionPublic,
    Export,
    Job,
    Segment,
    SegmentStatus,
    SessionSlot,
    SessionStatus,
)
from broadcast.programming import session_public
from broadcast.schedule import fill_pct
from broadcast.segments import is_cleared_to_air
from playlists import SegmentRole
from playlists.running_order import body_bounds

_FRAMES = {SegmentRole.OPENING.value, SegmentRole.CLOSING.value}


@dataclass(frozen=True)
class SessionView:
    """A session with what its page needs beyond its API view."""

    session: BroadcastSessionPublic
    slot_name: str
    fill_pct: float
    classes: dict[int, str]
    export: Export | None
    export_current: bool
    job: Job | None
    addable: list[tuple[int, str]]
    #: First and last insert index between the opening and the closing.
    bounds: tuple[int, int]

    @property
    def places(self) -> list[tuple[int, str]]:
        """(insert index, label) of every place an inserted segment may take."""
        items = self.session.items
        low, high = self.bounds
        out = []
        for place in range(low, high + 1):
            if place == 0:
                out.append((0, "Đầu buổi"))
            else:
                label = f"Sau mục {place}: {items[place - 1].title[:50].rstrip()}"
                if place < len(items) and place == high:
                    label = f"Cuối buổi, trước lời kết thúc ({label[0].lower()}{label[1:]})"
                out.append((place, label))
        return out


def addable_segments(db: Session, station_id: int) -> list[tuple[int, str]]:
    """(id, label) of the station's segments cleared to air that have audio or a script.

    The label shows the length of the segment's audio when it has some; scripts not yet
    synthesised are not estimated here (normalising every script would slow the page).
    """
    query = select(Segment).where(
        Segment.station_id == station_id, Segment.status == SegmentStatus.APPROVED
    )
    out = []
    for segment in db.exec(query.order_by(col(Segment.title), col(Segment.id))):
        asset_id = segment.audio_asset_id or segment.speech_asset_id
        asset = db.get(AudioAsset, asset_id) if asset_id is not None else None
        if (asset is None and not segment.script.strip()) or not is_cleared_to_air(db, segment):
            continue
        label = segment.title
        if asset is not None:
            minutes, seconds = divmod(int(round(asset.duration_s)), 60)
            label += f" ({minutes}:{seconds:02d})"
        out.append((segment.id or 0, label))
    return out


def session_view(db: Session, playlist_id: int) -> SessionView:
    """The session page's data; NotFound for an unknown session."""
    session = crud.get_or_raise(db, BroadcastSession, playlist_id)
    public = session_public(db, session)
    slot = crud.get_or_raise(db, SessionSlot, session.slot_id)
    ids = [item.segment_id for item in public.items]
    segments = db.exec(select(Segment).where(col(Segment.id).in_(ids))).all()
    export = latest_export(db, playlist_id)
    return SessionView(
        session=public,
        slot_name=slot.name,
        fill_pct=fill_pct(session.total_s, slot.max_seconds),
        classes={s.id or 0: s.bulletin_class.value for s in segments},
        export=export,
        export_current=export is not None and session.status == SessionStatus.EXPORTED,
        job=latest_export_job(db, playlist_id),
        addable=addable_segments(db, session.station_id),
        bounds=body_bounds(
            [SegmentRole(i.kind) if i.kind in _FRAMES else SegmentRole.BODY for i in public.items]
        ),
    )
