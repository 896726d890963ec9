"""Accounts administration: list, create and change users (admins only for writes)."""

from typing import Any

from fastapi import APIRouter
from sqlmodel import col, select

from api.auth import ScopeDep
from api.deps import DbDep, RowId
from broadcast.accounts import create_user, update_user, user_public
from broadcast.models.accounts import Role, RoleGrant, User, UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserPublic])
def list_users(db: DbDep, scope: ScopeDep) -> Any:
    """The accounts holding a role on the caller's stations, with their roles."""
    rows = scope.visible(db.exec(select(User).order_by(col(User.username))).all())
    return [user_public(db, row) for row in rows]


@router.post("", response_model=UserPublic, status_code=201)
def create(data: UserCreate, db: DbDep, scope: ScopeDep) -> Any:
    """A new account with roles on stations the caller manages (none wider than the caller's)."""
    for grant in data.roles or [RoleGrant(role=Role.VIEWER)]:  # no role: for no station
        scope.target(grant.station_id)
    return user_public(db, create_user(db, data))


@router.get("/{user_id:int}", response_model=UserPublic)
def get(user_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return user_public(db, scope.row(User, user_id))


@router.patch("/{user_id:int}", response_model=UserPublic)
def update(user_id: RowId, patch: UserUpdate, db: DbDep, scope: ScopeDep) -> Any:
    """Change name, password, roles or activity of a user the caller manages on every station."""
    user = scope.row(User, user_id)
    for grant in patch.roles or ():
        scope.target(grant.station_id)
    return user_public(db, update_user(db, user, patch))
