"""Chiến dịch: the station's campaigns, a campaign's timeline, phases and topics, plan import."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import DbDep, RowId
from api.web.context import PageActor, PageStation, station_today, visible_row
from api.web.denied import not_found_page
from api.web.labels import CAMPAIGN_STATUS_LABELS, LEVEL_LABELS, PHASE_KIND_LABELS
from api.web.svg.timeline import campaign_timeline
from api.web.templating import render
from api.web.views.campaigns import (
    campaign_detail,
    import_review,
    phase_span,
    reimport_labels,
    station_campaigns,
)
from broadcast.access import Action
from broadcast.models import Campaign, PhaseKind

router = APIRouter(include_in_schema=False)


@router.get("/chien-dich", response_class=HTMLResponse)
def campaigns(request: Request, db: DbDep, station: PageStation) -> Any:
    """The station's campaigns with status and dates; the plan import form."""
    if station is None:
        return render(request, "campaigns.html", rows=[], can_edit=False)
    return render(
        request,
        "campaigns.html",
        rows=station_campaigns(db, station.id or 0),
        status_labels=CAMPAIGN_STATUS_LABELS,
        can_edit=request.state.actor.can(Action.EDIT_CAMPAIGN, station.id),
        reimport_labels=reimport_labels(),
    )


@router.get("/chien-dich/{campaign_id:int}", response_class=HTMLResponse)
def campaign_page(campaign_id: RowId, request: Request, db: DbDep, _station: PageStation) -> Any:
    """One campaign: timeline picture, import review, events, phases and topics."""
    found = visible_row(request, db, Campaign, campaign_id)
    if found is None:
        return not_found_page(request, f"chiến dịch số {campaign_id}")
    campaign, station = found
    detail = campaign_detail(db, campaign)
    today = station_today(station)
    svg = campaign_timeline(campaign.title, detail.events, detail.phases, today)
    return render(
        request,
        "campaign.html",
        campaign=campaign,
        detail=detail,
        review=import_review(db, campaign_id),
        timeline_svg=svg,
        today=today,
        status_labels=CAMPAIGN_STATUS_LABELS,
        kind_labels=PHASE_KIND_LABELS,
        level_labels=LEVEL_LABELS,
        kind_options=[(kind.value, PHASE_KIND_LABELS[kind]) for kind in PhaseKind],
        event_options=[(e.id, e.name[:80]) for e in detail.events],
        can_edit=request.state.actor.can(Action.EDIT_CAMPAIGN, station.id),
        reimport_labels=reimport_labels(),
        open_phase=detail.undated[0].id if detail.undated else None,
        span=phase_span(detail.phases),
    )


@router.get("/chien-dich/{campaign_id:int}/timeline.svg")
def campaign_timeline_svg(
    campaign_id: RowId, request: Request, db: DbDep, _actor: PageActor
) -> Response:
    """The timeline picture alone, as an SVG file."""
    found = visible_row(request, db, Campaign, campaign_id)
    if found is None:
        return not_found_page(request, f"chiến dịch số {campaign_id}")
    campaign, station = found
    detail = campaign_detail(db, campaign)
    svg = campaign_timeline(campaign.title, detail.events, detail.phases, station_today(station))
    return Response(svg, media_type="image/svg+xml")
