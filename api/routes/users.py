"""Accounts administration: list, create and change users (admins only for writes)."""

from typing import Any

from fastapi import APIRouter
from sqlmodel import col, select

from api.auth import ScopeDep
from api.deps import DbDep, RowId
from broadcast.access import Scope
from broadcast.accounts import create_user, update_user, user_public
from broadcast.models.accounts import Role, RoleGrant, User, UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


def _check_grant(scope: Scope, grant: RoleGrant) -> None:
    """A role on a station or unit the caller manages (on every station: a global admin)."""
    if grant.unit_id is not None:
        scope.unit(grant.unit_id, "roles")
    else:
        scope.target(grant.station_id)


@router.get("", response_model=list[UserPublic])
def list_users(db: DbDep, scope: ScopeDep) -> Any:
    """The accounts holding a role on the caller's stations, with their roles."""
    rows = scope.visible(db.exec(select(User).order_by(col(User.username))).all())
    return [user_public(db, row) for row in rows]


@router.post("", response_model=UserPublic, status_code=201)
def create(data: UserCreate, db: DbDep, scope: ScopeDep) -> Any:
    """A new account with roles on stations the caller manages (none wider than the caller's)."""
    for grant in data.roles or [RoleGrant(role=Role.VIEWER)]:  # no role: for no station
        _check_grant(scope, grant)
    return user_public(db, create_user(db, data))


@router.get("/{user_id:int}", response_model=UserPublic)
def get(user_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return user_public(db, scope.row(User, user_id))


@router.patch("/{user_id:int}", response_model=UserPublic)
def update(user_id: RowId, patch: UserUpdate, db: DbDep, scope: ScopeDep) -> Any:
    """Change name, password, roles or activity of a user the caller manages on every station."""
    user = scope.row(User, user_id)
    for grant in patch.roles or ():
        _check_grant(scope, grant)
    return user_public(db, update_user(db, user, patch))
