"""Thiết bị: the station's devices; a new device's token shown once; edit, disable, re-issue a
token."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, RowId
from api.web.context import PageActor, PageStation, visible_row
from api.web.denied import not_found_page
from api.web.labels import DEVICE_KIND_LABELS
from api.web.templating import render
from audio.profiles import STANDARD_PROFILES
from broadcast.access import Action
from broadcast.devices import list_devices
from broadcast.models import Device, Station

router = APIRouter(include_in_schema=False)


def profile_choices(station: Station, current: str | None = None) -> list[tuple[str, str]]:
    """Output profiles a device may use (value, text): the station's, the standard ones, and
    its own."""
    standard = [profile.name for profile in STANDARD_PROFILES]
    names = [*station.output_profiles, *standard, *([current] if current else [])]
    return [(name, name) for name in dict.fromkeys(names)]


@router.get("/thiet-bi", response_class=HTMLResponse)
def devices_page(request: Request, db: DbDep, station: PageStation, actor: PageActor) -> Any:
    """The station's devices with their state, and (admins) the new-device form."""
    if station is None:
        return render(request, "devices.html", devices=[], can_manage=False)
    return render(
        request,
        "devices.html",
        devices=list_devices(db, {station.id or 0}),
        kind_labels=DEVICE_KIND_LABELS,
        profiles=profile_choices(station),
        can_manage=actor.can(Action.MANAGE_DEVICES, station.id),
    )


@router.get("/thiet-bi/{device_id:int}", response_class=HTMLResponse)
def device_page(
    device_id: RowId, request: Request, db: DbDep, actor: PageActor, _station: PageStation
) -> Any:
    """One device: its edit form (admins), or its values."""
    found = visible_row(request, db, Device, device_id)
    if found is None:
        return not_found_page(request, f"thiết bị số {device_id}")
    device, station = found
    return render(
        request,
        "device.html",
        device=device,
        kind_labels=DEVICE_KIND_LABELS,
        profiles=profile_choices(station, device.output_profile),
        can_manage=actor.can(Action.MANAGE_DEVICES, station.id),
    )
