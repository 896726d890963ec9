"""Thiết bị: the station's devices; a new device's token shown once; edit, disable, re-issue a
token."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, RowId, SettingsDep
from api.web.context import PageActor, PageStation, visible_row
from api.web.denied import not_found_page
from api.web.labels import DEVICE_KIND_LABELS, DEVICE_LINK_LABELS
from api.web.settings_words import profile_words
from api.web.templating import render
from api.web.views.device_zones import zone_rows
from api.web.views.played import last_asruns
from audio.profiles import STANDARD_PROFILES
from broadcast.access import Action
from broadcast.devices import link_state, list_devices
from broadcast.models import Device, Station

router = APIRouter(include_in_schema=False)


def profile_choices(station: Station, current: str | None = None) -> list[tuple[str, str]]:
    """Output profiles a device may use (value, text): the station's, the standard ones, and
    its own."""
    standard = [profile.name for profile in STANDARD_PROFILES]
    names = [*station.output_profiles, *standard, *([current] if current else [])]
    return [(name, profile_words(name)) for name in dict.fromkeys(names)]


def clock_offset_words(offset_s: float | None) -> str:
    """A device's clock minus the server's, in words: "nhanh 90 giây", "chậm 2,5 giây"."""
    if offset_s is None:
        return "–"
    if abs(offset_s) < 1:
        return "đúng giờ"
    amount = f"{abs(offset_s):.1f}".removesuffix(".0").replace(".", ",")
    return f"{'nhanh' if offset_s > 0 else 'chậm'} {amount} giây"


def playing_words(device: Device) -> str:
    """What a device said it plays in its last heartbeat."""
    playing = (device.reported_state or {}).get("playing")
    if not playing:
        return "–"
    return str(playing.get("title") or f"buổi phát số {playing.get('session_id')}")


@router.get("/thiet-bi", response_class=HTMLResponse)
def devices_page(
    request: Request, db: DbDep, settings: SettingsDep, station: PageStation, actor: PageActor
) -> Any:
    """The station's devices with their state and link, and (admins) the new-device form."""
    if station is None:
        return render(request, "devices.html", devices=[], can_manage=False)
    devices = list_devices(db, {station.id or 0})
    links = {d.id: link_state(d, settings.device_offline_after_s).value for d in devices}
    return render(
        request,
        "devices.html",
        devices=devices,
        links=links,
        zones=zone_rows(list(devices), links),
        link_labels=DEVICE_LINK_LABELS,
        clock_offset_words=clock_offset_words,
        playing_words=playing_words,
        last_asrun=last_asruns(db, [d.id or 0 for d in devices], station),
        kind_labels=DEVICE_KIND_LABELS,
        profiles=profile_choices(station),
        can_manage=actor.can(Action.MANAGE_DEVICES, station.id),
    )


@router.get("/thiet-bi/{device_id:int}", response_class=HTMLResponse)
def device_page(
    device_id: RowId,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    actor: PageActor,
    _station: PageStation,
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
        link=link_state(device, settings.device_offline_after_s).value,
        link_labels=DEVICE_LINK_LABELS,
        clock_offset_words=clock_offset_words,
        playing_words=playing_words,
        last=last_asruns(db, [device_id], station).get(device_id),
        kind_labels=DEVICE_KIND_LABELS,
        profiles=profile_choices(station, device.output_profile),
        can_manage=actor.can(Action.MANAGE_DEVICES, station.id),
    )
