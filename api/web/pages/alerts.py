"""Phát khẩn cấp: active alerts to end, an approved emergency bulletin sent to chosen zones,
going live from the browser's microphone."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session, col, select

from api.deps import DbDep
from api.web.context import PageActor, PageStation
from api.web.labels import ALERT_KIND_LABELS
from api.web.templating import render
from broadcast.access import Action
from broadcast.alerts import active_alerts, list_alerts, station_zones
from broadcast.models import BulletinClass, Segment, SegmentStatus
from broadcast.segments import is_cleared_to_air

router = APIRouter(include_in_schema=False)


def cleared_emergencies(db: Session, station_id: int) -> list[Segment]:
    """The station's emergency bulletins cleared to air, newest first."""
    query = select(Segment).where(
        Segment.station_id == station_id,
        Segment.bulletin_class == BulletinClass.EMERGENCY,
        Segment.status == SegmentStatus.APPROVED,
    )
    rows = db.exec(query.order_by(col(Segment.id).desc())).all()
    return [s for s in rows if is_cleared_to_air(db, s)]


@router.get("/phat-khan-cap", response_class=HTMLResponse)
def alerts_page(request: Request, db: DbDep, station: PageStation, actor: PageActor) -> Any:
    """Active alerts, the emergency form and the live button (for who may send alerts)."""
    if station is None:
        return render(request, "alerts.html", active=[], recent=[], can_send=False)
    station_id = station.id or 0
    now = datetime.now(UTC)
    active = active_alerts(db, station_id, now)
    shown = {a.id for a in active}
    return render(
        request,
        "alerts.html",
        active=active,
        recent=[a for a in list_alerts(db, {station_id}, limit=20) if a.id not in shown],
        emergencies=cleared_emergencies(db, station_id),
        zones=station_zones(db, station_id),
        kind_labels=ALERT_KIND_LABELS,
        can_send=actor.can(Action.SEND_ALERT, station_id),
    )
