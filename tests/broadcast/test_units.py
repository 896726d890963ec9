"""broadcast.units and the access path: a well-formed tree, and roles held down it."""

from typing import Any

import pytest
from sqlmodel import Session, select

from broadcast import crud
from broadcast.access import SYSTEM, Action, Actor, Scope
from broadcast.accounts import actor_for, create_user, update_user
from broadcast.errors import Conflict, Forbidden, InvalidInput, NotFound
from broadcast.models import Segment, StationUpdate, Unit, UnitCreate, UnitKind, UnitUpdate
from broadcast.models.accounts import Role, RoleGrant, User, UserCreate, UserUpdate
from broadcast.units import create_unit, delete_unit, update_unit

from factories import create_segment_row, create_station

P, D, C = UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE


def _unit(db: Session, name: str, kind: UnitKind, parent: Unit | None = None) -> Unit:
    data = UnitCreate(name=name, kind=kind, parent_id=parent.id if parent else None)
    return create_unit(db, Scope(db, SYSTEM, Action.MANAGE_STATION), data)


def _field(exc: pytest.ExceptionInfo[InvalidInput]) -> str:
    return str(exc.value.field)


def test_each_kind_sits_under_its_parent_kinds(db: Session) -> None:
    province = _unit(db, "Tỉnh Nghệ An", P)
    district = _unit(db, "Huyện Nghi Lộc (cũ)", D, province)
    _unit(db, "Xã Nghi Phong", C, district)
    ward = _unit(db, "Phường Vinh Tân", C, province)
    for kind, parent in ((P, province), (D, district), (D, ward), (C, ward), (C, None), (D, None)):
        with pytest.raises(InvalidInput) as refused:
            _unit(db, "Sai cấp", kind, parent)
        assert _field(refused) == "parent_id"


def test_a_unit_cannot_move_under_itself(db: Session) -> None:
    province = _unit(db, "Tỉnh A", P)
    district = _unit(db, "Huyện B", D, province)
    commune = _unit(db, "Xã C", C, district)
    scope = Scope(db, SYSTEM, Action.MANAGE_STATION)
    for unit, parent in ((district, district), (province, commune), (district, commune)):
        with pytest.raises(InvalidInput, match="vòng lặp"):
            update_unit(db, scope, unit, UnitUpdate(parent_id=parent.id))
    moved = update_unit(db, scope, commune, UnitUpdate(parent_id=province.id))  # district gone
    assert moved.parent_id == province.id


def test_a_station_belongs_to_a_commune_or_a_province_and_a_unit_empties_first(db: Session) -> None:
    province = _unit(db, "Tỉnh A", P)
    district = _unit(db, "Huyện B", D, province)
    station = create_station(db, name="Đài xã")
    scope = Scope(db, SYSTEM, Action.MANAGE_STATION)
    with pytest.raises(InvalidInput) as refused:
        crud.update(db, station, StationUpdate(unit_id=district.id), guard=scope.check)
    assert _field(refused) == "unit_id"
    crud.update(db, station, StationUpdate(unit_id=province.id), guard=scope.check)
    with pytest.raises(Conflict):
        delete_unit(db, province)


def _user(db: Session, name: str, role: Role, **grant: Any) -> Actor:
    data = UserCreate(
        username=name, password="mat-khau-du-dai", roles=[RoleGrant(role=role, **grant)]
    )
    return actor_for(db, create_user(db, data))


def _again(db: Session, username: str) -> Actor:
    return actor_for(db, db.exec(select(User).where(User.username == username)).one())


def test_a_role_on_a_unit_covers_every_unit_and_station_under_it(db: Session) -> None:
    province = _unit(db, "Tỉnh A", P)
    commune_a, commune_b = (_unit(db, n, C, province) for n in ("Xã A", "Xã B"))
    own = create_station(db, name="Đài tỉnh", unit_id=province.id)
    station_a = create_station(db, name="Đài A", unit_id=commune_a.id)
    station_b = create_station(db, name="Đài B", unit_id=commune_b.id)
    loose = create_station(db, name="Đài riêng")
    editor = _user(db, "bt-tinh", role=Role.EDITOR, unit_id=province.id)
    viewer = _user(db, "xem-xa-a", role=Role.VIEWER, unit_id=commune_a.id)
    assert editor.station_ids() == {own.id, station_a.id, station_b.id}
    assert editor.unit_ids() == {province.id, commune_a.id, commune_b.id}
    assert viewer.station_ids() == {station_a.id} and viewer.unit_ids() == {commune_a.id}
    segment = create_segment_row(db, station_b)
    assert Scope(db, editor, Action.EDIT_SEGMENT).row(Segment, segment.id or 0) == segment
    with pytest.raises(NotFound):
        Scope(db, viewer).row(Segment, segment.id or 0)
    with pytest.raises(Forbidden):  # an editor writes, but does not manage stations or units
        Scope(db, editor, Action.MANAGE_STATION).unit(commune_a.id or 0)
    assert loose.id not in (editor.station_ids() or set())
    later = create_station(db, name="Đài mới", unit_id=commune_b.id)  # a new station is covered
    assert later.id in (_again(db, "bt-tinh").station_ids() or set())


def test_a_unit_admin_grants_roles_and_creates_units_only_below(db: Session) -> None:
    province = _unit(db, "Tỉnh A", P)
    commune = _unit(db, "Xã A", C, province)
    other = _unit(db, "Tỉnh B", P)
    admin = _user(db, "qt-xa", role=Role.ADMIN, unit_id=commune.id)
    scope = Scope(db, admin, Action.MANAGE_STATION)
    with pytest.raises(InvalidInput) as refused:  # a unit out of reach reads as missing
        create_unit(db, scope, UnitCreate(name="Xã mới", kind=C, parent_id=other.id))
    assert _field(refused) == "parent_id"
    with pytest.raises(Forbidden):  # a province: a role on every station
        create_unit(db, scope, UnitCreate(name="Tỉnh C", kind=P))
    assert Scope(db, admin, Action.MANAGE_USERS).unit(commune.id or 0) == commune
    with pytest.raises(NotFound):
        Scope(db, admin).unit(province.id or 0)


def test_a_unit_role_is_not_a_global_role_for_the_last_admin_rule(db: Session) -> None:
    province = _unit(db, "Tỉnh A", P)
    root = create_user(
        db,
        UserCreate(username="goc", password="mat-khau-du-dai", roles=[RoleGrant(role=Role.ADMIN)]),
    )
    _user(db, "qt-tinh", role=Role.ADMIN, unit_id=province.id)
    with pytest.raises(Conflict):
        update_user(db, root, UserUpdate(is_active=False))
