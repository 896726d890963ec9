"""Daily playlists: gather the day's data, call the pure sequencer, store the result."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from broadcast.errors import InvalidInput
from broadcast.models import (
    Campaign,
    CampaignStatus,
    Phase,
    Playlist,
    PlaylistItem,
    PlaylistItemPublic,
    PlaylistPublic,
    PlaylistStatus,
    Segment,
    SegmentKind,
    SegmentPhaseLink,
    SegmentStatus,
    SessionSlot,
    Station,
)
from broadcast.models.common import utcnow
from broadcast.services import crud
from broadcast.services.segments import segment_duration
from playlists import (
    PhaseWindow,
    SegmentCandidate,
    SegmentRole,
    SlotSpec,
    build_daily_playlist,
)

WEEKDAYS_VI = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
_ROLES = {SegmentKind.OPENING: SegmentRole.OPENING, SegmentKind.CLOSING: SegmentRole.CLOSING}


def station_slot(session: Session, station_id: int, slot_id: int) -> tuple[Station, SessionSlot]:
    """The station and one of its slots, or InvalidInput naming the wrong field."""
    station = session.get(Station, station_id)
    if station is None:
        raise InvalidInput("station_id", f"đài {station_id} không tồn tại")
    slot = session.get(SessionSlot, slot_id)
    if slot is None or slot.station_id != station_id:
        raise InvalidInput("slot_id", f"khung giờ {slot_id} không tồn tại ở đài {station_id}")
    return station, slot


def phase_windows(session: Session, station_id: int) -> list[PhaseWindow]:
    """The phases of the station's active campaigns as plain values."""
    query = (
        select(Phase)
        .join(Campaign, col(Campaign.id) == Phase.campaign_id)
        .where(Campaign.station_id == station_id, Campaign.status == CampaignStatus.ACTIVE)
        .order_by(col(Phase.id))
    )
    return [
        PhaseWindow(
            id=phase.id or 0,
            label=phase.title,
            start=phase.starts_on,
            end=phase.ends_on,
            weight=phase.weight,
            peak_start=phase.peak_starts_on,
            peak_end=phase.peak_ends_on,
        )
        for phase in session.exec(query)
    ]


def last_aired(session: Session, station_id: int, before: date) -> dict[int, date]:
    """For each segment, the last day before `before` on which it was programmed."""
    query = (
        select(PlaylistItem.segment_id, func.max(Playlist.day))
        .join(Playlist, col(Playlist.id) == PlaylistItem.playlist_id)
        .where(Playlist.station_id == station_id, col(Playlist.day) < before)
        .group_by(col(PlaylistItem.segment_id))
    )
    return {segment_id: day for segment_id, day in session.exec(query)}


def segment_candidates(session: Session, station_id: int, day: date) -> list[SegmentCandidate]:
    """The station's segments that are not retired, as plain values for the sequencer."""
    segments = session.exec(
        select(Segment)
        .where(Segment.station_id == station_id, Segment.status != SegmentStatus.RETIRED)
        .order_by(col(Segment.id))
    ).all()
    links: dict[int, list[int]] = {}
    for link in session.exec(select(SegmentPhaseLink).order_by(col(SegmentPhaseLink.phase_id))):
        links.setdefault(link.segment_id, []).append(link.phase_id)
    history = last_aired(session, station_id, day)
    candidates = []
    for seg in segments:
        duration = segment_duration(session, seg)
        if not duration:
            continue
        candidates.append(
            SegmentCandidate(
                id=seg.id or 0,
                title=seg.title,
                role=_ROLES.get(seg.kind, SegmentRole.BODY),
                bulletin_class=seg.bulletin_class,
                duration_s=duration,
                approved=seg.status == SegmentStatus.APPROVED,
                air_start=seg.air_start,
                air_end=seg.air_end,
                phase_ids=tuple(links.get(seg.id or 0, ())),
                last_aired=history.get(seg.id or 0),
            )
        )
    return candidates


def generate_playlist(
    session: Session, station_id: int, day: date, slot_id: int, gap_s: float
) -> Playlist:
    """Build (or rebuild) the playlist of one station, day and slot."""
    _station, slot = station_slot(session, station_id, slot_id)
    if day.weekday() not in slot.weekdays:
        raise InvalidInput(
            "day", f"khung giờ {slot.name} không phát vào {WEEKDAYS_VI[day.weekday()]}"
        )
    spec = SlotSpec(id=slot_id, start=slot.start, max_seconds=float(slot.max_seconds), gap_s=gap_s)
    plan = build_daily_playlist(
        day, spec, segment_candidates(session, station_id, day), phase_windows(session, station_id)
    )
    playlist = session.exec(
        select(Playlist).where(
            Playlist.station_id == station_id, Playlist.day == day, Playlist.slot_id == slot_id
        )
    ).first() or Playlist(station_id=station_id, day=day, slot_id=slot_id)
    playlist.status = PlaylistStatus.GENERATED
    playlist.total_s = round(plan.total_s, 3)
    playlist.unused_s = round(plan.unused_s, 3)
    playlist.skipped = [{"segment_id": sid, "reason": why} for sid, why in plan.skipped]
    playlist.generated_at = utcnow()
    session.add(playlist)
    crud.flush(session)
    session.exec(delete(PlaylistItem).where(col(PlaylistItem.playlist_id) == playlist.id))
    for item in plan.items:
        session.add(
            PlaylistItem(
                playlist_id=playlist.id or 0,
                position=item.position,
                segment_id=item.segment_id,
                start_offset_s=round(item.start_offset_s, 3),
                duration_s=round(item.duration_s, 3),
                reason=item.reason,
            )
        )
    crud.flush(session)
    return playlist


def playlist_items(session: Session, playlist: Playlist) -> Sequence[PlaylistItem]:
    """A playlist's items in airing order."""
    query = select(PlaylistItem).where(PlaylistItem.playlist_id == playlist.id)
    return session.exec(query.order_by(col(PlaylistItem.position))).all()


def playlist_public(session: Session, playlist: Playlist) -> PlaylistPublic:
    """The API view of a playlist with its items' titles."""
    slot = crud.get_or_raise(session, SessionSlot, playlist.slot_id)
    items = []
    for item in playlist_items(session, playlist):
        segment = crud.get_or_raise(session, Segment, item.segment_id)
        items.append(
            PlaylistItemPublic(
                position=item.position,
                segment_id=item.segment_id,
                title=segment.title,
                kind=segment.kind.value,
                start_offset_s=item.start_offset_s,
                duration_s=item.duration_s,
                reason=item.reason,
            )
        )
    return PlaylistPublic.model_validate(
        playlist,
        update={
            "slot_start": slot.start.strftime("%H:%M"),
            "max_seconds": slot.max_seconds,
            "items": items,
        },
    )


def list_playlists(
    session: Session, station_id: int | None, start: date | None, end: date | None
) -> Sequence[Playlist]:
    """Playlists filtered by station and an inclusive date range."""
    if start is not None and end is not None and end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    query = select(Playlist)
    if station_id is not None:
        query = query.where(Playlist.station_id == station_id)
    if start is not None:
        query = query.where(col(Playlist.day) >= start)
    if end is not None:
        query = query.where(col(Playlist.day) <= end)
    return session.exec(query.order_by(col(Playlist.day), col(Playlist.slot_id))).all()
