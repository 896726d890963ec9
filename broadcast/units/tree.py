"""Units of the organisation tree: created, moved and deleted only into a well-formed tree."""

from dataclasses import dataclass, field

from sqlmodel import Session, col, delete, select

from broadcast import crud
from broadcast.access import Scope
from broadcast.access.units import ancestors
from broadcast.errors import Conflict, InvalidInput
from broadcast.models.accounts import UserRole
from broadcast.models.station import Station, Unit, UnitCreate, UnitKind, UnitUpdate

UNIT_KIND_LABELS = {
    UnitKind.PROVINCE: "Tỉnh/Thành phố",
    UnitKind.DISTRICT: "Quận/Huyện (cũ)",
    UnitKind.COMMUNE: "Xã/Phường",
}
# The kinds a unit's parent may be (a province has none).
PARENT_KINDS: dict[UnitKind, frozenset[UnitKind]] = {
    UnitKind.PROVINCE: frozenset(),
    UnitKind.DISTRICT: frozenset({UnitKind.PROVINCE}),
    UnitKind.COMMUNE: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT}),
}


def check_parent(db: Session, kind: UnitKind, parent_id: int | None, unit_id: int | None) -> None:
    """InvalidInput on `parent_id` for a cycle, a missing parent or a parent of the wrong kind."""
    if (
        parent_id is not None
        and unit_id is not None
        and (parent_id == unit_id or unit_id in ancestors(db.connection(), parent_id))
    ):
        raise InvalidInput("parent_id", "đơn vị không thể nằm dưới chính nó (vòng lặp)")
    allowed = PARENT_KINDS[kind]
    label = UNIT_KIND_LABELS[kind]
    if parent_id is None:
        if allowed:
            raise InvalidInput("parent_id", f"{label} cần đơn vị cấp trên")
        return
    parent = db.get(Unit, parent_id)
    if parent is None:
        raise InvalidInput("parent_id", f"đơn vị {parent_id} không tồn tại")
    if parent.kind not in allowed:
        if not allowed:
            raise InvalidInput("parent_id", f"{label} không có đơn vị cấp trên")
        names = ", ".join(UNIT_KIND_LABELS[k] for k in sorted(allowed))
        raise InvalidInput("parent_id", f"{label} chỉ nằm dưới: {names}")


def create_unit(db: Session, scope: Scope, data: UnitCreate) -> Unit:
    """A new unit under one the caller manages (a province: a role on every station)."""
    if data.parent_id is None:  # a unit without a parent: named before the permission
        check_parent(db, data.kind, None, None)
    scope.unit_target(data.parent_id, "parent_id")  # a parent out of reach reads as missing
    check_parent(db, data.kind, data.parent_id, None)
    return crud.create(db, Unit, data)


def update_unit(db: Session, scope: Scope, unit: Unit, patch: UnitUpdate) -> Unit:
    """Rename a unit, change its code or move it under another unit the caller manages."""
    changes = patch.model_dump(exclude_unset=True)
    if "parent_id" in changes and changes["parent_id"] != unit.parent_id:
        scope.unit_target(changes["parent_id"], "parent_id")
        check_parent(db, unit.kind, changes["parent_id"], unit.id)
    return crud.update(db, unit, patch)


def delete_unit(db: Session, unit: Unit) -> None:
    """Delete an empty unit (no unit or station under it) and the roles held on it."""
    child = db.exec(select(Unit.id).where(Unit.parent_id == unit.id)).first()
    station = db.exec(select(Station.id).where(Station.unit_id == unit.id)).first()
    if child is not None or station is not None:
        raise Conflict(
            "đơn vị còn đơn vị hoặc đài trực thuộc, không thể xóa", code="unit.not_empty"
        )
    db.exec(delete(UserRole).where(col(UserRole.unit_id) == unit.id))  # type: ignore[call-overload]
    crud.delete(db, unit)


@dataclass
class UnitNode:
    """A unit with its stations and the units under it, for the tree page."""

    unit: Unit
    stations: list[Station] = field(default_factory=list)
    children: list["UnitNode"] = field(default_factory=list)


def unit_tree(units: list[Unit], stations: list[Station]) -> tuple[list[UnitNode], list[Station]]:
    """The units as trees (roots: units whose parent is not among them), and stations in no unit
    of the list."""
    nodes = {unit.id: UnitNode(unit) for unit in sorted(units, key=lambda u: u.name)}
    loose: list[Station] = []
    for station in stations:
        if station.unit_id in nodes:
            nodes[station.unit_id].stations.append(station)
        else:
            loose.append(station)
    roots: list[UnitNode] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent is not None else roots).append(node)
    return roots, loose
