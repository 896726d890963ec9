"""Bulletins down the tree: issued and approved at a unit, received by the stations below it."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile
from fastapi.responses import FileResponse

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.uploads import CHUNK, save_upload
from broadcast import crud
from broadcast.bulletins import (
    approve_bulletin,
    attach_bulletin_audio,
    bulletin_deliveries,
    create_bulletin,
    delivery_public,
    get_bulletin,
    list_bulletins,
    order_delivery,
    place_delivery,
    refuse_delivery,
    station_inbox,
    update_bulletin,
)
from broadcast.errors import NotFound
from broadcast.media import asset_audio_file, import_upload
from broadcast.models import AudioAsset, BroadcastSession
from broadcast.models.session import (
    Bulletin,
    BulletinApproval,
    BulletinCreate,
    BulletinDelivery,
    BulletinPublic,
    BulletinUpdate,
    DeliveryOrder,
    DeliveryPlace,
    DeliveryPublic,
    DeliveryRefuse,
)

router = APIRouter(tags=["bulletins"])


def _public(db: DbDep, bulletin: Bulletin) -> BulletinPublic:
    count = len(bulletin_deliveries(db, bulletin.id or 0))
    return BulletinPublic.model_validate(bulletin, update={"deliveries": count})


@router.get("/bulletins", response_model=list[BulletinPublic])
def list_issued(db: DbDep, scope: ScopeDep) -> Any:
    """Bulletins of the units the caller reaches (issued there), newest first."""
    return [_public(db, b) for b in list_bulletins(scope)]


@router.post("/bulletins", response_model=BulletinPublic, status_code=201)
def create(data: BulletinCreate, db: DbDep, scope: ScopeDep) -> Any:
    """A draft bulletin of a unit, to all (or chosen) units and stations below it."""
    return _public(db, create_bulletin(db, scope, data))


@router.get("/bulletins/{bulletin_id:int}", response_model=BulletinPublic)
def get(bulletin_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return _public(db, get_bulletin(scope, bulletin_id))


@router.patch("/bulletins/{bulletin_id:int}", response_model=BulletinPublic)
def update(bulletin_id: RowId, patch: BulletinUpdate, db: DbDep, scope: ScopeDep) -> Any:
    """Edit a draft (not once approved); whoever edits it may not approve it."""
    return _public(db, update_bulletin(db, get_bulletin(scope, bulletin_id), patch))


@router.post("/bulletins/{bulletin_id:int}/audio", response_model=BulletinPublic)
def upload_audio(
    bulletin_id: RowId,
    db: DbDep,
    settings: SettingsDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="Tệp âm thanh (MP3, WAV, M4A, OGG, FLAC…)")],
) -> Any:
    """A recording that airs instead of the script."""
    bulletin = get_bulletin(scope, bulletin_id)
    temp = save_upload(file, settings.uploads_dir, settings.max_upload_mb * CHUNK)
    try:
        asset = import_upload(db, settings, temp, file.filename)
    finally:
        temp.unlink(missing_ok=True)
    return _public(db, attach_bulletin_audio(db, bulletin, asset))


@router.get("/bulletins/{bulletin_id:int}/audio", response_class=FileResponse)
def get_audio(bulletin_id: RowId, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Response:
    """The bulletin's uploaded recording, to hear before approving (404 when it has none)."""
    bulletin = get_bulletin(scope, bulletin_id)
    if bulletin.audio_asset_id is None:
        raise NotFound("Tệp thu âm của bản tin", bulletin_id)
    asset = crud.get_or_raise(db, AudioAsset, bulletin.audio_asset_id)
    path, media_type = asset_audio_file(settings, asset)
    return FileResponse(path, media_type=media_type)


@router.post("/bulletins/{bulletin_id:int}/approve", response_model=list[DeliveryPublic])
def approve(
    bulletin_id: RowId,
    db: DbDep,
    settings: SettingsDep,
    scope: ScopeDep,
    review: BulletinApproval | None = None,
) -> Any:
    """Approve at the issuing unit (four eyes) and deliver to every receiving station."""
    bulletin = get_bulletin(scope, bulletin_id)
    note = review.note if review is not None else ""
    return [delivery_public(db, d) for d in approve_bulletin(db, settings, bulletin, note)]


@router.get("/bulletins/{bulletin_id:int}/deliveries", response_model=list[DeliveryPublic])
def deliveries(bulletin_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """Per receiving station: received, placed, exported, aired, or refused with a reason."""
    bulletin = get_bulletin(scope, bulletin_id)
    return [delivery_public(db, d) for d in bulletin_deliveries(db, bulletin.id or 0)]


@router.get("/stations/{station_id:int}/bulletins", response_model=list[DeliveryPublic])
def inbox(station_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """The bulletins a station received from the units above it, newest first."""
    scope.station(station_id)
    return [delivery_public(db, d) for d in station_inbox(db, station_id)]


@router.post("/deliveries/{delivery_id:int}/place", response_model=DeliveryPublic)
def place(
    delivery_id: RowId, data: DeliveryPlace, db: DbDep, settings: SettingsDep, scope: ScopeDep
) -> Any:
    """Put a received bulletin into one of the station's sessions within its window."""
    delivery = scope.row(BulletinDelivery, delivery_id)
    session = db.get(BroadcastSession, data.playlist_id)
    place_delivery(db, delivery, session, data.position, settings.gap_seconds)
    return delivery_public(db, delivery)


@router.post("/deliveries/{delivery_id:int}/refuse", response_model=DeliveryPublic)
def refuse(delivery_id: RowId, data: DeliveryRefuse, db: DbDep, scope: ScopeDep) -> Any:
    """Refuse a normal bulletin not yet placed, with a reason the issuing unit reads."""
    delivery = scope.row(BulletinDelivery, delivery_id)
    return delivery_public(db, refuse_delivery(db, delivery, data.reason))


@router.post("/deliveries/{delivery_id:int}/order", response_model=DeliveryPublic)
def order(
    delivery_id: RowId, data: DeliveryOrder, db: DbDep, settings: SettingsDep, scope: ScopeDep
) -> Any:
    """Air the bulletin before (default) or after the station's own priority items."""
    delivery = scope.row(BulletinDelivery, delivery_id)
    order_delivery(db, delivery, data.bulletin_first, settings.gap_seconds)
    return delivery_public(db, delivery)
