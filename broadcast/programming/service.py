"""Playlists: gather the data, call the pure sequencer for a session or a range, store it.

Re-planning keeps manual edits: a locked session is left as it is; pinned items keep their
positions and manually removed segments stay out; the rest is planned again.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, col, delete, select

from broadcast import crud
from broadcast.errors import InvalidInput
from broadcast.models import (
    Playlist,
    PlaylistItem,
    PlaylistItemPublic,
    PlaylistPublic,
    PlaylistStatus,
    Segment,
    SessionSlot,
    Station,
)
from broadcast.models.common import utcnow
from broadcast.programming.candidates import (
    aired_before,
    phase_windows,
    segment_candidates,
    slot_spec,
    station_slots,
    topic_shares,
)
from playlists import Pin, PlannedPlaylist, RangeInput, SessionOverride, plan_range
from playlists.campaign import history_from
from playlists.types import PlannedItem

WEEKDAYS_VI = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
#: Longest range programmed in one call (days after the first).
MAX_RANGE_DAYS = 730
#: Longest range shown in one view (schedule, reports).
MAX_VIEW_DAYS = 730


def station_slot(session: Session, station_id: int, slot_id: int) -> tuple[Station, SessionSlot]:
    """The station and one of its slots, or InvalidInput naming the wrong field."""
    station = session.get(Station, station_id)
    if station is None:
        raise InvalidInput("station_id", f"đài {station_id} không tồn tại")
    slot = session.get(SessionSlot, slot_id)
    if slot is None or slot.station_id != station_id:
        raise InvalidInput("slot_id", f"khung giờ {slot_id} không tồn tại ở đài {station_id}")
    return station, slot


def _overrides(
    session: Session, station_id: int, start: date, end: date
) -> tuple[dict[tuple[date, int], SessionOverride], dict[tuple[date, int], Playlist]]:
    """Manual edits of the stored sessions in the range, and those sessions by (day, slot)."""
    stored = {(p.day, p.slot_id): p for p in list_playlists(session, station_id, start, end)}
    overrides: dict[tuple[date, int], SessionOverride] = {}
    for key, playlist in stored.items():
        items = playlist_items(session, playlist)
        if playlist.locked:
            overrides[key] = SessionOverride(locked=tuple(_planned(items)))
            continue
        pins = tuple(Pin(i.segment_id, i.position) for i in items if i.pinned)
        if pins or playlist.removed_ids:
            overrides[key] = SessionOverride(pins=pins, removed=frozenset(playlist.removed_ids))
    return overrides, stored


def _planned(items: Sequence[PlaylistItem]) -> list[PlannedItem]:
    """Stored items as planned items (for locked sessions)."""
    return [
        PlannedItem(i.segment_id, i.position, i.start_offset_s, i.duration_s, i.reason, i.pinned)
        for i in items
    ]


def _range_input(
    session: Session, station_id: int, slots: Sequence[SessionSlot], gap_s: float
) -> RangeInput:
    """Slots, segments, phases and topics of the station as plain values."""
    return RangeInput(
        slots=[slot_spec(slot, gap_s) for slot in slots],
        segments=segment_candidates(session, station_id),
        phases=phase_windows(session, station_id),
        topics=topic_shares(session, station_id),
    )


def _store(
    session: Session, station_id: int, plan: PlannedPlaylist, playlist: Playlist | None
) -> tuple[Playlist, dict[str, Any]]:
    """Save a planned session over the stored one; returns it and what changed."""
    stored = list(playlist_items(session, playlist)) if playlist else []
    before = [i.segment_id for i in stored]
    kept = {"added": [], "removed": [], "pinned": [i.segment_id for i in stored if i.pinned]}
    if playlist is not None and playlist.locked:
        return playlist, {"locked": True, **kept, "same": True}
    same = [(i.segment_id, i.pinned) for i in stored] == [
        (i.segment_id, i.pinned) for i in plan.items
    ]
    if playlist is not None and same:
        _retime(session, playlist, stored, plan)
        return playlist, {"locked": False, **kept, "same": True}
    playlist = playlist or Playlist(station_id=station_id, day=plan.day, slot_id=plan.slot_id)
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
                pinned=item.pinned,
            )
        )
    crud.flush(session)
    after = [i.segment_id for i in plan.items]
    return playlist, {
        "locked": False,
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "pinned": [i.segment_id for i in plan.items if i.pinned],
        "reordered": before != after and sorted(before) == sorted(after),
        "same": False,
    }


def _retime(
    session: Session, playlist: Playlist, stored: Sequence[PlaylistItem], plan: PlannedPlaylist
) -> None:
    """Same items: refresh lengths and offsets (e.g. real speech replaced an estimate)."""
    for item, planned in zip(stored, plan.items, strict=True):
        timing = (round(planned.duration_s, 3), round(planned.start_offset_s, 3))
        if (item.duration_s, item.start_offset_s) != timing:
            item.duration_s, item.start_offset_s = timing
            session.add(item)
    playlist.total_s, playlist.unused_s = round(plan.total_s, 3), round(plan.unused_s, 3)
    session.add(playlist)
    crud.flush(session)


def generate_session(
    session: Session, station_id: int, day: date, slot_id: int, gap_s: float
) -> tuple[Playlist, dict[str, Any]]:
    """Build (or rebuild) one session, keeping its manual edits; returns what changed."""
    _station, slot = station_slot(session, station_id, slot_id)
    if day.weekday() not in slot.weekdays:
        raise InvalidInput(
            "day", f"khung giờ {slot.name} không phát vào {WEEKDAYS_VI[day.weekday()]}"
        )
    data = _range_input(session, station_id, [slot], gap_s)
    overrides, stored = _overrides(session, station_id, day, day)
    data.overrides = {k: v for k, v in overrides.items() if k[1] == slot_id}
    data.full_report = True
    aired = aired_before(session, station_id, day, same_day_except=slot_id)
    state = history_from(aired, data.segments, data.phases, data.topics)
    (plan,) = plan_range(day, day, data, state)
    return _store(session, station_id, plan, stored.get((day, slot_id)))


def generate_playlist(
    session: Session, station_id: int, day: date, slot_id: int, gap_s: float
) -> Playlist:
    """Build (or rebuild) the playlist of one station, day and slot."""
    return generate_session(session, station_id, day, slot_id, gap_s)[0]


def program_range(
    session: Session, station_id: int, start: date, end: date, gap_s: float
) -> list[tuple[Playlist, dict[str, Any]]]:
    """Build (or rebuild) every session from ``start`` to ``end``, keeping manual edits."""
    if session.get(Station, station_id) is None:
        raise InvalidInput("station_id", f"đài {station_id} không tồn tại")
    if end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    if (end - start).days > MAX_RANGE_DAYS:
        raise InvalidInput("to", f"mỗi lần lập lịch tối đa {MAX_RANGE_DAYS + 1} ngày")
    data = _range_input(session, station_id, station_slots(session, station_id), gap_s)
    data.overrides, stored = _overrides(session, station_id, start, end)
    state = history_from(
        aired_before(session, station_id, start), data.segments, data.phases, data.topics
    )
    return [
        _store(session, station_id, plan, stored.get((plan.day, plan.slot_id)))
        for plan in plan_range(start, end, data, state)
    ]


def playlist_items(session: Session, playlist: Playlist) -> Sequence[PlaylistItem]:
    """A playlist's items in airing order."""
    query = select(PlaylistItem).where(PlaylistItem.playlist_id == playlist.id)
    return session.exec(query.order_by(col(PlaylistItem.position))).all()


def playlist_public(
    session: Session, playlist: Playlist, changes: dict[str, Any] | None = None
) -> PlaylistPublic:
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
                pinned=item.pinned,
            )
        )
    return PlaylistPublic.model_validate(
        playlist,
        update={
            "slot_start": slot.start.strftime("%H:%M"),
            "max_seconds": slot.max_seconds,
            "items": items,
            "changes": changes,
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


def check_range(start: date, end: date) -> None:
    """Refuse an inverted or too long range, naming the field."""
    if end < start:
        raise InvalidInput("to", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    if (end - start).days > MAX_VIEW_DAYS:
        raise InvalidInput("to", f"tối đa {MAX_VIEW_DAYS + 1} ngày mỗi lần xem")
