"""Plan import: a plan document becomes a draft campaign; activation after review; re-import.

Importing a plan the station already has is refused (409 ``campaign.plan_exists``) unless
``as_new`` asks for a second campaign on purpose; ``/campaigns/import/preview`` says which
campaign it is and what updating it would change, ``/campaigns/{id}/reimport`` updates it.
"""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from broadcast.campaigns import (
    activate_campaign,
    apply_reimport,
    import_plan,
    plan_import_record,
    preview_import,
    preview_reimport,
)
from broadcast.errors import InvalidInput, NotFound
from broadcast.models import Campaign, CampaignPublic, SessionSlotPublic
from broadcast.plans import MAX_BYTES

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
CHUNK = 1024 * 1024


def _read_capped(upload: UploadFile) -> bytes:
    """The upload's bytes, refusing it as soon as it passes the size cap."""
    data = bytearray()
    while chunk := upload.file.read(CHUNK):
        data.extend(chunk)
        if len(data) > MAX_BYTES:
            raise InvalidInput("file", f"tệp quá lớn (tối đa {MAX_BYTES // CHUNK} MB)")
    return bytes(data)


@router.post("/import", status_code=201)
def import_campaign(
    db: DbDep,
    scope: ScopeDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="Kế hoạch: .txt, .docx hoặc .pdf có chữ")],
    station_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
    as_new: Annotated[bool, Form(description="Nhập thành chiến dịch mới dù đài đã có")] = False,
) -> dict[str, Any]:
    """Create a draft campaign from a plan (default: the caller's first station).

    A plan the station already has (same number, code and issuer) is refused with 409
    ``campaign.plan_exists``; update that campaign instead, or send ``as_new`` to keep two.
    A plain `def`: reading and parsing the document run on a worker thread, never on the
    event loop, so the server keeps answering while a large document is imported.
    """
    station_id = _station_id(scope, station_id)
    data = _read_capped(file)
    return import_plan(db, data, file.filename or "", station_id, settings.voice, as_new)


def _station_id(scope: ScopeDep, station_id: int | None) -> int | None:
    """The station named, or the caller's first one; checked against the caller's stations."""
    if station_id is None:
        mine = scope.stations()
        station_id = mine[0].id if mine else None
    scope.target(station_id)
    return station_id


@router.post("/import/preview")
def import_preview(
    db: DbDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="Kế hoạch: .txt, .docx hoặc .pdf có chữ")],
    station_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
) -> dict[str, Any]:
    """Whether the station already has this plan (`match`) and what updating it would change.

    Nothing is written. `changes` lists the campaign's fields, events, phases and topics
    added, changed and removed, and what happens to the segments of removed ones.
    """
    station_id = _station_id(scope, station_id)
    return preview_import(db, _read_capped(file), file.filename or "", station_id)


@router.post("/{campaign_id:int}/reimport/preview")
def reimport_preview(
    campaign_id: RowId,
    db: DbDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="Bản mới của kế hoạch")],
) -> dict[str, Any]:
    """What updating this campaign from the file would change; nothing is written."""
    campaign = scope.row(Campaign, campaign_id)
    return preview_reimport(db, campaign, _read_capped(file), file.filename or "")


@router.post("/{campaign_id:int}/reimport")
def reimport(
    campaign_id: RowId,
    db: DbDep,
    scope: ScopeDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="Bản mới của kế hoạch")],
) -> dict[str, Any]:
    """Update the campaign in place from a new copy of its plan; the changes made.

    Kept phases and topics keep their ids (segments stay linked). 409
    ``campaign.segments_in_use`` when written segments would be left serving nothing;
    422 ``campaign.other_plan`` when the file is another plan.
    """
    campaign = scope.row(Campaign, campaign_id)
    return apply_reimport(db, campaign, _read_capped(file), file.filename or "", settings.voice)


@router.get("/{campaign_id:int}/import")
def import_record(campaign_id: RowId, db: DbDep, scope: ScopeDep) -> dict[str, Any]:
    """The parse an imported campaign came from: source lines, notes and open items."""
    scope.row(Campaign, campaign_id)
    record = plan_import_record(db, campaign_id)
    if record is None:
        raise NotFound("bản nhập kế hoạch của chiến dịch", campaign_id)
    return {"filename": record.filename, "sha256": record.sha256, "parse": record.parse}


@router.post("/{campaign_id:int}/activate")
def activate(campaign_id: RowId, db: DbDep, scope: ScopeDep) -> dict[str, Any]:
    """Activate a reviewed draft campaign and add the slots its plan proposes."""
    campaign = scope.row(Campaign, campaign_id)
    slots = activate_campaign(db, campaign)
    return {
        "campaign": CampaignPublic.model_validate(campaign).model_dump(mode="json"),
        "slots_created": [
            SessionSlotPublic.model_validate(s).model_dump(mode="json") for s in slots
        ],
    }
