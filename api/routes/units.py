"""The organisation tree: list, create, rename, move and delete units (province, commune…)."""

from typing import Any

from fastapi import APIRouter, Response

from api.auth import ScopeDep
from api.deps import DbDep, RowId
from broadcast.models.station import UnitCreate, UnitPublic, UnitUpdate
from broadcast.units import create_unit, delete_unit, update_unit

router = APIRouter(prefix="/units", tags=["units"])


@router.get("", response_model=list[UnitPublic])
def list_units(scope: ScopeDep) -> Any:
    """The units the caller reaches: under a unit they hold a role on (all: a global role)."""
    return scope.units()


@router.post("", response_model=UnitPublic, status_code=201)
def create(data: UnitCreate, db: DbDep, scope: ScopeDep) -> Any:
    """A unit under one the caller administers; a province: global administrators only."""
    return create_unit(db, scope, data)


@router.get("/{unit_id:int}", response_model=UnitPublic)
def get(unit_id: RowId, scope: ScopeDep) -> Any:
    return scope.unit(unit_id)


@router.patch("/{unit_id:int}", response_model=UnitPublic)
def update(unit_id: RowId, patch: UnitUpdate, db: DbDep, scope: ScopeDep) -> Any:
    """Rename a unit, set its code, or move it under another unit the caller administers."""
    return update_unit(db, scope, scope.unit(unit_id), patch)


@router.delete("/{unit_id:int}", status_code=204)
def remove(unit_id: RowId, db: DbDep, scope: ScopeDep) -> Response:
    """Delete an empty unit (no unit or station under it), with the roles held on it."""
    delete_unit(db, scope.unit(unit_id))
    return Response(status_code=204)
