"""Quiet hours of a station (and of its zones): which slots fall in them, why, and the sessions
left unplanned.

A slot "falls in quiet hours" when a session of its full length (``max_seconds``) from its
start would overlap one of the station's windows. Such a slot may not be created or moved
there; programming skips its sessions; only an emergency is planned into it. A zone's own
windows (``station.zone_quiet_hours``) add to the station's for the devices of that zone: their
schedule marks normal and priority sessions inside them as not to be played.
"""

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from broadcast.errors import Conflict, InvalidInput
from broadcast.models import (
    BroadcastSession,
    BulletinClass,
    PlaylistItem,
    Segment,
    SessionSlot,
    Station,
)
from playlists.quiet import QuietWindow, parse_windows, quiet_window_hit

#: Stable code of a refusal or a skip because of quiet hours.
QUIET_CODE = "slot.quiet_hours"


def station_windows(station: Station) -> list[QuietWindow]:
    """The station's quiet hours as windows (none when unset)."""
    return parse_windows(station.quiet_hours or [])


def zone_key(zone: str) -> str:
    """A zone name as compared: spaces collapsed, case folded ("Tổ  3" is "tổ 3")."""
    return " ".join(zone.split()).casefold()


def zone_windows(station: Station, zone: str) -> list[QuietWindow]:
    """The quiet windows of a device in this zone: the station's, then the zone's own."""
    wanted = zone_key(zone)
    own = [
        windows
        for name, windows in (station.zone_quiet_hours or {}).items()
        if wanted and zone_key(name) == wanted
    ]
    return station_windows(station) + [w for found in own for w in parse_windows(found)]


def slot_quiet_window(windows: list[QuietWindow], slot: SessionSlot) -> QuietWindow | None:
    """The window a session of the slot (at its longest) would air inside, if any."""
    return quiet_window_hit(slot.start, float(slot.max_seconds), windows)


def quiet_reason(slot: SessionSlot, window: QuietWindow) -> str:
    """Why a slot's sessions do not air, in Vietnamese."""
    minutes = round(slot.max_seconds / 60)
    return (
        f"Khung giờ {slot.name} ({slot.start.strftime('%H:%M')}, tối đa {minutes} phút) rơi vào "
        f"giờ yên tĩnh {window.label()}: không phát tin thường và tin ưu tiên"
    )


def refuse_quiet_slot(db: Session, slot: SessionSlot) -> None:
    """InvalidInput on ``start`` when a slot being saved would air in quiet hours.

    A slot already inside (quiet hours set after it) is saved again only once moved out.
    """
    station = db.get(Station, slot.station_id)
    if station is None:
        return
    window = slot_quiet_window(station_windows(station), slot)
    if window is not None:
        raise InvalidInput("start", quiet_reason(slot, window), code=QUIET_CODE)


def quiet_slots(station: Station, slots: list[SessionSlot]) -> dict[int, str]:
    """Slot id → reason, for the station's slots that fall in its quiet hours."""
    windows = station_windows(station)
    found = {}
    for slot in slots:
        window = slot_quiet_window(windows, slot)
        if window is not None:
            found[slot.id or 0] = quiet_reason(slot, window)
    return found


def quiet_skips(
    station: Station, slots: list[SessionSlot], start: date, end: date
) -> list[dict[str, Any]]:
    """Every session from ``start`` to ``end`` left unplanned because of quiet hours."""
    reasons = quiet_slots(station, slots)
    out = []
    day = start
    while day <= end and reasons:
        for slot in slots:
            if (slot.id or 0) in reasons and day.weekday() in slot.weekdays:
                out.append(
                    {
                        "day": day,
                        "slot_id": slot.id,
                        "slot_start": slot.start.strftime("%H:%M"),
                        "code": QUIET_CODE,
                        "reason": reasons[slot.id or 0],
                    }
                )
        day += timedelta(days=1)
    return out


def refuse_quiet_export(db: Session, session: BroadcastSession) -> None:
    """Conflict when a session in quiet hours holds anything but emergency bulletins.

    Sessions planned before the quiet hours were set are not sent to the loudspeakers.
    """
    station, slot = db.get(Station, session.station_id), db.get(SessionSlot, session.slot_id)
    if station is None or slot is None:
        return
    window = slot_quiet_window(station_windows(station), slot)
    if window is None:
        return
    query = select(Segment.bulletin_class).join(
        PlaylistItem, col(PlaylistItem.segment_id) == Segment.id
    )
    classes = set(db.exec(query.where(PlaylistItem.playlist_id == session.id)).all())
    if classes - {BulletinClass.EMERGENCY}:
        raise Conflict(
            f"{quiet_reason(slot, window)}; buổi này chỉ được xuất khi chỉ có tin khẩn cấp",
            code=QUIET_CODE,
        )
