"""Add, list, search, rename and delete library files; how loud each one is in words."""

import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.config import Settings
from broadcast.errors import InUse, InvalidInput
from broadcast.exports import premeasure_asset
from broadcast.library.usage import where_used
from broadcast.media import import_upload
from broadcast.models import (
    AudioAsset,
    LibraryItem,
    LibraryItemPublic,
    LibraryItemUpdate,
    LibraryKind,
    Station,
)
from broadcast.models.common import utcnow

NEAR_TARGET_LU = 2.0  # within this of the station's target, a file sounds as loud as the rest


def fold(text: str) -> str:
    """Text for matching: lower case, without Vietnamese tone marks (đ as d), punctuation and
    runs of spaces as one space."""
    plain = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def loudness_text(lufs: float | None, target_lufs: float) -> str:
    """How loud a file is, in plain words, next to the station's target loudness."""
    if lufs is None:
        return "chưa đo được độ lớn"
    gap = lufs - target_lufs
    if abs(gap) <= NEAR_TARGET_LU:
        return "độ lớn vừa, gần mức chuẩn của đài"
    side = "to" if gap > 0 else "nhỏ"
    change = "giảm" if gap > 0 else "tăng"
    return f"{side} hơn mức chuẩn của đài {abs(gap):.0f} dB, sẽ được tự {change} khi xuất"


def _duplicate(db: Session, station_id: int, asset_id: int | None) -> LibraryItem | None:
    query = select(LibraryItem).where(
        LibraryItem.station_id == station_id, LibraryItem.asset_id == asset_id
    )
    return db.exec(query).first()


def import_for_item(
    db: Session, settings: Settings, station: Station, src: Path, name: str | None
) -> AudioAsset:
    """Convert and measure an uploaded file for a station's library; a file the library holds
    already is refused, naming the item that holds it."""
    asset = import_upload(db, settings, src, name)
    held = _duplicate(db, station.id or 0, asset.id)
    if held is not None:
        raise InvalidInput(
            "file",
            f"tệp '{name or src.name}' đã có trong thư viện: «{held.title}»",
            code="library.duplicate",
        )
    premeasure_asset(settings, station, asset)
    return asset


def _default_title(name: str | None) -> str:
    stem = Path(name or "").stem.replace("_", " ").strip()
    return (stem or "Tệp âm thanh")[:300]


def add_item(
    db: Session,
    settings: Settings,
    station: Station,
    src: Path,
    name: str | None,
    kind: LibraryKind,
    title: str | None = None,
) -> LibraryItem:
    """Bring an uploaded file into a station's library."""
    asset = import_for_item(db, settings, station, src, name)
    item = LibraryItem(
        station_id=station.id or 0,
        asset_id=asset.id or 0,
        kind=kind,
        title=(title or "").strip() or _default_title(name),
    )
    db.add(item)
    crud.flush(db)
    return item


def list_items(
    db: Session,
    station_ids: Collection[int] | None,
    kinds: Collection[LibraryKind] = (),
    q: str = "",
) -> list[LibraryItem]:
    """Library files of these stations (None: every station), of these kinds (empty: all),
    whose title or file name holds `q` (tone marks and case ignored), newest first."""
    query = select(LibraryItem)
    if station_ids is not None:
        query = query.where(col(LibraryItem.station_id).in_(station_ids))
    if kinds:
        query = query.where(col(LibraryItem.kind).in_(kinds))
    rows = list(db.exec(query.order_by(col(LibraryItem.id).desc())).all())
    wanted = fold(q.strip())
    if not wanted:
        return rows
    names = {
        a.id: a.original_name or ""
        for a in db.exec(
            select(AudioAsset).where(col(AudioAsset.id).in_([r.asset_id for r in rows]))
        )
    }
    return [r for r in rows if wanted in fold(f"{r.title} {names.get(r.asset_id, '')}")]


def update_item(db: Session, item: LibraryItem, patch: LibraryItemUpdate) -> LibraryItem:
    """Rename a library file or change its kind."""
    for name, value in patch.model_dump(exclude_unset=True).items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if not item.title:
        raise InvalidInput("title", "tên tệp không được để trống")
    item.updated_at = utcnow()
    db.add(item)
    crud.flush(db)
    return item


def delete_item(db: Session, item: LibraryItem) -> None:
    """Remove a file from the library, only when nothing uses it (the 409 lists the users)."""
    users = where_used(db, item)
    if users:
        names = ", ".join(f"«{use.title}»" for use in users)
        raise InUse(
            f"tệp «{item.title}» đang được dùng: {names}; bỏ chọn tệp ở đó trước khi xoá",
            [use.model_dump() for use in users],
            code="library.in_use",
        )
    crud.delete(db, item)


def item_public(db: Session, item: LibraryItem) -> LibraryItemPublic:
    """The API view of a library file: its audio's duration and loudness, and its users."""
    asset = crud.get_or_raise(db, AudioAsset, item.asset_id)
    station = crud.get_or_raise(db, Station, item.station_id)
    return LibraryItemPublic(
        id=item.id or 0,
        station_id=item.station_id,
        asset_id=item.asset_id,
        kind=item.kind,
        title=item.title,
        original_name=asset.original_name,
        duration_s=asset.duration_s,
        integrated_lufs=asset.integrated_lufs,
        true_peak_dbtp=asset.true_peak_dbtp,
        loudness_text=loudness_text(asset.integrated_lufs, station.target_lufs),
        used_by=where_used(db, item),
        created_at=item.created_at,
        updated_at=item.updated_at,
    )
