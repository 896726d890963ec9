"""Cài đặt: the station's settings, its session slots and the voices (writes for admins only)."""

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session, col, select

from api.deps import DbDep, SettingsDep
from api.web.context import PageStation
from api.web.labels import JINGLE_LABELS, PRESET_LABELS
from api.web.settings_words import (
    ENGINE_WORDS,
    duration_words,
    level,
    profile_words,
    shown_voices,
    windows_text,
    zone_quiet_text,
)
from api.web.templating import render
from api.web.views.library import STATION_BED_KINDS, STATION_JINGLE_KINDS, asset_choices
from audio.playlist import JINGLE_MODES
from audio.presets import PRESETS
from audio.profiles import STANDARD_PROFILES
from broadcast import crud
from broadcast.access import Action
from broadcast.models import Device, LibraryKind, Segment, SegmentKind, SessionSlot, Station
from broadcast.quiet_hours import quiet_slots

router = APIRouter(include_in_schema=False)

WEEKDAY_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def audio_choices(db: Session, station: Station) -> list[tuple[int, str]]:
    """Audio files a station can use as jingle or music bed: its jingle and music segments."""
    kinds = (SegmentKind.JINGLE, SegmentKind.MUSIC)
    query = select(Segment).where(
        Segment.station_id == station.id,
        col(Segment.kind).in_(kinds),
        col(Segment.audio_asset_id).is_not(None),
    )
    choices = {
        row.audio_asset_id: f"{row.title} (tệp #{row.audio_asset_id})"
        for row in db.exec(query.order_by(col(Segment.title), col(Segment.id))).all()
        if row.audio_asset_id is not None
    }
    for current in (station.jingle_asset_id, station.bed_asset_id):
        if current is not None and current not in choices:
            choices[current] = f"Tệp #{current}"
    return list(choices.items())


def library_choices(
    db: Session, station: Station, kinds: Sequence[LibraryKind], current: int | None
) -> list[tuple[int, str]]:
    """The station's library files of these kinds, then its segments' jingle and music files."""
    library = asset_choices(db, station, kinds, None)
    chosen = {asset_id for asset_id, _label in library}
    older = [(a, label) for a, label in audio_choices(db, station) if a not in chosen]
    if current is not None and current not in chosen | {a for a, _label in older}:
        older.append((current, f"Tệp #{current}"))
    return library + older


def quiet_text(station: Station) -> str:
    """The station's quiet hours as the form shows them: "22:00-05:30, 11:30-13:00"."""
    return windows_text(station.quiet_hours or [])


def device_zones(db: Session, station: Station) -> list[str]:
    """The zones the station's devices are in (for per-zone quiet hours)."""
    query = select(Device.zone).where(Device.station_id == station.id, Device.zone != "")
    return sorted(set(db.exec(query).all()))


def profile_choices(station: Station) -> list[tuple[str, str]]:
    """Standard output profiles, plus any other the station already uses, with their words."""
    names = [profile.name for profile in STANDARD_PROFILES]
    names += [name for name in station.output_profiles if name not in names]
    return [(name, profile_words(name)) for name in names]


@router.get("/cai-dat", response_class=HTMLResponse)
def settings_page(request: Request, db: DbDep, settings: SettingsDep, station: PageStation) -> Any:
    """The station, its slots and the voices; forms only for those who manage the station."""
    if station is None:
        return render(request, "settings.html", slots=[], voices=[], can_manage=False)
    slots = list(crud.list_rows(db, SessionSlot, station_id=station.id))
    return render(
        request,
        "settings.html",
        slots=sorted(slots, key=lambda s: (s.start, s.id or 0)),
        voices=shown_voices(settings),
        engine_words=ENGINE_WORDS,
        level=level,
        duration_words=duration_words,
        default_voice=settings.voice,
        tts_engine=settings.tts_engine,
        preset_options=[(name, PRESET_LABELS.get(name, name)) for name in PRESETS],
        jingle_options=[(mode, JINGLE_LABELS.get(mode, mode)) for mode in JINGLE_MODES],
        profiles=profile_choices(station),
        jingle_assets=library_choices(db, station, STATION_JINGLE_KINDS, station.jingle_asset_id),
        bed_assets=library_choices(db, station, STATION_BED_KINDS, station.bed_asset_id),
        preset_labels=PRESET_LABELS,
        jingle_labels=JINGLE_LABELS,
        weekday_short=WEEKDAY_SHORT,
        quiet_text=quiet_text(station),
        zone_quiet_text=zone_quiet_text(station.zone_quiet_hours),
        windows_text=windows_text,
        device_zones=device_zones(db, station),
        quiet_slots=quiet_slots(station, slots),
        can_manage=request.state.actor.can(Action.MANAGE_STATION, station.id),
    )
