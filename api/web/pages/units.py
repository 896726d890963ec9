"""Đơn vị: the organisation tree (province → communes → stations) and a new unit (admins only)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep
from api.web.context import PageActor, PageStation
from api.web.denied import forbidden_page
from api.web.templating import render
from broadcast.access import Action, Scope, visible_stations
from broadcast.models import UnitKind
from broadcast.models.station import STATION_UNIT_KINDS
from broadcast.units import UNIT_KIND_LABELS, unit_tree

router = APIRouter(include_in_schema=False)


@router.get("/don-vi", response_class=HTMLResponse)
def units_page(request: Request, db: DbDep, actor: PageActor, _station: PageStation) -> Any:
    """The units the admin reaches as a tree with their stations; the new-unit form."""
    if not actor.can(Action.MANAGE_STATION):
        return forbidden_page(request, "Đơn vị")
    units = Scope(db, actor).units()
    roots, loose = unit_tree(units, visible_stations(db, actor))
    managed = [u for u in units if actor.can_unit(Action.MANAGE_STATION, u.id or 0)]
    parents = [u for u in managed if u.kind != UnitKind.COMMUNE]
    homes = [u for u in managed if u.kind in STATION_UNIT_KINDS]  # where a station may go
    kinds = [(kind.value, UNIT_KIND_LABELS[kind]) for kind in UnitKind]
    if not actor.can_everywhere(Action.MANAGE_STATION):
        kinds = [k for k in kinds if k[0] != UnitKind.PROVINCE.value]  # provinces: global admins
    return render(
        request,
        "units.html",
        roots=roots,
        loose=loose,
        kind_labels=UNIT_KIND_LABELS,
        kinds=kinds,
        parents=[(u.id, f"{u.name} ({UNIT_KIND_LABELS[u.kind]})") for u in parents],
        homes=[(u.id, f"{u.name} ({UNIT_KIND_LABELS[u.kind]})") for u in homes],
        managed_ids={u.id for u in managed},
    )
