"""Writing a bulletin at a unit: its content, window and targets, until it is approved."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.access import Scope
from broadcast.access.units import stations_under, units_under
from broadcast.audit import current_actor
from broadcast.errors import Conflict, InvalidInput, NotFound
from broadcast.models import AudioAsset
from broadcast.models.session import Bulletin, BulletinCreate, BulletinUpdate
from broadcast.segments import check_voice


def _check(db: Session, bulletin: Bulletin) -> None:
    """InvalidInput naming the field: a window backwards, a deadline outside it, a target not
    below the issuing unit, an unknown voice."""
    if bulletin.air_end < bulletin.air_start:
        raise InvalidInput("air_end", "ngày kết thúc phải không sớm hơn ngày bắt đầu")
    place_by = bulletin.place_by
    if place_by is not None and not bulletin.air_start <= place_by <= bulletin.air_end:
        raise InvalidInput("place_by", "hạn tự xếp lịch phải nằm trong thời gian phát")
    check_voice(bulletin.voice)
    conn = db.connection()
    below = units_under(conn, [bulletin.unit_id])
    for unit_id in bulletin.target_unit_ids:
        if unit_id not in below:
            raise InvalidInput("target_unit_ids", f"đơn vị {unit_id} không trực thuộc đơn vị phát")
    stations = stations_under(conn, [bulletin.unit_id])
    for station_id in bulletin.target_station_ids:
        if station_id not in stations:
            raise InvalidInput("target_station_ids", f"đài {station_id} không trực thuộc đơn vị")


def target_stations(db: Session, bulletin: Bulletin) -> list[int]:
    """The receiving stations: those chosen and those under the chosen units (none chosen:
    every station under the issuing unit), by id."""
    conn = db.connection()
    if not bulletin.target_unit_ids and not bulletin.target_station_ids:
        return sorted(stations_under(conn, [bulletin.unit_id]))
    chosen = set(bulletin.target_station_ids)
    if bulletin.target_unit_ids:
        chosen |= stations_under(conn, bulletin.target_unit_ids)
    return sorted(chosen)


def _contributed(db: Session, bulletin: Bulletin) -> None:
    user_id = current_actor(db).user_id
    if user_id is not None and user_id not in bulletin.contributor_ids:
        bulletin.contributor_ids = sorted({*bulletin.contributor_ids, user_id})


def create_bulletin(db: Session, scope: Scope, data: BulletinCreate) -> Bulletin:
    """A draft bulletin of a unit the caller issues for."""
    scope.unit(data.unit_id, "unit_id")
    bulletin = Bulletin.model_validate(data.model_dump())
    bulletin.author_id = current_actor(db).user_id
    _contributed(db, bulletin)
    _check(db, bulletin)
    db.add(bulletin)
    crud.flush(db)
    return bulletin


def refuse_issued(bulletin: Bulletin) -> None:
    """Conflict: an approved bulletin went out and is no longer changed."""
    if bulletin.approved_at is not None:
        raise Conflict("bản tin đã duyệt và gửi đi, không sửa được", code="bulletin.approved")


def update_bulletin(db: Session, bulletin: Bulletin, patch: BulletinUpdate) -> Bulletin:
    """Edit a draft bulletin (whoever edits it may not approve it)."""
    refuse_issued(bulletin)
    for name, value in patch.model_dump(exclude_unset=True).items():
        setattr(bulletin, name, value)
    _contributed(db, bulletin)
    _check(db, bulletin)
    db.add(bulletin)
    crud.flush(db)
    return bulletin


def attach_bulletin_audio(db: Session, bulletin: Bulletin, asset: AudioAsset) -> Bulletin:
    """Make an uploaded recording the bulletin's audio (it airs instead of the script)."""
    refuse_issued(bulletin)
    bulletin.audio_asset_id = asset.id
    _contributed(db, bulletin)
    db.add(bulletin)
    crud.flush(db)
    return bulletin


def get_bulletin(scope: Scope, bulletin_id: int) -> Bulletin:
    """A bulletin of a unit the caller reaches (for the request's action), else NotFound."""
    bulletin = scope.db.get(Bulletin, bulletin_id)
    if bulletin is None:
        raise NotFound("bản tin", bulletin_id)
    try:
        scope.unit(bulletin.unit_id)
    except NotFound:
        raise NotFound("bản tin", bulletin_id) from None
    return bulletin


def list_bulletins(scope: Scope, limit: int = 200) -> Sequence[Bulletin]:
    """The bulletins of the units the caller reaches, newest first."""
    query = select(Bulletin).order_by(col(Bulletin.id).desc()).limit(limit)
    mine = scope.actor.unit_ids()
    if mine is not None:
        query = query.where(col(Bulletin.unit_id).in_(mine))
    return scope.db.exec(query).all()
