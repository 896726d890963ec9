"""Accounts administration: list, create and change users (admins only for writes)."""

from typing import Any

from fastapi import APIRouter
from sqlmodel import col, select

from api.deps import DbDep, RowId
from broadcast.accounts import create_user, get_user, update_user, user_public
from broadcast.models.accounts import User, UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserPublic])
def list_users(db: DbDep) -> Any:
    """Every account with its roles."""
    rows = db.exec(select(User).order_by(col(User.username))).all()
    return [user_public(db, row) for row in rows]


@router.post("", response_model=UserPublic, status_code=201)
def create(data: UserCreate, db: DbDep) -> Any:
    """A new account with its roles."""
    return user_public(db, create_user(db, data))


@router.get("/{user_id}", response_model=UserPublic)
def get(user_id: RowId, db: DbDep) -> Any:
    return user_public(db, get_user(db, user_id))


@router.patch("/{user_id}", response_model=UserPublic)
def update(user_id: RowId, patch: UserUpdate, db: DbDep) -> Any:
    """Change name, password, roles or activity; `unlock` lifts a lock-out."""
    return user_public(db, update_user(db, get_user(db, user_id), patch))
