"""Bản tin: bulletins a unit sends down (targets, recording or script, each station's state),
the form to write one, and those a station received from above (to place, refuse, or order)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from api.deps import DbDep, SettingsDep
from api.web.context import PageActor, PageStation
from api.web.labels import CLASS_LABELS
from api.web.pages.bulletin_targets import target_choices
from api.web.templating import render, vn_date
from broadcast.access import Action, Actor, Scope
from broadcast.bulletins import (
    bulletin_deliveries,
    delivery_public,
    list_bulletins,
    open_sessions,
    station_inbox,
)
from broadcast.models import AudioAsset, BulletinClass, SessionSlot, Station, Unit
from broadcast.models.session import Bulletin, DeliveryState

router = APIRouter(include_in_schema=False)

STATE_LABELS = {
    DeliveryState.RECEIVED: "Đã nhận",
    DeliveryState.PLACED: "Đã xếp lịch",
    DeliveryState.EXPORTED: "Đã xuất file",
    DeliveryState.AIRED: "Đã phát",
    DeliveryState.REFUSED: "Từ chối",
}


def _session_choices(db: Session, station_id: int, bulletin: Bulletin) -> list[tuple[int, str]]:
    """The station's sessions within the bulletin's window, as (id, label)."""
    choices = []
    for session in open_sessions(db, station_id, bulletin):
        slot = db.get(SessionSlot, session.slot_id)
        name = f"{slot.name} {slot.start:%H:%M}" if slot is not None else ""
        choices.append((session.id or 0, f"{vn_date(session.day)} – {name}"))
    return choices


def _inbox(db: Session, actor: Actor, station: Station | None) -> list[dict[str, Any]]:
    """What the station received, each with the sessions it may go into."""
    if station is None:
        return []
    rows = []
    for delivery in station_inbox(db, station.id or 0):
        shown = delivery_public(db, delivery)
        bulletin = db.get(Bulletin, delivery.bulletin_id)
        choices = [] if bulletin is None else _session_choices(db, station.id or 0, bulletin)
        normal = shown.bulletin_class is BulletinClass.NORMAL
        rows.append(
            {
                "d": shown,
                "sessions": choices,
                "may_refuse": normal and shown.state is DeliveryState.RECEIVED,
                "may_order": shown.bulletin_class is not BulletinClass.NORMAL,
            }
        )
    return rows


def _target_names(db: Session, bulletin: Bulletin) -> str:
    """Whom the bulletin goes to, in words: every station below, or the chosen ones by name."""
    if not bulletin.target_unit_ids and not bulletin.target_station_ids:
        return "mọi đài trực thuộc"
    units = [db.get(Unit, i) for i in bulletin.target_unit_ids]
    stations = [db.get(Station, i) for i in bulletin.target_station_ids]
    return ", ".join(row.name for row in [*units, *stations] if row is not None)


def _issued(db: Session, actor: Actor) -> list[dict[str, Any]]:
    """Bulletins of the units the actor reaches: their deliveries, their recording (if any),
    and whether the actor may approve them or upload their recording."""
    rows = []
    for bulletin in list_bulletins(Scope(db, actor), limit=50):
        draft = bulletin.approved_at is None
        recording = None
        if bulletin.audio_asset_id is not None:
            recording = db.get(AudioAsset, bulletin.audio_asset_id)
        rows.append(
            {
                "b": bulletin,
                "deliveries": [
                    delivery_public(db, d) for d in bulletin_deliveries(db, bulletin.id or 0)
                ],
                "recording": recording,
                "targets": _target_names(db, bulletin),
                "may_approve": draft and actor.can_unit(Action.APPROVE_SEGMENT, bulletin.unit_id),
                "may_upload": draft and actor.can_unit(Action.ISSUE_BULLETIN, bulletin.unit_id),
            }
        )
    return rows


@router.get("/ban-tin", response_class=HTMLResponse)
def bulletins_page(
    request: Request, db: DbDep, settings: SettingsDep, actor: PageActor, station: PageStation
) -> Any:
    """Bản tin cấp trên (the station's inbox) and Bản tin gửi xuống (what its units issued)."""
    units = Scope(db, actor).units()
    issuing = [u for u in units if actor.can_unit(Action.ISSUE_BULLETIN, u.id or 0)]
    return render(
        request,
        "bulletins.html",
        inbox=_inbox(db, actor, station),
        can_place=station is not None and actor.can(Action.PLACE_BULLETIN, station.id),
        issued=_issued(db, actor),
        issuing=[(u.id, u.name) for u in issuing],
        targets=target_choices(db, [u.id or 0 for u in issuing]),
        max_upload_mb=settings.max_upload_mb,
        unit_names={u.id: u.name for u in units},
        classes=[(c.value, CLASS_LABELS[c]) for c in BulletinClass],
        state_labels={str(k): v for k, v in STATE_LABELS.items()},
    )
